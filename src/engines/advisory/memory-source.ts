// An AdvisorySource over records held in memory, indexed like the database file: by ecosystem
// and normalized package name. Used for tests, small advisory sets and the benchmark's baseline.
import type { OsvRecord } from '../../model/advisory.js';
import type { AdvisorySource } from './matcher.js';
import { affectedPackages } from './osv-record.js';
import { normalizePackageName } from './package-name.js';

export class MemoryAdvisorySource implements AdvisorySource {
  private readonly index = new Map<string, OsvRecord[]>();
  private readonly byId = new Map<string, OsvRecord>();

  constructor(records: Iterable<OsvRecord>) {
    for (const record of records) {
      this.byId.set(record.id, record);
      for (const { ecosystem, name } of affectedPackages(record)) {
        const key = `${ecosystem}\u0000${normalizePackageName(ecosystem, name)}`;
        const list = this.index.get(key) ?? [];
        if (!list.includes(record)) list.push(record);
        this.index.set(key, list);
      }
    }
  }

  advisoryById(id: string): OsvRecord | undefined {
    return this.byId.get(id);
  }

  advisoriesFor(ecosystem: string, name: string): readonly OsvRecord[] {
    return this.index.get(`${ecosystem}\u0000${name}`) ?? [];
  }
}

// Alpine packages from apk's database, /lib/apk/db/installed: one "X:value" line per field
// (P name, V version, A architecture, o origin), packages separated by blank lines
// (apk-tools' "installed database" format).
import type { SystemView } from '../view/system-view.js';
import { Collected, type Collector } from './collector.js';
import { MAX_WARNINGS_PER_FILE, readTextSafely } from './read-safely.js';

const INSTALLED = '/lib/apk/db/installed';

interface Draft {
  name?: string;
  version?: string;
  architecture?: string;
  origin?: string;
  line: number;
}

export const apkPackages: Collector<'packages'> = {
  name: 'packages-apk',
  kind: 'packages',
  version: 1,
  liveOnly: false,
  needs: { files: [INSTALLED] },
  async collect(view: SystemView) {
    const out = new Collected(this);
    const text = await readTextSafely(view, INSTALLED, out);
    if (text === null) return out.output();
    let draft: Draft = { line: 1 };
    let bad = 0;
    const finish = () => {
      if (draft.name === undefined && draft.version === undefined) return;
      if (!draft.name || draft.version === undefined) {
        out.warn(`package at line ${draft.line}: no ${draft.name ? 'V:' : 'P:'} line, skipped`, INSTALLED);
        return;
      }
      out.items.push({
        name: draft.name,
        version: draft.version,
        architecture: draft.architecture ?? null,
        sourceName: draft.origin ?? draft.name,
        sourceVersion: draft.version,
        format: 'apk',
        database: INSTALLED,
      });
    };
    text.split('\n').forEach((line, index) => {
      if (line.trim() === '') {
        finish();
        draft = { line: index + 2 };
        return;
      }
      if (line[1] !== ':') {
        bad += 1;
        if (bad <= MAX_WARNINGS_PER_FILE) out.warn(`line ${index + 1}: not a "X:value" line`, INSTALLED);
        return;
      }
      const value = line.slice(2);
      switch (line[0]) {
        case 'P': draft.name = value; break;
        case 'V': draft.version = value; break;
        case 'A': draft.architecture = value; break;
        case 'o': draft.origin = value; break;
      }
    });
    finish();
    if (bad > MAX_WARNINGS_PER_FILE) out.warn(`${bad - MAX_WARNINGS_PER_FILE} more malformed lines`, INSTALLED);
    return out.output();
  },
};

// One registry image scan on the server: the image pulled by the digest the sync saw, streamed
// once through the same pipeline as `palisade scan image` (secrets, malware, history, inventory),
// its packages matched against the server's live advisory database (as host findings are), and
// the sections stored as the scan's result. A failure becomes the scan's error, worded for people.
import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { distroEcosystem } from '../../engines/advisory/distro-ecosystem.js';
import { matchableFromInventory } from '../../engines/advisory/inventory-adapter.js';
import { matchPackages, type AdvisorySource } from '../../engines/advisory/matcher.js';
import { scanImage } from '../../image/image-scan.js';
import type { Inventory } from '../../model/inventory.js';
import { ImageScanResult } from '../../model/registry-api.js';
import type { Report } from '../../model/report.js';
import type { DatabaseInfo } from '../../vulndb/advisory-db.js';
import type { LiveAdvisoryDatabase } from '../advisory-database.js';
import { describeRegistryError, endpointOf } from '../registry-endpoint.js';
import type { SecretBox } from '../secret-box.js';
import { failScan, finishScan, type ImageScanRow } from '../store/image-scans.js';
import type { Database } from '../store/schema.js';
import type { Clock } from '../store/tenant-scope.js';

/** Every image scanner but `vuln`, which runs here against the server's database instead of a file. */
const SCANNERS = ['secret', 'malware', 'history', 'inventory'];

export interface ImageScanDeps {
  readonly db: Kysely<Database>;
  readonly secrets: SecretBox;
  readonly advisories: LiveAdvisoryDatabase;
  readonly clock: Clock;
  readonly log: Logger;
}

/** Which database matched: its file name only, since tenants have no business with the server's paths. */
function databaseInfo(source: AdvisorySource, path: string): { path: string; builtAt: string | null; advisories: number } {
  const info = (source as { info?: () => DatabaseInfo }).info?.();
  return { path: basename(path), builtAt: info?.builtAt ?? null, advisories: info?.advisories ?? 0 };
}

/** The stored result: the report's sections, vulnerabilities matched on the server. */
export function resultOf(report: Report & Record<string, unknown>, advisories: LiveAdvisoryDatabase, now: Date): ImageScanResult {
  const inventory = report.inventory as Inventory | undefined;
  const packages = inventory?.packages ?? [];
  const jars = inventory?.jars ?? [];
  const os = inventory?.host?.os ?? null;
  const distro = os ? distroEcosystem(os) : { ecosystem: null, reason: 'no /etc/os-release' };
  const adapted = matchableFromInventory(packages, jars, distro.ecosystem, distro.ecosystem === null ? distro.reason : undefined);
  // current() right before the synchronous match: a refresh cannot close it underneath.
  const source = advisories.current();
  const matched = matchPackages(adapted.packages, source, { now });
  return ImageScanResult.parse({
    image: report.image,
    history: report.history ?? null,
    packages,
    jars,
    vulnerabilities: matched.vulnerabilities,
    vulnerabilityScan: {
      ecosystems: [...new Set(adapted.packages.map((p) => p.ecosystem))].sort(),
      packagesScanned: adapted.packages.length,
      database: databaseInfo(source, advisories.path),
      notes: [...adapted.notes, ...matched.problems.map((p) => `${p.package} ${p.version}: ${p.message}`), ...matched.notes],
    },
    secrets: report.secrets ?? [],
    malware: report.malware ?? [],
    warnings: report.warnings,
  });
}

/** Runs a claimed scan to its end: done with a result, or failed with the reason. */
export async function runImageScan(deps: ImageScanDeps, scan: Omit<ImageScanRow, 'result'>): Promise<void> {
  const image = await deps.db.selectFrom('registry_images').selectAll().where('id', '=', scan.image_id).executeTakeFirst();
  const registry = image && (await deps.db.selectFrom('registries').selectAll().where('id', '=', image.registry_id).executeTakeFirst());
  if (!image || !registry) {
    await failScan(deps.db, scan.id, 'the image or its registry was deleted', deps.clock().toISOString());
    return;
  }
  try {
    const endpoint = endpointOf(registry, deps.secrets);
    // The digest the tag points at now (the last sync): the stored result names what it describes.
    const digest = image.digest ?? scan.digest;
    const reference = `${endpoint.host}/${image.repository}${digest ? `@${digest}` : `:${image.tag}`}`;
    const { report } = await scanImage({
      reference,
      ...(endpoint.credentials ? { credentials: endpoint.credentials } : {}),
      ignoreDockerConfig: true,
      insecure: endpoint.insecure,
      timeoutMs: 60_000,
      scanners: SCANNERS,
      options: {},
      now: deps.clock,
    });
    const result = resultOf(report as Report & Record<string, unknown>, deps.advisories, deps.clock());
    await finishScan(deps.db, scan, result.image.digest ?? digest ?? '', result, deps.clock().toISOString());
    deps.log.info({ scanId: scan.id, repository: image.repository, tag: image.tag, vulnerabilities: result.vulnerabilities.length, secrets: result.secrets.length }, 'image scan done');
  } catch (error) {
    const message = describeRegistryError(error);
    deps.log.warn({ scanId: scan.id, repository: image.repository, tag: image.tag, error: message }, 'image scan failed');
    await failScan(deps.db, scan.id, message, deps.clock().toISOString());
  }
}

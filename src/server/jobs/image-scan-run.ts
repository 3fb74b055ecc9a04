// One registry image scan on the server: the image pulled by the digest the sync saw, streamed
// once through the same pipeline as `palisade scan image` (secrets, malware, history, inventory),
// its packages matched against the server's live advisory database (as host findings are), and
// the sections stored as the scan's result. A failure becomes the scan's error, worded for people.
// Results belong to the digest: a tag that appears at a digest the tenant scanned within the
// registry's rescan period takes that result, its packages matched again against today's advisories.
import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { distroEcosystem } from '../../engines/advisory/distro-ecosystem.js';
import { matchableFromInventory } from '../../engines/advisory/inventory-adapter.js';
import { matchPackages, type AdvisorySource } from '../../engines/advisory/matcher.js';
import { scanImage } from '../../image/image-scan.js';
import type { Inventory, Jar, Package } from '../../model/inventory.js';
import { ImageScanResult } from '../../model/registry-api.js';
import type { Report } from '../../model/report.js';
import type { DatabaseInfo } from '../../vulndb/advisory-db.js';
import type { LiveAdvisoryDatabase } from '../advisory-database.js';
import { describeRegistryError, endpointOf } from '../registry-endpoint.js';
import type { SecretBox } from '../secret-box.js';
import { failScan, finishScan, parseResult, type ImageScanRow } from '../store/image-scans.js';
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

type Distro = NonNullable<ImageScanResult['distro']>;

/** Which database matched: its file name only, since tenants have no business with the server's paths. */
function databaseInfo(source: AdvisorySource, path: string): { path: string; builtAt: string | null; advisories: number } {
  const info = (source as { info?: () => DatabaseInfo }).info?.();
  return { path: basename(path), builtAt: info?.builtAt ?? null, advisories: info?.advisories ?? 0 };
}

/** The packages matched against the server's database now. */
function matchNow(packages: readonly Package[], jars: readonly Jar[], distro: Distro, advisories: LiveAdvisoryDatabase, now: Date): Pick<ImageScanResult, 'vulnerabilities' | 'vulnerabilityScan'> {
  const adapted = matchableFromInventory(packages, jars, distro.ecosystem, distro.reason ?? undefined);
  // current() right before the synchronous match: a refresh cannot close it underneath.
  const source = advisories.current();
  const matched = matchPackages(adapted.packages, source, { now });
  return {
    vulnerabilities: matched.vulnerabilities,
    vulnerabilityScan: {
      ecosystems: [...new Set(adapted.packages.map((p) => p.ecosystem))].sort(),
      packagesScanned: adapted.packages.length,
      database: databaseInfo(source, advisories.path),
      notes: [...adapted.notes, ...matched.problems.map((p) => `${p.package} ${p.version}: ${p.message}`), ...matched.notes],
    },
  };
}

/** The stored result: the report's sections, vulnerabilities matched on the server. */
export function resultOf(report: Report & Record<string, unknown>, advisories: LiveAdvisoryDatabase, now: Date): ImageScanResult {
  const inventory = report.inventory as Inventory | undefined;
  const packages = inventory?.packages ?? [];
  const jars = inventory?.jars ?? [];
  const os = inventory?.host?.os ?? null;
  const found = os ? distroEcosystem(os) : { ecosystem: null, reason: 'no /etc/os-release' };
  const distro: Distro = { ecosystem: found.ecosystem, reason: found.ecosystem === null ? found.reason : null };
  return ImageScanResult.parse({
    image: report.image,
    history: report.history ?? null,
    packages,
    jars,
    ...matchNow(packages, jars, distro, advisories, now),
    distro,
    reusedFrom: null,
    secrets: report.secrets ?? [],
    malware: report.malware ?? [],
    warnings: report.warnings,
  });
}

/** A finished scan of the same digest in the tenant since `since`, its vulnerabilities matched again. */
async function reusableResult(deps: ImageScanDeps, scan: Pick<ImageScanRow, 'id' | 'tenant_id'>, digest: string, since: string): Promise<ImageScanResult | null> {
  const twin = await deps.db
    .selectFrom('image_scans')
    .select(['id', 'result'])
    .where('tenant_id', '=', scan.tenant_id)
    .where('digest', '=', digest)
    .where('status', '=', 'done')
    .where('finished_at', '>', since)
    .where('id', '!=', scan.id)
    .orderBy('finished_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const earlier = twin ? parseResult(twin) : null;
  // Results from before the distribution was recorded cannot be matched again: scan afresh.
  if (!twin || !earlier?.distro) return null;
  return { ...earlier, ...matchNow(earlier.packages, earlier.jars, earlier.distro, deps.advisories, deps.clock()), reusedFrom: twin.id };
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
    // The digest the tag points at now (the last sync): the stored result names what it describes.
    const digest = image.digest ?? scan.digest;
    // A new or moved tag at a digest already scanned is the same content; asked-for and scheduled
    // scans read the image again (a newer scanner may find more).
    if (digest && (scan.reason === 'new-tag' || scan.reason === 'digest-changed')) {
      const since = new Date(deps.clock().getTime() - registry.rescan_hours * 3600_000).toISOString();
      const reused = await reusableResult(deps, scan, digest, since);
      if (reused) {
        await finishScan(deps.db, scan, digest, reused, deps.clock().toISOString());
        deps.log.info({ scanId: scan.id, reusedFrom: reused.reusedFrom, repository: image.repository, tag: image.tag }, 'image scan result reused for the same digest');
        return;
      }
    }
    const endpoint = endpointOf(registry, deps.secrets);
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
    // The digest the tag names (an index for a multi-platform image); the facts hold the platform's.
    await finishScan(deps.db, scan, digest ?? result.image.digest ?? '', result, deps.clock().toISOString());
    deps.log.info({ scanId: scan.id, repository: image.repository, tag: image.tag, vulnerabilities: result.vulnerabilities.length, secrets: result.secrets.length }, 'image scan done');
  } catch (error) {
    const message = describeRegistryError(error);
    deps.log.warn({ scanId: scan.id, repository: image.repository, tag: image.tag, error: message }, 'image scan failed');
    await failScan(deps.db, scan.id, message, deps.clock().toISOString());
  }
}

// `palisade scan image` without the command line: open the image (archive, layout or registry),
// stream its layers once into an ImageView while the secret and malware visitors see every
// file of every layer, run the other scanners over the merged view, and add the image facts and
// build history. The CLI and the server's registry scans both call this.
import { collectors } from '../collectors/index.js';
import { analyzeHistory } from '../engines/image-history/image-history.js';
import { CACHE_DIRS } from '../engines/image-history/checks/package-cache.js';
import type { SecretHit } from '../engines/image-history/history-check.js';
import type { ScanWarning } from '../model/common.js';
import type { ImageFacts, ImageHistory } from '../model/image.js';
import type { Report } from '../model/report.js';
import { scanners } from '../scan/index.js';
import { runScan } from '../scan/run-scan.js';
import type { ScanContext, ViewScanner } from '../scan/scanner.js';
import { secretEngineFor } from '../scan/secret-scanner.js';
import { defaultNeeds, type FileNeeds, type LayerFileVisitor } from '../view/file-needs.js';
import { ImageView } from '../view/image-view.js';
import { credentialsFromDockerConfig, defaultDockerConfigPath } from './docker-config.js';
import { ImageError } from './image-error.js';
import { imageFacts } from './image-facts.js';
import type { ImageSource, LayerInfo } from './image-source.js';
import { withLimits, type ImageLimits } from './limits.js';
import { openImageInput } from './open-archive.js';
import { parsePlatform } from './platform.js';
import { parseReference } from './reference.js';
import type { Credentials } from './registry-auth.js';
import { openRegistryImage } from './registry-source.js';

/** What `--scanners` accepts for images; "history" is image-only and computed here. */
export const IMAGE_SCANNERS = ['vuln', 'secret', 'malware', 'history', 'inventory'] as const;

export interface ImageProgress {
  layer(layer: LayerInfo, count: number, done: boolean): void;
  bytes(compressedBytes: number): void;
}

export interface ImageScanRequest {
  readonly reference?: string;
  readonly input?: string;
  readonly platform?: string;
  readonly tag?: string;
  readonly credentials?: Credentials;
  readonly dockerConfig?: string;
  /** Registry scans of the server: a tenant's registry must never borrow the server user's ~/.docker credentials. */
  readonly ignoreDockerConfig?: boolean;
  readonly insecure?: boolean;
  readonly timeoutMs?: number;
  readonly scanners: readonly string[];
  /** Passed to scanners as ScanContext.options (rule files, size caps, --db…). */
  readonly options: Readonly<Record<string, unknown>>;
  readonly now: () => Date;
  readonly limits?: Partial<ImageLimits>;
  readonly progress?: ImageProgress;
}

export interface ImageScanResult {
  /** The report of every scan target, plus "image" and (with the history scanner) "history". */
  readonly report: Report & { image: ImageFacts; history?: ImageHistory };
  /** What renders the table: the image section first, then each scanner that ran. */
  readonly ran: readonly ViewScanner[];
}

/** Version of what "history" computes (STYLE.md habit 4). */
const HISTORY_VERSION = 1;

type SectionVisitor = LayerFileVisitor & { sections(): Record<string, unknown> };

/**
 * Scanners that read every file (secret, malware) offer `layerVisitor`: over an image it replaces
 * scan(), seeing every file of every layer, deleted ones included, while each layer streams.
 */
function layerVisitorOf(scanner: ViewScanner): ((context: ScanContext) => SectionVisitor) | undefined {
  const candidate = (scanner as { layerVisitor?: unknown }).layerVisitor;
  return typeof candidate === 'function' ? (candidate as (context: ScanContext) => SectionVisitor) : undefined;
}

export async function openImage(request: ImageScanRequest, limits: ImageLimits): Promise<ImageSource> {
  const platform = request.platform ? parsePlatform(request.platform) : undefined;
  if (request.input) {
    return openImageInput(request.input, { limits, ...(platform ? { platform } : {}), ...(request.tag ? { tag: request.tag } : {}) });
  }
  if (!request.reference) throw new ImageError('not-found', 'palisade scan image', 'name an image reference or pass --input FILE|DIR');
  const reference = parseReference(request.reference);
  const credentials =
    request.credentials ??
    (request.ignoreDockerConfig ? undefined : await credentialsFromDockerConfig(request.dockerConfig ?? defaultDockerConfigPath(), reference.registryName, request.dockerConfig !== undefined));
  return openRegistryImage(reference, {
    limits,
    ...(credentials ? { credentials } : {}),
    ...(request.insecure ? { insecure: true } : {}),
    ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}),
    ...(platform ? { platform } : {}),
  });
}

function selectImageScanners(names: readonly string[]): { view: ViewScanner[]; visitors: ViewScanner[]; history: boolean } {
  const view: ViewScanner[] = [];
  const visitors: ViewScanner[] = [];
  for (const name of new Set(names)) {
    if (name === 'history') continue;
    const scanner = scanners.get(name);
    if (!scanner) {
      throw new ImageError('not-found', '--scanners', `unknown scanner "${name}"; known: ${[...new Set([...IMAGE_SCANNERS, ...scanners.keys()])].join(', ')}`);
    }
    (layerVisitorOf(scanner) ? visitors : view).push(scanner);
  }
  return { view, visitors, history: names.includes('history') };
}

/** Files the view keeps: what collectors and scanners declared (or the built-in default). */
function declaredNeeds(view: readonly ViewScanner[]): FileNeeds[] {
  const needs: FileNeeds[] = collectors.map((collector) => ({
    ...(collector.needs.files ? { paths: collector.needs.files } : {}),
    ...(collector.needs.dirs ? { dirs: collector.needs.dirs } : {}),
    ...(collector.needs.match ? { match: collector.needs.match } : {}),
  }));
  for (const scanner of view) {
    const declared = (scanner as { needs?: FileNeeds }).needs;
    needs.push(declared ?? defaultNeeds);
  }
  return needs.length > 0 ? needs : [defaultNeeds];
}

async function cacheFiles(view: ImageView): Promise<{ path: string; size: number }[]> {
  const files: { path: string; size: number }[] = [];
  for (const cache of CACHE_DIRS) {
    for await (const entry of view.walk(cache.dir)) if (entry.type === 'file') files.push({ path: entry.path, size: entry.size });
  }
  return files;
}

function secretFinder(options: Readonly<Record<string, unknown>>): (text: string) => SecretHit[] {
  const { engine } = secretEngineFor(options);
  return (text) =>
    engine.scan('image history', Buffer.from(text)).findings.map((finding) => ({ ruleId: finding.ruleId, evidence: finding.match, fingerprint: finding.fingerprint }));
}

export async function scanImage(request: ImageScanRequest, renderImage?: ViewScanner): Promise<ImageScanResult> {
  const limits = withLimits(request.limits);
  const selected = selectImageScanners(request.scanners);
  const startedAt = request.now().toISOString();
  const warnings: ScanWarning[] = [];
  const context: ScanContext = { now: request.now, options: request.options, warn: (warning) => warnings.push(warning) };
  const visitors = selected.visitors.map((scanner) => (layerVisitorOf(scanner) as (context: ScanContext) => SectionVisitor)(context));
  const source = await openImage(request, limits);
  const { progress } = request;
  const view = await ImageView.build(source, {
    needs: declaredNeeds(selected.view),
    visitors,
    limits,
    ...(progress ? { onLayer: (layer: LayerInfo, done: boolean) => progress.layer(layer, source.layers.length, done), onBytes: (bytes: number) => progress.bytes(bytes) } : {}),
  });
  try {
    let history: ImageHistory | undefined;
    if (selected.history) {
      const settings = source.config.config ?? {};
      history = analyzeHistory({
        user: settings.User ?? '',
        env: settings.Env ?? [],
        labels: settings.Labels ?? {},
        history: source.config.history ?? [],
        layerSizes: view.layers.map((layer) => layer.size),
        cacheFiles: await cacheFiles(view),
        findSecrets: secretFinder(request.options),
      });
    }
    const merged = await runScan({ view, scanners: selected.view.map((scanner) => scanner.name), options: request.options, now: request.now });
    const visited = selected.visitors;
    const { schemaVersion, palisadeVersion, finishedAt, scanners: ranScanners, warnings: scanWarnings, target: _target, startedAt: _started, ...sections } = merged.report;
    const report: ImageScanResult['report'] = {
      schemaVersion,
      palisadeVersion,
      target: { kind: 'image', name: source.name },
      startedAt,
      finishedAt,
      scanners: [
        ...visited.map((scanner) => ({ name: scanner.name, version: scanner.version })),
        ...(history ? [{ name: 'history', version: HISTORY_VERSION }] : []),
        ...ranScanners,
      ],
      image: imageFacts(view),
      ...(history ? { history } : {}),
      ...Object.assign({}, ...visitors.map((visitor) => visitor.sections())),
      ...sections,
      warnings: [...warnings, ...scanWarnings],
    };
    return { report, ran: [...(renderImage ? [renderImage] : []), ...visited, ...merged.ran] };
  } finally {
    await view.close();
  }
}

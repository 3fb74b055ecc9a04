// `palisade scan image REF` or `--input FILE|DIR`: a container image from a registry, a
// docker-archive, an OCI archive or an OCI layout directory, scanned once (src/image/image-scan.ts).
// JSON adds "image" and "history" to the scanners' sections; --exit-code fails CI on findings.
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { ImageFacts, ImageHistory } from '../model/image.js';
import { ImageError } from '../image/image-error.js';
import { IMAGE_SCANNERS, scanImage, type ImageProgress } from '../image/image-scan.js';
import { writers } from '../report/index.js';
import { countFindings } from '../scan/run-scan.js';
import { ALL_SEVERITIES, parseSeverities } from '../scan/severity-option.js';
import type { ViewScanner } from '../scan/scanner.js';

interface ImageCommandOptions {
  readonly input?: string;
  readonly scanners: string;
  readonly platform?: string;
  readonly tag?: string;
  readonly username?: string;
  readonly password?: string;
  readonly dockerConfig?: string;
  readonly insecure?: boolean;
  readonly timeout: string;
  readonly format: string;
  readonly output?: string;
  readonly severity: string;
  readonly exitCode: string;
  readonly db?: string;
  readonly secretRules?: string[];
  readonly malwareRules?: string[];
  readonly malwareHashes?: string[];
}

function renderHistory(history: ImageHistory): string {
  const lines = ['Build history'];
  for (const step of history.steps) {
    const size = step.emptyLayer ? '-' : `${step.layerSize ?? 0} B`;
    lines.push(`  ${String(step.index).padStart(3)}  ${size.padStart(12)}  ${step.command.slice(0, 110)}`);
  }
  lines.push(history.findings.length === 0 ? 'History checks: nothing found' : `History checks (${history.findings.length})`);
  for (const finding of history.findings) {
    lines.push(`  ${finding.severity.toUpperCase().padEnd(8)} ${finding.check.padEnd(18)} ${finding.message}${finding.evidence ? `\n           ${finding.evidence}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function renderImage(image: ImageFacts): string {
  return [
    `Image ${image.name} (${image.format})`,
    `  id ${image.id}${image.digest ? `\n  digest ${image.digest}` : ''}`,
    `  ${[image.os, image.architecture, image.variant].filter(Boolean).join('/')}, ${image.layers.length} layers, ${image.size} bytes uncompressed`,
    `  user ${image.user || '(root)'}; entrypoint ${JSON.stringify(image.entrypoint)}; cmd ${JSON.stringify(image.cmd)}`,
    `  ports ${image.exposedPorts.join(', ') || 'none'}; env ${image.envNames.join(', ') || 'none'}`,
  ].join('\n') + '\n';
}

/** The image's own sections in the table writer, rendered before the scanners' ones. */
export const imageSections: ViewScanner = {
  name: 'image',
  version: 1,
  scan: async () => ({}),
  renderTable(sections) {
    const image = sections.image as ImageFacts | undefined;
    const history = sections.history as ImageHistory | undefined;
    return [image ? renderImage(image) : '', history ? renderHistory(history) : ''].filter(Boolean).join('\n');
  },
};

/** One line rewritten in place on a terminal; nothing at all in a pipe. */
function terminalProgress(): ImageProgress | undefined {
  if (!process.stderr.isTTY) return undefined;
  let current = '';
  let bytes = 0;
  const draw = () => process.stderr.write(`\r\x1b[K${current} ${(bytes / 1048576).toFixed(1)} MiB`);
  return {
    layer(layer, count, done) {
      current = `layer ${layer.index + 1}/${count}`;
      if (done && layer.index + 1 === count) process.stderr.write('\r\x1b[K');
      else draw();
    },
    bytes(more) {
      bytes += more;
      draw();
    },
  };
}

export async function runScanImage(reference: string | undefined, options: ImageCommandOptions): Promise<{ output: string; exitCode: number }> {
  if (!reference && !options.input) throw new Error('scan image: name an image reference or pass --input FILE|DIR');
  if (reference && options.input) throw new Error('scan image: give a reference or --input, not both');
  const writer = writers.get(options.format);
  if (!writer) throw new Error(`--format: "${options.format}" is not one of ${[...writers.keys()].join(', ')}`);
  const severities = parseSeverities(options.severity);
  const exitCode = Number(options.exitCode);
  if (!Number.isInteger(exitCode) || exitCode < 0 || exitCode > 255) throw new Error(`--exit-code: "${options.exitCode}" is not a number from 0 to 255`);
  const timeoutMs = Number(options.timeout) * 1000;
  if (!(timeoutMs > 0)) throw new Error(`--timeout ${options.timeout}: not a number of seconds`);
  const password = options.password ?? process.env.PALISADE_REGISTRY_PASSWORD;
  if (options.username && password === undefined) throw new Error('--username needs --password (or PALISADE_REGISTRY_PASSWORD)');
  const progress = terminalProgress();
  const result = await scanImage(
    {
      ...(reference ? { reference } : {}),
      ...(options.input ? { input: options.input } : {}),
      ...(options.platform ? { platform: options.platform } : {}),
      ...(options.tag ? { tag: options.tag } : {}),
      ...(options.username && password !== undefined ? { credentials: { username: options.username, password } } : {}),
      ...(options.dockerConfig ? { dockerConfig: options.dockerConfig } : {}),
      ...(options.insecure ? { insecure: true } : {}),
      timeoutMs,
      scanners: options.scanners.split(',').map((name) => name.trim()).filter(Boolean),
      options: { ...options },
      now: () => new Date(),
      ...(progress ? { progress } : {}),
    },
    imageSections,
  );
  const output = writer.write(result);
  return { output, exitCode: exitCode !== 0 && countFindings(result.report, severities) > 0 ? exitCode : 0 };
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerScanImage(scan: Command): void {
  scan
    .command('image')
    .description('scan a container image from a registry, a docker-archive, an OCI archive or an OCI layout directory')
    .argument('[reference]', 'image reference, e.g. registry.example.com/team/app:1.2')
    .option('--input <path>', 'a docker-archive or OCI archive (gzipped or not), or an OCI layout directory')
    .option('--scanners <list>', `comma-separated: ${IMAGE_SCANNERS.join(',')}`, IMAGE_SCANNERS.join(','))
    .option('--platform <os/arch[/variant]>', 'the image to pick from a multi-platform index')
    .option('--tag <repo:tag>', 'the image to pick from an archive holding several')
    .option('--username <name>', 'registry user (basic auth or token server)')
    .option('--password <password>', 'registry password (or PALISADE_REGISTRY_PASSWORD)')
    .option('--docker-config <file>', 'credentials from a docker config.json (default ~/.docker/config.json)')
    .option('--insecure', 'allow plain HTTP and self-signed TLS registries')
    .option('--timeout <seconds>', 'registry answer and stall timeout', '30')
    .option('--db <file>', 'advisory database for the vuln scanner')
    .option('--secret-rules <file>', 'extra secret rules (gitleaks TOML), repeatable', collect)
    .option('--malware-rules <path>', 'extra YARA rule files or directories, repeatable', collect)
    .option('--malware-hashes <file>', 'SHA-256 list of known-bad files, repeatable', collect)
    .option('--format <format>', `output format (${[...writers.keys()].join(', ')})`, 'table')
    .option('-o, --output <file>', 'write the report to this file instead of stdout')
    .option('--severity <levels>', 'severities that count (and vulnerabilities shown)', ALL_SEVERITIES)
    .option('--exit-code <n>', 'exit with this code when findings of --severity exist', '0')
    .action(async (reference: string | undefined, options: ImageCommandOptions) => {
      try {
        const { output, exitCode } = await runScanImage(reference, options);
        if (options.output) await writeFile(options.output, output);
        else process.stdout.write(output);
        process.exitCode = exitCode;
      } catch (error) {
        if (error instanceof ImageError) {
          console.error(`palisade: ${error.message}`);
          process.exitCode = 2;
          return;
        }
        throw error;
      }
    });
}

// The `secret` scanner: the bundled secret rules plus user rule files (gitleaks TOML) over every
// regular file of a view. Over an image, the image view hands every file of every layer to the
// visitor from `secretLayerVisitor`, so secrets in files a later layer deleted are found too.
import { readFileSync } from 'node:fs';
import type { SecretFinding } from '../model/secret.js';
import type { RuleLoadIssue } from '../model/secret.js';
import { SecretEngine } from '../engines/secret/secret-engine.js';
import { loadSecretRules, mergeSecretRuleSets, type SecretRuleSet } from '../engines/secret/secret-rules.js';
import type { LayerFile, LayerFileVisitor } from '../view/file-needs.js';
import type { ScanContext, ViewScanner } from './scanner.js';
import { listOption, numberOption, regularFiles, type WalkCounts } from './view-regular-files.js';

const BUNDLED_RULES = new URL('../../rules/secrets/palisade-secrets.toml', import.meta.url);
/** Secrets live in text files of modest size; bigger files are data, archives or binaries. */
export const DEFAULT_SECRET_MAX_FILE_BYTES = 10 * 1024 * 1024;

interface LoadedSecretEngine {
  readonly engine: SecretEngine;
  readonly issues: readonly RuleLoadIssue[];
}

const engines = new Map<string, LoadedSecretEngine>();

function readRuleFile(file: string | URL, name: string): SecretRuleSet {
  try {
    return loadSecretRules(readFileSync(file, 'utf8'), name);
  } catch (error) {
    const message = `cannot read rule file: ${error instanceof Error ? error.message : String(error)}`;
    return { rules: [], allowlists: [], issues: [{ level: 'error', file: name, message }] };
  }
}

/**
 * The engine for these options (`secretRules`: user rule files, `secretNoBundled`: skip the
 * bundled rules, `secretScanBinary`), loaded once and reused.
 */
export function secretEngineFor(options: Readonly<Record<string, unknown>> = {}): LoadedSecretEngine {
  const files = listOption(options, 'secretRules');
  const bundled = options.secretNoBundled !== true;
  const scanBinary = options.secretScanBinary === true;
  const key = JSON.stringify([files, bundled, scanBinary]);
  let loaded = engines.get(key);
  if (!loaded) {
    const sets = [...(bundled ? [readRuleFile(BUNDLED_RULES, 'bundled:palisade-secrets.toml')] : []), ...files.map((f) => readRuleFile(f, f))];
    const merged = mergeSecretRuleSets(sets);
    loaded = { engine: new SecretEngine(merged, { scanBinary }), issues: merged.issues };
    engines.set(key, loaded);
  }
  return loaded;
}

/**
 * Secrets in one file's bytes, masked. The image view calls this (through the layer visitor) for
 * every file of every layer; `layer` is the layer's diff_id.
 */
export function scanFileBytes(path: string, bytes: Buffer, layer?: string, engine: SecretEngine = secretEngineFor().engine): SecretFinding[] {
  return engine.scan(path, bytes).findings.map((finding) => (layer === undefined ? finding : { ...finding, layer }));
}

function reportIssues(issues: readonly RuleLoadIssue[], context: ScanContext): void {
  for (const issue of issues) {
    const where = [issue.ruleId && `rule ${issue.ruleId}`, issue.line !== undefined && `line ${issue.line}`].filter(Boolean).join(', ');
    context.warn({ source: 'secret', path: issue.file, message: `${issue.level}${where ? ` (${where})` : ''}: ${issue.message}` });
  }
}

function sorted(findings: SecretFinding[]): SecretFinding[] {
  return findings.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.ruleId.localeCompare(b.ruleId) || (a.layer ?? '').localeCompare(b.layer ?? ''));
}

export interface SecretLayerVisitor extends LayerFileVisitor {
  /** The report section, once every layer was streamed. */
  sections(): { secrets: SecretFinding[] };
}

/** A visitor for the image view: every regular file of every layer, up to the size cap. */
export function secretLayerVisitor(context: ScanContext): SecretLayerVisitor {
  const { engine, issues } = secretEngineFor(context.options);
  reportIssues(issues, context);
  const maxFileBytes = numberOption(context.options, 'secretMaxFileBytes', DEFAULT_SECRET_MAX_FILE_BYTES);
  const findings: SecretFinding[] = [];
  return {
    name: 'secret',
    maxFileBytes,
    wants: (file: LayerFile) => file.size > 0 && file.size <= maxFileBytes,
    visit(file: LayerFile, content: Buffer, truncated: boolean) {
      if (truncated) return;
      findings.push(...scanFileBytes(file.path, content, file.layerDigest, engine));
    },
    sections: () => ({ secrets: sorted(findings) }),
  };
}

/**
 * Over a directory or host, `scan` walks the merged tree. Over an image, a runner passes
 * `layerVisitor(context)` to the image view instead and takes its `sections()`: that sees every
 * file of every layer, deleted ones included, each read once while the layer streams.
 */
export const secretScanner: ViewScanner & { layerVisitor(context: ScanContext): SecretLayerVisitor } = {
  name: 'secret',
  version: 1,
  layerVisitor: secretLayerVisitor,
  async scan(view, context) {
    const { engine, issues } = secretEngineFor(context.options);
    reportIssues(issues, context);
    const maxFileBytes = numberOption(context.options, 'secretMaxFileBytes', DEFAULT_SECRET_MAX_FILE_BYTES);
    const counts: WalkCounts = { files: 0, tooLarge: 0, unreadable: 0 };
    const findings: SecretFinding[] = [];
    for await (const file of regularFiles(view, context, 'secret', maxFileBytes, counts)) {
      findings.push(...scanFileBytes(file.path, file.bytes, undefined, engine));
    }
    return { secrets: sorted(findings) };
  },
  renderTable(sections) {
    const secrets = (sections.secrets ?? []) as SecretFinding[];
    if (secrets.length === 0) return 'Secrets: none found\n';
    const lines = secrets.map((s) => `${s.severity.toUpperCase().padEnd(8)} ${s.ruleId.padEnd(32)} ${s.path}:${s.line}${s.layer ? ` (layer ${s.layer.slice(0, 19)})` : ''}\n         ${s.match}`);
    return `Secrets (${secrets.length})\n${lines.join('\n')}\n`;
  },
};

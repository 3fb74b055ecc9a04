// Secret scanning throughput: the bundled rules and gitleaks' 222 default rules over a generated
// file set, beside one memchr pass over the same bytes (the floor for reading every byte).
import { readFileSync } from 'node:fs';
import { SecretEngine } from '../src/engines/secret/secret-engine.js';
import { loadSecretRules } from '../src/engines/secret/secret-rules.js';
import type { Bench } from './bench.js';
import { generateCorpus, mbPerSecond, memchrPass, timeScan, totalBytes } from './secret-malware-corpus.js';

const bundledFile = new URL('../rules/secrets/palisade-secrets.toml', import.meta.url);
const gitleaksFile = new URL('../../shared/corpora/secrets/gitleaks.toml', import.meta.url);

export const secretScanBench: Bench = {
  name: 'secret-scan',
  async run() {
    const files = generateCorpus(96 * 1024 * 1024);
    const bytes = totalBytes(files);
    const bundled = new SecretEngine(loadSecretRules(readFileSync(bundledFile, 'utf8'), 'bundled'));
    const gitleaks = new SecretEngine(loadSecretRules(readFileSync(gitleaksFile, 'utf8'), 'gitleaks.toml'));
    const floorMs = memchrPass(files);
    return {
      files: files.length,
      megabytes: Math.round(bytes / 1024 / 1024),
      memchrFloor: { ms: Math.round(floorMs), mbPerSecond: mbPerSecond(bytes, floorMs) },
      bundledRules: timeScan(bundled, files, bytes),
      gitleaksRules: timeScan(gitleaks, files, bytes),
      rssMegabytes: Math.round(process.memoryUsage().rss / 1024 / 1024),
    };
  },
};

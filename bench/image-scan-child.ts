// Runs one image scan in its own process so the bench can read this process's peak memory
// alone: prints {"wallMs","maxRssMB",...} on stdout. Used by bench/image-scan.ts.
import { scanImage } from '../src/image/image-scan.js';

const [input, scanners = 'secret,malware,history,inventory'] = process.argv.slice(2);
if (!input) throw new Error('usage: image-scan-child.ts LAYOUT [scanners]');
const started = performance.now();
const before = process.resourceUsage();
const { report } = await scanImage({ input, scanners: scanners.split(','), options: {}, now: () => new Date() });
const wallMs = Math.round(performance.now() - started);
const usage = process.resourceUsage();
const cpuMs = Math.round((usage.userCPUTime + usage.systemCPUTime - before.userCPUTime - before.systemCPUTime) / 1000);
const count = (key: string) => (Array.isArray(report[key]) ? (report[key] as unknown[]).length : undefined);
console.log(
  JSON.stringify({
    wallMs,
    cpuMs,
    maxRssMB: Math.round(usage.maxRSS / 1024),
    imageBytes: report.image.size,
    secrets: count('secrets'),
    malware: count('malware'),
    historyFindings: report.history?.findings.length,
    warnings: report.warnings.length,
  }),
);

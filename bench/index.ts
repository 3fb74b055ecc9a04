// Every benchmark `npm run bench` runs, one line each.
import { advisoryImportBench } from './advisory-import.js';
import { agentIdleBench } from './agent-idle.js';
import { baselineDebian12Bench } from './baseline-debian12.js';
import { baselineHistoryBench } from './baseline-history.js';
import type { Bench } from './bench.js';
import { diskTickBench } from './disk-tick.js';
import { imageScanBench } from './image-scan.js';
import { ingestBench } from './ingest.js';
import { inventoryBench } from './inventory.js';
import { loginFollowBench } from './login-follow.js';
import { loginParseBench } from './login-parse.js';
import { malwareScanBench } from './malware-scan.js';
import { secretScanBench } from './secret-scan.js';
import { startBench } from './start.js';
import { vulnMatchBench } from './vuln-match.js';

export const benches: readonly Bench[] = [
  ingestBench,
  inventoryBench,
  diskTickBench,
  agentIdleBench,
  startBench,
  secretScanBench,
  malwareScanBench,
  loginParseBench,
  loginFollowBench,
  baselineDebian12Bench,
  baselineHistoryBench,
  vulnMatchBench,
  advisoryImportBench,
  imageScanBench,
];

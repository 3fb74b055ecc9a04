#!/usr/bin/env node
// Builds what `palisade` runs from a checkout: the server/agent/CLI (tsc, incremental) and the
// console bundle (vite). Each part is rebuilt only when its sources are newer than its output,
// so `npm start` stays fast after the first build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

function run(label, args) {
  const started = Date.now();
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`palisade build: ${label} failed`);
    process.exit(result.status ?? 1);
  }
  if (process.stdout.isTTY) console.log(`palisade build: ${label} in ${Date.now() - started} ms`);
}

const force = process.argv.includes('--force');
const serverStamp = join(root, 'dist', '.tsbuildinfo');
if (force || newestMtime(join(root, 'src')) > newestMtime(serverStamp) || newestMtime(join(root, 'tsconfig.base.json')) > newestMtime(serverStamp)) {
  run('server', [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json']);
}
const consoleOut = join(root, 'console', 'dist', 'index.html');
const consoleInputs = Math.max(newestMtime(join(root, 'console')), newestMtime(join(root, 'src', 'model')));
if (force || consoleInputs > newestMtime(consoleOut)) {
  run('console', [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', 'console', '--logLevel', 'warn']);
}

// The agent's baseline loop over a directory the test writes: "run now" answers with the run's
// counts, and the spooled event is what the server's processor accepts.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { BASELINE_RESULTS } from '../../model/agent-event-types.js';
import { BaselineResultsPayload } from '../../model/baseline-api.js';
import { HostView } from '../../view/host-view.js';
import { Spool, DEFAULT_SPOOL_LIMITS } from '../spool.js';
import { startBaselineLoop } from './baseline-loop.js';

const policy = (dir: string) => `policy:
  id: "loop_fixture"
  file: "loop.yml"
  name: "Loop fixture"
  description: "Two checks over a file the test writes."
checks:
  - id: 1
    title: "Feature is off"
    severity: high
    condition: all
    rules:
      - 'f:${dir}/app.conf -> r:^feature off$'
  - id: 2
    title: "Config file exists"
    severity: low
    condition: all
    rules:
      - 'f:${dir}/app.conf'
`;

/** A policy whose only check runs `touch`: the file exists afterwards only if the command ran. */
const commandPolicy = (id: string, trace: string) => `policy:
  id: "${id}"
  file: "${id}.yml"
  name: "Command fixture ${id}"
  description: "Leaves a trace file when its command runs."
checks:
  - id: 1
    title: "Command leaves ${trace}"
    severity: low
    condition: all
    rules:
      - 'c:touch ${trace}'
`;

describe('baseline loop', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('runs on demand, spools the results as one event and answers with the counts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-baseline-loop-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'app.conf'), 'feature on\n');
    writeFileSync(join(dir, 'loop.yml'), policy(dir));
    writeFileSync(join(dir, 'broken.yml'), 'policy: [unclosed\n');
    const spool = new Spool(join(dir, 'spool.db'), DEFAULT_SPOOL_LIMITS);
    const stopping = new AbortController();
    const loop = startBaselineLoop(new HostView(), spool, pino({ level: 'silent' }), stopping.signal, () => new Date(), { policyPaths: [join(dir, 'loop.yml'), join(dir, 'broken.yml')], firstRunSeconds: 3600 });
    try {
      expect(spool.stats().pending).toBe(0); // the first scheduled run is an hour away
      const summary = await loop.runNow();
      expect(summary).toEqual({ checks: 2, failed: 1, policies: ['loop_fixture'], partial: false });
      const events = spool.peek(10);
      expect(events.map((event) => event.type)).toEqual([BASELINE_RESULTS]);
      const payload = BaselineResultsPayload.parse(events[0]!.data);
      expect(payload.results.map((row) => [row.checkId, row.result, row.severity])).toEqual([
        ['1', 'failed', 'high'],
        ['2', 'passed', 'low'],
      ]);
      // The broken policy is named in the run, so the server can say why it is missing.
      expect(payload.warnings.some((warning) => warning.includes('broken.yml'))).toBe(true);
    } finally {
      stopping.abort();
      await loop.done;
      spool.close();
    }
  });

  it('fails a run whose policies all fail to load, spooling nothing that would wipe the results', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-baseline-loop-'));
    dirs.push(dir);
    const spool = new Spool(join(dir, 'spool.db'), DEFAULT_SPOOL_LIMITS);
    const stopping = new AbortController();
    const loop = startBaselineLoop(new HostView(), spool, pino({ level: 'silent' }), stopping.signal, () => new Date(), { policyPaths: [join(dir, 'missing')], firstRunSeconds: 3600 });
    try {
      await expect(loop.runNow()).rejects.toThrow(/no baseline policy could be loaded: .*missing/);
      expect(spool.stats().pending).toBe(0);
    } finally {
      stopping.abort();
      await loop.done;
      spool.close();
    }
  });

  it("runs the policies an order names, and only trusted policies' commands", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-baseline-loop-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'app.conf'), 'feature on\n');
    writeFileSync(join(dir, 'loop.yml'), policy(dir));
    writeFileSync(join(dir, 'trusted.yml'), commandPolicy('trusted_commands', join(dir, 'trusted-ran')));
    writeFileSync(join(dir, 'untrusted.yml'), commandPolicy('untrusted_commands', join(dir, 'untrusted-ran')));
    const spool = new Spool(join(dir, 'spool.db'), DEFAULT_SPOOL_LIMITS);
    const stopping = new AbortController();
    // The heartbeat said: trust trusted_commands. An order without its own list goes by that.
    const config = () => ({ trustedPolicies: ['trusted_commands'], serverScheduled: false });
    const loop = startBaselineLoop(new HostView(), spool, pino({ level: 'silent' }), stopping.signal, () => new Date(), { policyPaths: [dir], firstRunSeconds: 3600, config });
    try {
      const summary = await loop.runNow({ policies: ['trusted_commands', 'untrusted_commands'] });
      expect(summary).toEqual({ checks: 2, failed: 0, policies: ['trusted_commands', 'untrusted_commands'], partial: true });
      expect(existsSync(join(dir, 'trusted-ran'))).toBe(true);
      expect(existsSync(join(dir, 'untrusted-ran'))).toBe(false);
      const payload = BaselineResultsPayload.parse(spool.peek(10)[0]!.data);
      expect(payload.partial).toBe(true);
      expect(payload.results.map((row) => [row.policyId, row.result])).toEqual([
        ['trusted_commands', 'passed'],
        ['untrusted_commands', 'not_applicable'],
      ]);
      expect(payload.results[1]!.reason).toContain('not trusted to run commands');
      // The order's own list replaces the heartbeat's: now nothing is trusted.
      rmSync(join(dir, 'trusted-ran'));
      await loop.runNow({ policies: ['trusted_commands'], trustedPolicies: [] });
      expect(existsSync(join(dir, 'trusted-ran'))).toBe(false);
      // Policies this agent does not have: the order fails saying so, and nothing is spooled.
      const spooled = spool.stats().pending;
      await expect(loop.runNow({ policies: ['cis_nowhere'] })).rejects.toThrow('none of the policies asked for is installed on this agent: cis_nowhere');
      expect(spool.stats().pending).toBe(spooled);
      // '*' would trust every policy in the scanner; from the server it trusts none.
      await loop.runNow({ policies: ['untrusted_commands'], trustedPolicies: ['*'] });
      expect(existsSync(join(dir, 'untrusted-ran'))).toBe(false);
    } finally {
      stopping.abort();
      await loop.done;
      spool.close();
    }
  });

  it("skips its own daily run while the server's schedules cover the host", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-baseline-loop-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'app.conf'), 'feature on\n');
    writeFileSync(join(dir, 'loop.yml'), policy(dir));
    for (const serverScheduled of [true, false]) {
      const spool = new Spool(join(dir, `spool-${serverScheduled}.db`), DEFAULT_SPOOL_LIMITS);
      const stopping = new AbortController();
      // The daily run is due at once: the loop decides on it before it first waits, so by the
      // time runNow is called it has run (or skipped) it.
      const loop = startBaselineLoop(new HostView(), spool, pino({ level: 'silent' }), stopping.signal, () => new Date(), { policyPaths: [dir], firstRunSeconds: 0, config: () => ({ trustedPolicies: [], serverScheduled }) });
      try {
        await loop.runNow();
        expect(spool.stats().pending, `serverScheduled ${serverScheduled}`).toBe(serverScheduled ? 1 : 2);
      } finally {
        stopping.abort();
        await loop.done;
        spool.close();
      }
    }
  });

  it('refuses "run now" once stopped instead of hanging', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-baseline-loop-'));
    dirs.push(dir);
    const spool = new Spool(join(dir, 'spool.db'), DEFAULT_SPOOL_LIMITS);
    const stopping = new AbortController();
    const loop = startBaselineLoop(new HostView(), spool, pino({ level: 'silent' }), stopping.signal, () => new Date(), { policyPaths: [dir], firstRunSeconds: 3600 });
    stopping.abort();
    await loop.done;
    await expect(loop.runNow()).rejects.toThrow('stopped');
    spool.close();
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HostView } from './host-view.js';
import { describeViewContract } from './view.case.js';

describeViewContract('HostView', async (fixture) => ({ view: new HostView(), base: fixture }));

describe('HostView reads the live system', () => {
  const view = new HostView();

  it('is the live host, rooted at /', async () => {
    expect(view.kind).toBe('host');
    expect(view.live).toBe(true);
    expect((await view.stat('/'))?.type).toBe('dir');
  });

  it('reads /proc files whose stat size is 0 to their end', async () => {
    const status = await view.readText('/proc/self/status');
    expect(status).toMatch(/^Name:/);
    expect(status).toContain(`Pid:\t${process.pid}`);
    expect((await view.stat('/proc/self/status'))?.size).toBe(0);
    expect(await view.readText('/proc/version')).toBe(readFileSync('/proc/version', 'utf8'));
    // Megabytes behind a size of 0: the read buffer grows from 4 KB, and a bound still holds.
    const symbols = readFileSync('/proc/kallsyms');
    expect(symbols.length).toBeGreaterThan(256 * 1024);
    expect((await view.stat('/proc/kallsyms'))?.size).toBe(0);
    expect((await view.readFile('/proc/kallsyms'))?.equals(symbols)).toBe(true);
    expect((await view.readFile('/proc/kallsyms', { maxBytes: 100_000 }))?.equals(symbols.subarray(0, 100_000))).toBe(true);
  });

  it('follows absolute symlinks the way the kernel does', async () => {
    const link = await view.readLink('/proc/self');
    expect(link).toMatch(/^\d+$/);
  });
});

describe('HostView.run', () => {
  const view = new HostView();

  it('runs a command without a shell and returns its output and exit code', async () => {
    const result = await view.run(['sh', '-c', 'echo out; echo err >&2; exit 3'], { timeoutMs: 10_000 });
    expect(result).toEqual({ exitCode: 3, stdout: 'out\n', stderr: 'err\n', timedOut: false });
    // No shell: metacharacters reach the program as plain arguments.
    const literal = await view.run(['echo', '$HOME', '; ls', '`id`'], { timeoutMs: 10_000 });
    expect(literal.stdout).toBe('$HOME ; ls `id`\n');
  });

  it('kills a command that runs past its timeout', async () => {
    const result = await view.run(['sleep', '30'], { timeoutMs: 200 });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeNull();
  });

  it('bounds what it keeps of a command that prints too much', async () => {
    const result = await view.run(['head', '-c', '1000000', '/dev/zero'], { timeoutMs: 10_000, maxOutputBytes: 1000 });
    expect(result.stdout.length).toBeLessThanOrEqual(1000);
    expect(result.timedOut).toBe(false);
  });

  it('closes stdin so a command waiting for input ends', async () => {
    const result = await view.run(['cat'], { timeoutMs: 10_000 });
    expect(result).toMatchObject({ exitCode: 0, stdout: '', timedOut: false });
  });

  it('answers with exit code null when the command does not exist', async () => {
    const result = await view.run(['/nonexistent/palisade-no-such-tool'], { timeoutMs: 10_000 });
    expect(result.exitCode).toBeNull();
    expect(result.stderr).toContain('palisade-no-such-tool');
  });
});

// Whether a collector's input changed since it last ran: a digest of the size and mtime of the
// files it declares (and of the entries directly in the directories it declares). The agent
// collects packages "when the package database changes" by comparing this before collecting.
// Live-only collectors read /proc, which changes all the time: they have no fingerprint.
import { createHash } from 'node:crypto';
import type { SystemView } from '../view/system-view.js';
import type { Collector } from './collector.js';

/** A stat that cannot be taken (missing, denied, a loop) is part of the state too: "-". */
async function statLine(view: SystemView, path: string): Promise<string> {
  const stat = await view.stat(path).catch(() => null);
  return stat ? `${path} ${stat.type} ${stat.size} ${stat.mtimeMs}` : `${path} -`;
}

export async function collectorFingerprint(view: SystemView, collector: Collector): Promise<string | null> {
  if (collector.liveOnly || collector.needs.match) return null;
  const lines: string[] = [];
  for (const path of collector.needs.files ?? []) lines.push(await statLine(view, path));
  for (const dir of collector.needs.dirs ?? []) {
    lines.push(await statLine(view, dir));
    const names = (await view.readDir(dir).catch(() => null)) ?? [];
    for (const name of names) lines.push(await statLine(view, `${dir}/${name}`));
  }
  return createHash('sha256').update(`${collector.name} ${collector.version}\n${lines.join('\n')}`).digest('hex');
}

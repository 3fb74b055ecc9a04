// Loaded kernel modules: /proc/modules (name, size, reference count, users, state, taint
// letters), with the module file from modules.dep and what sysfs says of its version, taint and
// signature (kernel Documentation/admin-guide/tainted-kernels.rst, module-signing.rst).
import type { KernelModule } from '../model/inventory.js';
import type { SystemView } from '../view/system-view.js';
import { Collected, type Collector } from './collector.js';
import { MAX_WARNINGS_PER_FILE, readTextSafely, statSafely } from './read-safely.js';

const PROC_MODULES = '/proc/modules';

/** "kernel/net/ipv4/foo.ko.zst: kernel/a.ko" → module name "foo" → file path. */
function moduleFiles(modulesDep: string, release: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const line of modulesDep.split('\n')) {
    const file = line.slice(0, line.indexOf(':'));
    const base = file.slice(file.lastIndexOf('/') + 1).replace(/\.ko(\.(xz|gz|zst))?$/, '');
    // Module names use "_" where file names may use "-" (modprobe(8)).
    if (file) files.set(base.replace(/-/g, '_'), file.startsWith('/') ? file : `/lib/modules/${release}/${file}`);
  }
  return files;
}

async function sysfs(view: SystemView, name: string, attribute: string, out: Collected<'kernelModules'>): Promise<string | null> {
  const text = await readTextSafely(view, `/sys/module/${name}/${attribute}`, out, 4096);
  return text === null ? null : text.trim();
}

export const kernelModules: Collector<'kernelModules'> = {
  name: 'kernel-modules',
  kind: 'kernelModules',
  version: 1,
  liveOnly: true,
  needs: { files: [PROC_MODULES] },
  async collect(view: SystemView) {
    const out = new Collected(this);
    const text = await readTextSafely(view, PROC_MODULES, out);
    if (text === null) {
      if ((await statSafely(view, '/proc/version', out)) !== null) out.warn('kernel without loadable module support: no modules to list', PROC_MODULES);
      return out.output();
    }
    const release = (await readTextSafely(view, '/proc/sys/kernel/osrelease', out))?.trim() ?? '';
    const dep = release ? await readTextSafely(view, `/lib/modules/${release}/modules.dep`, out) : null;
    const files = dep ? moduleFiles(dep, release) : new Map<string, string>();
    const checksSignatures = (await statSafely(view, '/sys/module/module/parameters/sig_enforce', out)) !== null;
    let bad = 0;
    for (const [index, line] of text.split('\n').entries()) {
      if (line.trim() === '') continue;
      // name size refcount users state address [(taint)]
      const fields = line.trim().split(/\s+/);
      const [name, size, refCount, users, state] = fields;
      if (!name || !size || !/^\d+$/.test(size)) {
        bad += 1;
        if (bad <= MAX_WARNINGS_PER_FILE) out.warn(`line ${index + 1}: not a module line`, PROC_MODULES);
        continue;
      }
      const taint = (await sysfs(view, name, 'taint', out)) || /\(([A-Z]+)\)/.exec(line)?.[1] || null;
      const item: KernelModule = {
        name,
        size: Number(size),
        usedBy: users && users !== '-' ? users.split(',').filter(Boolean) : [],
        refCount: refCount && /^-?\d+$/.test(refCount) ? Number(refCount) : null,
        state: state ?? null,
        file: files.get(name) ?? null,
        version: await sysfs(view, name, 'version', out),
        signed: taint?.includes('E') ? false : checksSignatures ? true : null,
        taint,
      };
      out.items.push(item);
    }
    return out.output();
  },
};

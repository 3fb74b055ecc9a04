// Which installed package a server binary comes from, and that package's version: how the
// database and web service collectors learn versions without running anything. The package
// lists come from the package collectors themselves (dpkg, rpm, apk), so the version shown here
// is the one the packages inventory shows; file ownership comes from dpkg's per-package file
// lists (/var/lib/dpkg/info/NAME[:ARCH].list) and apk's installed database (F:/R: lines).
import type { Package } from '../../model/inventory.js';
import { NotVisibleError, type SystemView } from '../../view/system-view.js';
import { apkPackages } from '../packages-apk.js';
import { dpkgPackages } from '../packages-dpkg.js';
import { rpmPackages } from '../packages-rpm.js';

const DPKG_INFO = '/var/lib/dpkg/info';
const APK_INSTALLED = '/lib/apk/db/installed';
const MAX_LIST_BYTES = 16 * 1024 * 1024;

/** "1:10.11.19-0+deb12u1" → "10.11.19": the upstream version, without epoch and packaging revision. */
export function upstreamVersion(packageVersion: string, format: Package['format']): string {
  let version = packageVersion.replace(/^\d+:/, '');
  if (format === 'apk') version = version.replace(/-r\d+$/, '');
  else if (version.includes('-')) version = version.slice(0, version.lastIndexOf('-'));
  return version;
}

/** On merged-/usr systems a binary runs as /usr/bin/x while its package may list /bin/x (and back). */
function pathVariants(path: string): string[] {
  if (/^\/usr\/(s?bin|lib\d*)\//.test(path)) return [path, path.slice(4)];
  if (/^\/(s?bin|lib\d*)\//.test(path)) return [path, `/usr${path}`];
  return [path];
}

async function quietly<T>(read: () => Promise<T | null>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof NotVisibleError) return null;
    throw error;
  }
}

export class InstalledPackages {
  private apkOwners: Map<string, string> | null = null;

  private constructor(
    private readonly view: SystemView,
    readonly packages: readonly Package[],
  ) {}

  static async read(view: SystemView): Promise<InstalledPackages> {
    const context = { now: () => new Date(0) };
    const packages: Package[] = [];
    for (const collector of [dpkgPackages, rpmPackages, apkPackages]) packages.push(...(await collector.collect(view, context)).items);
    const installed = new InstalledPackages(view, packages);
    await installed.loadApkOwners();
    return installed;
  }

  /** Installed packages whose name matches. */
  named(pattern: RegExp): Package[] {
    return this.packages.filter((item) => pattern.test(item.name));
  }

  /** The package among `candidates` whose file list holds `path`; null when none does. */
  async ownerOf(path: string, candidates: readonly Package[]): Promise<Package | null> {
    const variants = pathVariants(path);
    for (const candidate of candidates) {
      if (candidate.format === 'dpkg' && (await this.dpkgListHas(candidate, variants))) return candidate;
      if (candidate.format === 'apk' && variants.some((variant) => this.apkOwner(variant) === candidate.name)) return candidate;
    }
    return null;
  }

  private async dpkgListHas(item: Package, variants: readonly string[]): Promise<boolean> {
    for (const name of [item.name, `${item.name}:${item.architecture ?? ''}`]) {
      const list = await quietly(() => this.view.readText(`${DPKG_INFO}/${name}.list`, { maxBytes: MAX_LIST_BYTES }));
      if (list === null) continue;
      const lines = new Set(list.split('\n'));
      return variants.some((variant) => lines.has(variant));
    }
    return false;
  }

  private apkOwner(path: string): string | null {
    return this.apkOwners?.get(path) ?? null;
  }

  /** Loads apk's file ownership once; a no-op where there is no apk database. */
  private async loadApkOwners(): Promise<void> {
    if (this.apkOwners || !this.packages.some((item) => item.format === 'apk')) return;
    const owners = new Map<string, string>();
    const text = (await quietly(() => this.view.readText(APK_INSTALLED, { maxBytes: 64 * 1024 * 1024 }))) ?? '';
    let name = '';
    let dir = '';
    for (const line of text.split('\n')) {
      if (line.startsWith('P:')) name = line.slice(2);
      else if (line.startsWith('F:')) dir = line.slice(2);
      else if (line.startsWith('R:')) owners.set(`/${dir}/${line.slice(2)}`, name);
    }
    this.apkOwners = owners;
  }
}

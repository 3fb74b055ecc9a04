// Language packages from the inventory (npm, PyPI, Go, crates.io, RubyGems) as the matcher reads
// them: their rows already name their OSV ecosystem. Go modules carry a "v" (v0.17.0) that OSV's
// Go ranges do not ("fixed": "0.17.0"); rows without a version cannot be matched and are counted.
import type { MatchablePackage } from '../../model/advisory.js';
import type { LanguagePackage } from '../../model/inventory.js';
import type { AdaptedPackages } from './inventory-adapter.js';
import { purlOf } from './purl.js';

/** The ecosystems language packages are matched in, beside Maven for jars. */
export const LANGUAGE_ECOSYSTEMS: readonly string[] = ['Maven', 'npm', 'PyPI', 'Go', 'crates.io', 'RubyGems'];

export function matchableLanguagePackages(rows: readonly LanguagePackage[]): AdaptedPackages {
  const packages: MatchablePackage[] = [];
  let unversioned = 0;
  for (const row of rows) {
    if (row.version === null || row.version === '') {
      unversioned++;
      continue;
    }
    const version = row.ecosystem === 'Go' ? row.version.replace(/^v(?=\d)/, '') : row.version;
    packages.push({ name: row.name, version, ecosystem: row.ecosystem, location: row.path, purl: purlOf({ name: row.name, version, ecosystem: row.ecosystem }) });
  }
  return { packages, notes: unversioned > 0 ? [`${unversioned} language packages without a version not matched`] : [] };
}

// `--severity critical,high,…`: one parser for the scan commands' exit-code count and the
// vulnerability scanner's filter, so both accept and refuse the same words.
import { VulnerabilitySeverity } from '../model/advisory.js';

/** All levels, `unknown` included: a distribution advisory often carries no rating (Debian's never do), and hiding it by default would hide real, fixable findings. */
export const ALL_SEVERITIES = VulnerabilitySeverity.options.join(',');

/** The levels named in `text` (comma-separated, any case) as a set; an empty text gives an empty set. Unknown words are refused, naming the known ones. */
export function parseSeverities(text: string): Set<VulnerabilitySeverity> {
  const set = new Set<VulnerabilitySeverity>();
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const parsed = VulnerabilitySeverity.safeParse(part.toLowerCase());
    if (!parsed.success) throw new Error(`--severity: unknown level ${JSON.stringify(part)} (use ${VulnerabilitySeverity.options.join(', ')})`);
    set.add(parsed.data);
  }
  return set;
}

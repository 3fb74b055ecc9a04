// Severity of an advisory for one affected package: from its CVSS vectors (base score computed
// here, v3.x preferred as the score most sources publish, then v4.0), else the rating its
// publisher wrote in database_specific/ecosystem_specific, else unknown.
import type { OsvAffected, OsvRecord, OsvSeverity, VulnerabilitySeverity } from '../../model/advisory.js';
import { cvss3BaseScore } from './cvss3.js';
import { cvss4BaseScore } from './cvss4.js';

export interface SeverityVerdict {
  readonly severity: VulnerabilitySeverity;
  readonly score: number | null;
  readonly vector: string | null;
  /** Why a vector could not be used (bad vector), for the scan notes. */
  readonly problem?: string;
}

/** CVSS qualitative rating scale (v3.1 §5, v4.0 §6); a score of 0.0 ("None") is reported as low. */
export function severityOfScore(score: number): VulnerabilitySeverity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}

const RATINGS: Record<string, VulnerabilitySeverity> = {
  critical: 'critical',
  high: 'high',
  important: 'high',
  moderate: 'medium',
  medium: 'medium',
  low: 'low',
  negligible: 'low',
  unimportant: 'low',
};

function ratingIn(bag: Readonly<Record<string, unknown>> | undefined): VulnerabilitySeverity | undefined {
  const value = bag?.severity ?? bag?.priority ?? bag?.urgency;
  return typeof value === 'string' ? RATINGS[value.trim().toLowerCase()] : undefined;
}

export function severityOf(record: OsvRecord, affected: OsvAffected | undefined): SeverityVerdict {
  const vectors: OsvSeverity[] = [...(affected?.severity ?? []), ...(record.severity ?? [])];
  let problem: string | undefined;
  for (const [type, score] of [['CVSS_V3', cvss3BaseScore], ['CVSS_V4', cvss4BaseScore]] as const) {
    for (const entry of vectors.filter((v) => v.type === type)) {
      try {
        const value = score(entry.score);
        return { severity: severityOfScore(value), score: value, vector: entry.score };
      } catch (error) {
        problem = `${record.id}: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
  }
  const rating = ratingIn(affected?.ecosystem_specific) ?? ratingIn(affected?.database_specific) ?? ratingIn(record.database_specific);
  const verdict = { severity: rating ?? 'unknown', score: null, vector: null } as const;
  return problem === undefined ? verdict : { ...verdict, problem };
}

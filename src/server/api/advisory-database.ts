// The server's advisory database (shared by all tenants): what it holds and the state of its
// refresh from the mirror, for anyone who reads findings; "refresh now" for the platform operators.
import { AdvisoryDatabaseStatus, RefreshAttempt } from '../../model/advisory-database-api.js';
import type { ServerContext } from '../context.js';
import { redactSource } from '../advisory-mirror.js';
import { ApiError } from './errors.js';
import { route } from './route.js';

function status(server: ServerContext): AdvisoryDatabaseStatus {
  const { info, sample } = server.advisories.describe();
  const database = info && {
    sample,
    builtAt: info.builtAt,
    advisories: info.advisories,
    withdrawn: info.withdrawn,
    packages: info.packages,
    ecosystems: info.ecosystems.map((e) => ({ ecosystem: e.ecosystem, advisories: e.advisories })),
    // A location may be a URL given with credentials (by `palisade db import` of a mirror file): never shown.
    sources: info.sources.map((s) => ({ location: redactSource(s.location), importedAt: s.importedAt, records: s.records, added: s.added, updated: s.updated, unchanged: s.unchanged, withdrawn: s.withdrawn, skipped: s.skipped })),
  };
  const refresh = server.advisoryRefresh?.status() ?? { source: null, intervalHours: server.config.advisoryRefreshHours, running: false, lastAttempt: null, lastImportAt: null, nextAt: null };
  return { database, refresh };
}

export const advisoryDatabaseRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/advisory-database',
    summary: 'The advisory database findings are matched against: counts, ecosystems, sources, and its refresh from the mirror (last attempt and error)',
    tag: 'vulnerabilities',
    access: 'read',
    response: AdvisoryDatabaseStatus,
    async handler({ server }) {
      return status(server);
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/advisory-database/refresh',
    summary: 'Refresh the advisory database from the mirror now (platform security); on a change, every tenant is detected again before the answer',
    tag: 'platform',
    access: 'platform',
    response: RefreshAttempt,
    async handler({ server, audit }) {
      const refresher = server.advisoryRefresh;
      if (!refresher) throw new ApiError(409, 'no_advisory_source', 'no advisory mirror is configured (set PALISADE_ADVISORY_SOURCE or --advisory-source)');
      const attempt = await refresher.refresh();
      await audit({
        action: 'advisory_database.refresh',
        targetType: 'advisory_database',
        targetId: null,
        details: { source: refresher.status().source, outcome: attempt.outcome, error: attempt.error, advisories: attempt.advisories, detection: attempt.detection },
      });
      return attempt;
    },
  }),
];

// Versioned migrations, applied in order at start. A new migration is one file and one line here;
// a landed migration is never edited.
import type { Kysely } from 'kysely';
import { foundation } from './001-foundation.js';
import { inventoryAndEvents } from './002-inventory-events.js';
import { logins } from './003-logins.js';
import { baselines } from './004-baselines.js';
import { vulnerabilities } from './005-vulnerabilities.js';
import { baselineSchedules } from './006-baseline-schedules.js';
import { response } from './008-response.js';
import { registries } from './009-registries.js';
import { loginSettings } from './010-login-settings.js';
import { hostGroups } from './011-host-groups.js';
import { baselineHistoryIntervals } from './012-baseline-history-intervals.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Migration {
  readonly name: string;
  up(db: Kysely<unknown>, dialect: DialectName): Promise<void>;
}

export const migrations: readonly Migration[] = [foundation, inventoryAndEvents, logins, baselines, vulnerabilities, baselineSchedules, response, registries, loginSettings, hostGroups, baselineHistoryIntervals];

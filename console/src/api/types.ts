// The API's shapes as the console sees them. They are inferred from the zod schemas in src/model
// (DESIGN.md: nothing re-declares a wire shape by hand); only types cross over, never code.
import type { z } from 'zod';
import type { Me, Role } from '../../../src/model/account.js';
import type { ErrorBody, pageOf } from '../../../src/model/common.js';
import type { CreatedEnrollmentToken, EnrollmentToken, Host, HostStatus, Order } from '../../../src/model/host.js';

export type { EnrollmentToken, ErrorBody, Host, HostStatus, Me, Order, Role };
export type CreatedEnrollmentToken = z.infer<typeof CreatedEnrollmentToken>;
export type HostPage = z.infer<ReturnType<typeof pageOf<typeof Host>>>;
export interface ItemList<T> {
  readonly items: T[];
}

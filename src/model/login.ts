// Login events and the detections built from them (issue 5): the wire shape of
// `palisade scan logs --format json` and of what the agent reports, plus the tunable thresholds.
import { z } from 'zod';
import { Severity, Timestamp } from './common.js';

export const LoginOutcome = z.enum(['success', 'failure']);
export type LoginOutcome = z.infer<typeof LoginOutcome>;

/** Why an attempt failed, or how it succeeded. Open-ended values stay readable in reports. */
export const LoginReason = z.enum([
  'password',
  'publickey',
  'keyboard-interactive',
  'hostbased',
  'other-method',
  'wrong_password',
  'invalid_user',
  'pam_failure',
  'too_many_failures',
  'preauth_disconnect',
  'bad_protocol',
  'negotiation_failed',
  'not_allowed',
  'root_refused',
  'publickey_rejected',
  'session',
]);
export type LoginReason = z.infer<typeof LoginReason>;

export const LoginEvent = z.object({
  type: LoginOutcome,
  /** The program that authenticated: sshd, su, sudo, login, vsftpd… */
  service: z.string().min(1),
  reason: LoginReason,
  user: z.string().nullable(),
  sourceIp: z.string().nullable(),
  sourcePort: z.number().int().min(0).max(65535).nullable(),
  host: z.string().nullable(),
  /** Null when the log line carries no time (journal short format without a timestamp). */
  time: Timestamp.nullable(),
  file: z.string(),
  /** 1-based number of the line that completes the event (the sshd line after its PAM line). */
  line: z.number().int().min(1),
});
export type LoginEvent = z.infer<typeof LoginEvent>;

export const LoginDetectionType = z.enum([
  'brute_force',
  'low_and_slow',
  'distributed_attack',
  'password_spraying',
  'password_cracked',
  'abnormal_login',
]);
export type LoginDetectionType = z.infer<typeof LoginDetectionType>;

export const LoginDetection = z.object({
  type: LoginDetectionType,
  sourceIp: z.string().nullable(),
  user: z.string().nullable(),
  severity: Severity,
  /** Events behind the detection (failures in the window, or the one abnormal login). */
  count: z.number().int().min(1),
  firstSeen: Timestamp,
  lastSeen: Timestamp,
  /** Human-readable why: which rule, which threshold. */
  detail: z.string(),
});
export type LoginDetection = z.infer<typeof LoginDetection>;

/** Bounds keep a tuned threshold meaningful and the detection windows it reads bounded. */
const Count = (min: number) => z.number().int().min(min).max(1000);
const WEEK_SECONDS = 7 * 86_400;
const Seconds = z.number().int().min(1).max(WEEK_SECONDS);
/** A detection can be switched off per tenant; on unless said otherwise. */
const Enabled = z.boolean().default(true);

const Window = z.strictObject({
  enabled: Enabled,
  failures: Count(1),
  seconds: Seconds,
  severity: Severity,
});

const Cidr = z.string().regex(/^[0-9a-fA-F:.]+\/\d{1,3}$/, 'expected an address/prefix such as 10.0.0.0/8');

/** Thresholds are data, tunable per tenant (STYLE.md habit 7). Every field has a default; unknown keys are errors. */
export const LoginDetectionConfig = z.strictObject({
  bruteForce: Window.default({ enabled: true, failures: 5, seconds: 60, severity: 'high' }),
  lowAndSlow: Window.default({ enabled: true, failures: 20, seconds: 6 * 3600, severity: 'medium' }),
  /** Many sources against one account. */
  distributed: z
    .strictObject({ enabled: Enabled, sources: Count(2), seconds: Seconds, severity: Severity })
    .default({ enabled: true, sources: 5, seconds: 3600, severity: 'high' }),
  /** One source trying many accounts. */
  spraying: z
    .strictObject({ enabled: Enabled, users: Count(2), seconds: Seconds, severity: Severity })
    .default({ enabled: true, users: 5, seconds: 3600, severity: 'high' }),
  passwordCracked: z
    .strictObject({ enabled: Enabled, failuresBefore: Count(1), seconds: Seconds, severity: Severity })
    .default({ enabled: true, failuresBefore: 3, seconds: 24 * 3600, severity: 'critical' }),
  abnormal: z
    .strictObject({
      enabled: Enabled,
      /** Successful logins from elsewhere are abnormal; empty means any source is allowed. */
      allowedCidrs: z.array(Cidr).max(1000).default([]),
      /** Allowed hours [from, to) in UTC, e.g. {from: 8, to: 20}; absent means any hour. */
      allowedHours: z.strictObject({ from: z.number().int().min(0).max(23), to: z.number().int().min(1).max(24) }).nullable().default(null),
      /** Empty means any user. */
      allowedUsers: z.array(z.string().min(1).max(256)).max(1000).default([]),
      newLocation: z.boolean().default(true),
      firstLogin: z.boolean().default(true),
      severity: Severity.default('medium'),
    })
    .default({ enabled: true, allowedCidrs: [], allowedHours: null, allowedUsers: [], newLocation: true, firstLogin: true, severity: 'medium' }),
});
export type LoginDetectionConfig = z.infer<typeof LoginDetectionConfig>;

export const LoginScanResult = z.object({
  logins: z.object({
    events: z.array(LoginEvent),
    detections: z.array(LoginDetection),
  }),
});
export type LoginScanResult = z.infer<typeof LoginScanResult>;

/** A tenant's detection settings as the API returns them: what is in force, and the defaults. */
export const LoginDetectionSettings = z.object({
  config: LoginDetectionConfig,
  defaults: LoginDetectionConfig,
  /** Null while the tenant runs on the defaults. */
  updatedAt: Timestamp.nullable(),
  updatedBy: z.string().nullable(),
});
export type LoginDetectionSettings = z.infer<typeof LoginDetectionSettings>;

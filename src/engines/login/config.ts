// Loading detection thresholds: defaults, then a tenant's overrides (any subset of fields),
// validated by the schema. Bad input is reported with the field's path, never thrown.
import { LoginDetectionConfig, type LoginDetectionType } from '../../model/login.js';

export type ConfigResult =
  | { readonly ok: true; readonly config: LoginDetectionConfig }
  | { readonly ok: false; readonly errors: readonly string[] };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge(base: unknown, override: unknown): unknown {
  if (!isObject(base) || !isObject(override)) return override === undefined ? base : override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = merge(base[key], value);
  return out;
}

export const defaultLoginDetectionConfig: LoginDetectionConfig = LoginDetectionConfig.parse({});

/** Layers each override (e.g. global, then tenant) over the defaults and validates the result. */
export function loadLoginDetectionConfig(...overrides: unknown[]): ConfigResult {
  let merged: unknown = defaultLoginDetectionConfig;
  for (const [index, override] of overrides.entries()) {
    if (override === undefined || override === null) continue;
    if (!isObject(override)) return { ok: false, errors: [`override ${index + 1}: expected an object`] };
    merged = merge(merged, override);
  }
  const parsed = LoginDetectionConfig.safeParse(merged);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`) };
}

/** The settings section each detection type reads its threshold, threat level and switch from. */
export const CONFIG_SECTION = {
  brute_force: 'bruteForce',
  low_and_slow: 'lowAndSlow',
  distributed_attack: 'distributed',
  password_spraying: 'spraying',
  password_cracked: 'passwordCracked',
  abnormal_login: 'abnormal',
} as const satisfies Record<LoginDetectionType, keyof LoginDetectionConfig>;

export function detectionEnabled(config: LoginDetectionConfig, type: LoginDetectionType): boolean {
  return config[CONFIG_SECTION[type]].enabled;
}

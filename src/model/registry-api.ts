// Container registries a tenant connects (issue 7 part 7), the images (repository and tag) their
// sync finds, and the scans of those images with their stored results. Credentials go in and never
// come out: a registry answers `hasPassword`, not the password.
import { z } from 'zod';
import { PageQuery, ScanWarning, Severity, Timestamp } from './common.js';
import { ImageFacts, ImageHistory } from './image.js';
import { Jar, Package } from './inventory.js';
import { MalwareFinding } from './malware.js';
import { SecretFinding } from './secret.js';
import { Vulnerability, VulnerabilityScanSummary } from './advisory.js';

/** Both speak the distribution v2 API; the kind is what the user says it is (and shown so). */
export const RegistryKind = z.enum(['docker-v2', 'harbor']);
export type RegistryKind = z.infer<typeof RegistryKind>;

/** new: never synced; ok: the last sync or test reached it; error: it did not (see lastError). */
export const RegistryStatus = z.enum(['new', 'ok', 'error']);
export type RegistryStatus = z.infer<typeof RegistryStatus>;

/** The registry's address: http(s), a host and maybe a port, nothing else (the API lives at /v2/). */
export const RegistryUrl = z
  .string()
  .trim()
  .max(500)
  .superRefine((value, context) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      context.addIssue({ code: 'custom', message: 'not a URL: write it like https://registry.example.com:5000' });
      return;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') context.addIssue({ code: 'custom', message: 'must start with https:// (or http:// for a plain-HTTP registry)' });
    if (url.username || url.password) context.addIssue({ code: 'custom', message: 'put credentials in username and password, not in the URL' });
    if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) context.addIssue({ code: 'custom', message: 'no path: the registry API is always under /v2/ of the host' });
  })
  .transform((value) => new URL(value).origin);

/** Comma- or space-separated repository patterns, `*` matching anything (`team/*`); empty: all. */
export const RepositoryFilter = z.string().trim().max(1000).regex(/^[a-z0-9._\-/*,\s]*$/, 'repository patterns hold lowercase letters, digits, . _ - / and *');

const RegistryFields = {
  name: z.string().trim().min(1).max(100),
  url: RegistryUrl,
  kind: RegistryKind,
  /** Empty: anonymous. */
  username: z.string().max(200),
  /** Password or access token; write-only. */
  password: z.string().max(4096),
  /** Off: self-signed certificates are accepted (Docker's "insecure registry"). */
  tlsVerify: z.boolean(),
  repositoryFilter: RepositoryFilter,
  syncIntervalMinutes: z.number().int().min(5).max(10080),
  /** An image not scanned for this long is scanned again (new advisories matter). */
  rescanHours: z.number().int().min(1).max(720),
};

export const CreateRegistry = z.object({
  ...RegistryFields,
  kind: RegistryFields.kind.default('docker-v2'),
  username: RegistryFields.username.default(''),
  password: RegistryFields.password.default(''),
  tlsVerify: RegistryFields.tlsVerify.default(true),
  repositoryFilter: RegistryFields.repositoryFilter.default(''),
  syncIntervalMinutes: RegistryFields.syncIntervalMinutes.default(60),
  rescanHours: RegistryFields.rescanHours.default(24),
});
export type CreateRegistry = z.infer<typeof CreateRegistry>;

/** Only what is given changes; a password given replaces the stored one ("" removes it). */
export const UpdateRegistry = z
  .object(RegistryFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' });
export type UpdateRegistry = z.infer<typeof UpdateRegistry>;

export const Registry = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  kind: RegistryKind,
  username: z.string(),
  hasPassword: z.boolean(),
  tlsVerify: z.boolean(),
  repositoryFilter: z.string(),
  syncIntervalMinutes: z.number().int(),
  rescanHours: z.number().int(),
  status: RegistryStatus,
  /** Why the last sync or test failed, or what it could not read. */
  lastError: z.string().nullable(),
  lastSyncAt: Timestamp.nullable(),
  lastSuccessAt: Timestamp.nullable(),
  images: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Registry = z.infer<typeof Registry>;

export const RegistryTestResult = z.object({
  ok: z.boolean(),
  message: z.string(),
  /** Repositories the first catalog page shows (null when the catalog could not be read). */
  repositories: z.array(z.string()).nullable(),
});
export type RegistryTestResult = z.infer<typeof RegistryTestResult>;

export const SyncSummary = z.object({
  repositories: z.number().int(),
  tags: z.number().int(),
  added: z.number().int(),
  changed: z.number().int(),
  removed: z.number().int(),
  queued: z.number().int(),
  problems: z.array(z.string()),
});
export type SyncSummary = z.infer<typeof SyncSummary>;

export const ImageScanStatus = z.enum(['queued', 'running', 'done', 'failed']);
export type ImageScanStatus = z.infer<typeof ImageScanStatus>;

/** Why a scan was queued. */
export const ImageScanReason = z.enum(['new-tag', 'digest-changed', 'schedule', 'manual']);
export type ImageScanReason = z.infer<typeof ImageScanReason>;

export const ImageScanCounts = z.object({
  critical: z.number().int(),
  high: z.number().int(),
  medium: z.number().int(),
  low: z.number().int(),
  /** Vulnerabilities no advisory rated. */
  unrated: z.number().int(),
  secrets: z.number().int(),
  malware: z.number().int(),
  historyFindings: z.number().int(),
  packages: z.number().int(),
});
export type ImageScanCounts = z.infer<typeof ImageScanCounts>;

export const ImageScan = z.object({
  id: z.string(),
  imageId: z.string(),
  repository: z.string(),
  tag: z.string(),
  /** The manifest digest scanned. */
  digest: z.string().nullable(),
  status: ImageScanStatus,
  reason: ImageScanReason,
  error: z.string().nullable(),
  queuedAt: Timestamp,
  startedAt: Timestamp.nullable(),
  finishedAt: Timestamp.nullable(),
  counts: ImageScanCounts.nullable(),
});
export type ImageScan = z.infer<typeof ImageScan>;

/** What a scan found, as stored: the sections of `palisade scan image --format json`. */
export const ImageScanResult = z.object({
  image: ImageFacts,
  history: ImageHistory.nullable(),
  packages: z.array(Package),
  jars: z.array(Jar),
  vulnerabilities: z.array(Vulnerability),
  vulnerabilityScan: VulnerabilityScanSummary.nullable(),
  /** The distribution's advisory ecosystem (from os-release), or why there is none: what matching used. */
  distro: z.object({ ecosystem: z.string().nullable(), reason: z.string().nullable() }).optional(),
  /** Set when the result was taken from an earlier scan of the same digest (its vulnerabilities matched anew). */
  reusedFrom: z.string().nullable().optional(),
  secrets: z.array(SecretFinding),
  malware: z.array(MalwareFinding),
  warnings: z.array(ScanWarning),
});
export type ImageScanResult = z.infer<typeof ImageScanResult>;

export const RegistryImage = z.object({
  id: z.string(),
  registryId: z.string(),
  registryName: z.string(),
  repository: z.string(),
  tag: z.string(),
  digest: z.string().nullable(),
  firstSeen: Timestamp,
  lastSeen: Timestamp,
  /** When the tag last pointed at a new digest. */
  digestChangedAt: Timestamp.nullable(),
  /** Set when the tag disappeared from the registry. */
  removedAt: Timestamp.nullable(),
  /** The latest scan, whatever its state. */
  lastScan: ImageScan.nullable(),
  /** The latest finished scan: what the counts and results come from. */
  resultScan: ImageScan.nullable(),
});
export type RegistryImage = z.infer<typeof RegistryImage>;

export const BooleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

export const ImageQuery = PageQuery.extend({
  registryId: z.string().max(64).optional(),
  /** Repository contains this text. */
  repository: z.string().max(200).optional(),
  tag: z.string().max(128).optional(),
  /** Every tag pointing at this manifest digest. */
  digest: z.string().max(100).optional(),
  /** Images whose latest result has at least one vulnerability of this severity. */
  severity: Severity.optional(),
  hasSecrets: BooleanQuery.optional(),
  hasMalware: BooleanQuery.optional(),
  scanStatus: ImageScanStatus.optional(),
  /** Also tags no longer in the registry. */
  includeRemoved: BooleanQuery.optional(),
});
export type ImageQuery = z.infer<typeof ImageQuery>;

export const ImageDetail = RegistryImage.extend({
  result: ImageScanResult.nullable(),
});
export type ImageDetail = z.infer<typeof ImageDetail>;

export const ImageScanDetail = ImageScan.extend({
  result: ImageScanResult.nullable(),
});
export type ImageScanDetail = z.infer<typeof ImageScanDetail>;

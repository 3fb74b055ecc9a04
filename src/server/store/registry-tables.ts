// Row types of the registry tables (migration 009-registries), listed in schema.ts.
export interface RegistryTable {
  id: string;
  tenant_id: string;
  name: string;
  url: string;
  kind: string;
  username: string;
  sealed_password: string | null;
  tls_verify: number;
  repository_filter: string;
  sync_interval_minutes: number;
  rescan_hours: number;
  status: string;
  last_error: string | null;
  last_sync_at: string | null;
  last_success_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RegistryImageTable {
  id: string;
  tenant_id: string;
  registry_id: string;
  repository: string;
  tag: string;
  digest: string | null;
  first_seen: string;
  last_seen: string;
  digest_changed_at: string | null;
  removed_at: string | null;
  last_scan_id: string | null;
  result_scan_id: string | null;
}

export interface ImageScanTable {
  id: string;
  tenant_id: string;
  image_id: string;
  repository: string;
  tag: string;
  digest: string | null;
  reason: string;
  status: string;
  error: string | null;
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
  critical: number;
  high: number;
  medium: number;
  low: number;
  secrets: number;
  malware: number;
  counts: string | null;
  result: string | null;
}

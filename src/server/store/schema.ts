// Row types of the store, as Kysely sees them. Times are ISO 8601 UTC strings (they sort as text on
// both databases); JSON columns hold text; flags are 0/1 integers so SQLite and PostgreSQL agree.
import type { ColumnType, Generated } from 'kysely';
import type { ImageScanTable, RegistryImageTable, RegistryTable } from './registry-tables.js';
import type { VulnerabilityFindingTable, VulnerabilityIgnoreTable } from './vulnerability-tables.js';

export interface TenantsTable {
  id: string;
  name: string;
  created_at: string;
}

export interface UserTable {
  id: string;
  tenant_id: string;
  username: string;
  password_hash: string;
  role: string;
  must_change_password: number;
  disabled: number;
  created_at: string;
  password_changed_at: string;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  tenant_id: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokenTable {
  id: string;
  tenant_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  role: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  tenant_id: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_type: string;
  target_id: string | null;
  details: string;
  source_ip: string | null;
  at: string;
}

export interface EnrollmentTokenTable {
  id: string;
  tenant_id: string;
  name: string;
  token_hash: string;
  /** The first characters of the token, so a person can tell tokens apart in a list. */
  token_prefix: string;
  created_by: string | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  used_count: number;
}

export interface HostTable {
  id: string;
  tenant_id: string;
  machine_id: string;
  hostname: string;
  ips: string;
  os_name: string;
  os_version: string;
  kernel: string;
  arch: string;
  agent_version: string;
  components: string;
  protection_plan: string;
  credential_hash: string;
  enrolled_with: string | null;
  installed_at: string;
  last_seen_at: string;
  uninstalled_at: string | null;
}

export interface AgentEventTable {
  host_id: string;
  /** Random id of the agent's spool: a reinstalled agent restarts its sequence under a new one. */
  spool_id: string;
  seq: number;
  tenant_id: string;
  type: string;
  time: string;
  data: string;
  received_at: string;
}

export interface OrderTable {
  id: string;
  tenant_id: string;
  host_id: string;
  kind: string;
  payload: string;
  status: string;
  result: string | null;
  created_by: string | null;
  created_at: string;
  delivered_at: string | null;
  completed_at: string | null;
}

export interface HostFactTable {
  tenant_id: string;
  host_id: string;
  kind: string;
  key: string;
  name: string;
  version: string | null;
  data: string;
  first_seen: string;
  last_seen: string;
}

export interface ResourceSampleTable {
  tenant_id: string;
  host_id: string;
  at: string;
  resolution: number;
  cpu_percent: number | null;
  memory_used_bytes: number | null;
  memory_total_bytes: number | null;
  disk_used_bytes: number | null;
  disk_total_bytes: number | null;
  net_rx_bytes: number | null;
  net_tx_bytes: number | null;
}

export interface EventTable {
  id: Generated<number>;
  tenant_id: string;
  host_id: string | null;
  type: string;
  severity: string;
  status: string;
  title: string;
  details: string;
  dedupe_key: string;
  count: number;
  first_seen: string;
  last_seen: string;
  status_changed_by: string | null;
  status_changed_at: string | null;
}

export interface BaselineResultTable {
  tenant_id: string;
  host_id: string;
  policy_id: string;
  check_id: string;
  title: string;
  severity: string;
  result: string;
  reason: string;
  evidence: string;
  remediation: string | null;
  since: string;
  checked_at: string;
  raised_at: string | null;
}

export interface BaselineRunTable {
  id: Generated<number>;
  tenant_id: string;
  host_id: string;
  at: string;
  received_at: string;
  policies: string;
  passed: number;
  failed: number;
  not_applicable: number;
  error: number;
  failed_checks: string;
}

export interface BaselineScheduleTable {
  id: string;
  tenant_id: string;
  name: string;
  policy_ids: string | null;
  host_ids: string | null;
  interval_hours: number | null;
  daily_at: string | null;
  enabled: number;
  next_run_at: string | null;
  last_run_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface BaselinePolicyTrustTable {
  tenant_id: string;
  policy_id: string;
  trusted: number;
  changed_by: string | null;
  changed_at: string;
}

/** A stretch of scans in which a check on a host kept one result (migration 012). */
export interface BaselineCheckStateTable {
  tenant_id: string;
  host_id: string;
  policy_id: string;
  check_id: string;
  result: string;
  first_seen_at: string;
  last_seen_at: string;
  scans: number;
}

/** The counts of a host's last scan of a policy on one UTC day (migration 012). */
export interface BaselineDailyResultTable {
  tenant_id: string;
  host_id: string;
  policy_id: string;
  day: string;
  last_at: string;
  passed: number;
  failed: number;
  not_applicable: number;
  error: number;
}

export interface BaselineIgnoreTable {
  id: string;
  tenant_id: string;
  policy_id: string;
  check_id: string;
  host_id: string | null;
  reason: string;
  expires_at: string | null;
  created_by: string | null;
  created_at: string;
  /** Optional on insert: rules made before host groups, or without one, name none. */
  host_group_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface LoginEventTable {
  id: Generated<number>;
  tenant_id: string;
  host_id: string;
  time: string;
  type: string;
  service: string;
  reason: string;
  method: string | null;
  username: string | null;
  source_ip: string | null;
  source_port: number | null;
  log_host: string | null;
  file: string;
  line: number;
  received_at: string;
}

export interface WhitelistTable {
  id: string;
  tenant_id: string;
  name: string;
  source: string | null;
  username: string | null;
  host_ids: string;
  hours_from: number | null;
  hours_to: number | null;
  created_by: string | null;
  created_at: string;
  expires_at: string | null;
  /** JSON array of host group ids. */
  host_group_ids: string;
}

export interface HostGroupTable {
  id: string;
  tenant_id: string;
  name: string;
  description: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface HostGroupMemberTable {
  tenant_id: string;
  group_id: string;
  host_id: string;
  added_at: string;
}

export interface LoginDetectionSettingsTable {
  tenant_id: string;
  config: string;
  updated_by: string | null;
  updated_at: string;
}

export interface ResponseSettingsTable {
  tenant_id: string;
  auto_block: number;
  block_seconds: number;
  triggers: string;
  management_cidrs: string;
  updated_by: string | null;
  updated_at: string;
}

export interface BlockTable {
  id: string;
  tenant_id: string;
  host_id: string;
  source: string;
  reason: string;
  event_id: number | null;
  state: string;
  agent_state: string;
  agent_error: string | null;
  created_by: string;
  created_at: string;
  expires_at: string;
  lifted_by: string | null;
  lifted_at: string | null;
}

export interface Database {
  tenants: TenantsTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  enrollment_tokens: EnrollmentTokenTable;
  hosts: HostTable;
  agent_events: AgentEventTable;
  orders: OrderTable;
  host_facts: HostFactTable;
  resource_samples: ResourceSampleTable;
  events: EventTable;
  baseline_results: BaselineResultTable;
  baseline_runs: BaselineRunTable;
  baseline_ignores: BaselineIgnoreTable;
  baseline_schedules: BaselineScheduleTable;
  baseline_policy_trust: BaselinePolicyTrustTable;
  baseline_check_states: BaselineCheckStateTable;
  baseline_daily_results: BaselineDailyResultTable;
  login_events: LoginEventTable;
  whitelists: WhitelistTable;
  response_settings: ResponseSettingsTable;
  blocks: BlockTable;
  login_detection_settings: LoginDetectionSettingsTable;
  vulnerability_findings: VulnerabilityFindingTable;
  vulnerability_ignores: VulnerabilityIgnoreTable;
  registries: RegistryTable;
  registry_images: RegistryImageTable;
  image_scans: ImageScanTable;
  host_groups: HostGroupTable;
  host_group_members: HostGroupMemberTable;
}

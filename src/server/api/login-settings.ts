// The tenant's login detection settings: thresholds, threat level and on/off switch of each
// detection. Managers change them; the change is audited and takes effect for the next attempt.
import { LoginDetectionConfig, LoginDetectionSettings } from '../../model/login.js';
import { forgetLoginConfig } from '../ingest/login-config-cache.js';
import { getLoginDetectionSettings, saveLoginDetectionSettings } from '../store/login-detection-settings.js';
import { route } from './route.js';

export const loginSettingsRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/settings/login-detection',
    summary: 'Login detection settings in force for the tenant, and the defaults',
    tag: 'events',
    access: 'read',
    response: LoginDetectionSettings,
    async handler({ scope }) {
      return getLoginDetectionSettings(scope());
    },
  }),
  route({
    method: 'PUT',
    path: '/api/v1/settings/login-detection',
    summary: 'Replace the login detection settings (sections left out take their defaults)',
    tag: 'events',
    access: 'manage',
    body: LoginDetectionConfig,
    response: LoginDetectionSettings,
    bodyLimit: 256 * 1024,
    async handler({ body, scope, user, audit }) {
      const tenant = scope();
      const before = await getLoginDetectionSettings(tenant);
      const saved = await saveLoginDetectionSettings(tenant, body, user().username);
      forgetLoginConfig(tenant.tenantId);
      await audit({ action: 'login_detection.settings_changed', targetType: 'tenant', targetId: tenant.tenantId, details: { before: before.config, after: saved.config } });
      return saved;
    },
  }),
];

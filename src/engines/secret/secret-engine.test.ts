import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SecretEngine } from './secret-engine.js';
import { loadSecretRules } from './secret-rules.js';

const corpus = new URL('../../../../shared/corpora/secrets/', import.meta.url);
const trivy = new URL('trivy-testdata/', corpus);
const bundled = loadSecretRules(readFileSync(new URL('../../../rules/secrets/palisade-secrets.toml', import.meta.url), 'utf8'), 'bundled');
const engine = new SecretEngine(bundled);

// What the bundled rules find in each of Trivy's fixtures (`rule@line`). Every fixture not named
// here must give nothing: the look-alikes (invalid-aws-secrets, openai-invalid, wrapped-secrets,
// symfony-secret, settings*.xml, docker-secrets, secret.txt/md) and Trivy's own config files.
const expected: Readonly<Record<string, readonly string[]>> = {
  'alibaba-access-key-id.txt': ['alibaba-access-key-id@2'],
  'asymmetric-private-key.txt': ['private-key@2', 'private-key@9'],
  'asymmetric-private-secret.json': ['private-key@1'],
  'asymmetric-private-secret.txt': ['private-key@2'],
  'aws-secrets.txt': ['aws-secret-access-key@1', 'aws-access-key-id@2'],
  'azure-ai-services-key.txt': ['azure-ai-services-key@1'],
  'azure-app-config-connection-string.txt': ['azure-app-config-connection-string@1'],
  'azure-container-registry-credential.txt': ['azure-container-registry-key@1'],
  'azure-container-registry-password.txt': ['azure-container-registry-password@1'],
  'azure-devops-pat.txt': ['azure-devops-pat@1'],
  'azure-entra-client-secret.txt': ['azure-entra-client-secret@1'],
  'azure-sas-token.txt': ['azure-sas-token@1'],
  'azure-storage-account-key.txt': ['azure-storage-account-key@1'],
  'builtin-rule-secret.txt': ['github-pat@1', 'aws-access-key-id@2'],
  'crlf-line-endings.txt': ['aws-access-key-id@2', 'github-pat@4'],
  'example-secret.txt': ['aws-secret-access-key@1'],
  'github-app-token.txt': ['github-app-installation-token@1'],
  'github-token.txt': ['github-fine-grained-pat@1'],
  'grafana-env.txt': ['grafana-api-key@1', 'grafana-api-key@2'],
  'hugging-face-secret.txt': ['huggingface-token@1'],
  'invalid-utf8.txt': ['github-pat@1'],
  'jwt-secret.txt': ['jwt@3'],
  'long-line-secret.txt': ['github-pat@1'],
  'openai-admin-api-key.txt': ['openai-api-key@1'],
  'openai-legacy-api-key.txt': ['openai-api-key@1'],
  'openai-project-api-key.txt': ['openai-api-key@1'],
  'openai-realtime-client-secret.txt': ['openai-realtime-client-secret@1'],
  'openai-service-account-key.txt': ['openai-api-key@1'],
  'openai-service-api-key.txt': ['openai-api-key@1'],
  'private-packagist.txt': ['private-packagist-token@1', 'private-packagist-token@2', 'private-packagist-token@3'],
  'wrapped-secrets-sensitive.txt': ['aws-secret-access-key@1'],
};

/** The clear secrets planted in the fixtures, to prove none leaves the engine. */
const clearSecrets = ['AKIA0123456789ABCDEF', '12ASD34qwe56CXZ78tyH10Tna543VBokN85RHCas', 'ghp_012345678901234567890123456789abcdef', 'pFF8Q~3R.bzncyyAqiIOuP.0X0Nu7YIyCMd3pcB2'];

describe('SecretEngine over Trivy fixtures', () => {
  const files = readdirSync(trivy).sort();

  it('has the fixtures this table was written for', () => {
    expect(files).toHaveLength(63);
    for (const name of Object.keys(expected)) expect(files).toContain(name);
  });

  it.each(files)('%s', (name) => {
    const result = engine.scan(`/app/${name}`, readFileSync(new URL(name, trivy)));
    expect(result.findings.map((f) => `${f.ruleId}@${f.line}`)).toEqual(expected[name] ?? []);
    for (const finding of result.findings) {
      expect(finding.fingerprint).toMatch(/^[0-9a-f]{32}$/);
      expect(finding.match).toContain('*');
      for (const secret of clearSecrets) expect(finding.match).not.toContain(secret);
    }
  });
});

describe('SecretEngine behaviour', () => {
  it('masks the secret and keeps the context of the line', () => {
    const [finding] = engine.scan('/etc/app.env', Buffer.from('A=1\nAWS_ACCESS_KEY_ID=AKIA0123456789ABCDEF\n')).findings;
    expect(finding).toMatchObject({ ruleId: 'aws-access-key-id', severity: 'critical', line: 2, match: 'AWS_ACCESS_KEY_ID=****************' });
  });

  it('gives the same fingerprint to the same secret in different files, and another to another secret', () => {
    const a = engine.scan('/a', Buffer.from('t=ghp_012345678901234567890123456789abcdef')).findings[0];
    const b = engine.scan('/b/c', Buffer.from('x ghp_012345678901234567890123456789abcdef y')).findings[0];
    const c = engine.scan('/a', Buffer.from('t=ghp_012345678901234567890123456789abcdeF')).findings[0];
    expect(a?.fingerprint).toBe(b?.fingerprint);
    expect(c?.fingerprint).not.toBe(a?.fingerprint);
  });

  it('skips files cheaply: no keyword, binary content, allow-listed path', () => {
    expect(engine.scan('/etc/motd', Buffer.from('welcome to the machine\n'))).toEqual({ findings: [], skipped: 'no-keyword' });
    const binary = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0]), Buffer.from('ghp_012345678901234567890123456789abcdef')]);
    expect(engine.scan('/bin/x', binary).skipped).toBe('binary');
    expect(new SecretEngine(bundled, { scanBinary: true }).scan('/bin/x', binary).findings).toHaveLength(1);
    expect(engine.scan('/usr/share/doc/x/README', Buffer.from('ghp_012345678901234567890123456789abcdef')).skipped).toBe('allowlisted-path');
  });

  it('finds passwords in URLs but not placeholders', () => {
    const text = ['DATABASE_URL=postgres://app:S3cr3t-Pa55w0rd@db.internal:5432/app', 'url: https://user:${PASSWORD}@example.org', 'see https://user:password@host'].join('\n');
    const findings = engine.scan('/srv/.env', Buffer.from(text)).findings;
    expect(findings.map((f) => `${f.ruleId}@${f.line}`)).toEqual(['password-in-url@1']);
    expect(findings[0]?.match).toBe('DATABASE_URL=postgres://app:***************@db.internal:5432/app');
  });

  it('applies the generic rule with entropy, digits and its allow-lists', () => {
    const text = [
      'db_password = "k9Fq2Lw8Zt4Rx7Pm"', // random: found
      'password = "aaaaaaaaaaaaaaaa1"', // low entropy
      'secret_key = "NoDigitsInThisValueAtAll"', // no digit
      'token: PLACEHOLDER_TOKEN_VALUE_1', // all upper-case name
      'RUN --mount=type=secret,id=token123456789abc cat', // line allow-list
    ].join('\n');
    expect(engine.scan('/app/config.ini', Buffer.from(text)).findings.map((f) => `${f.ruleId}@${f.line}`)).toEqual(['generic-secret-assignment@1']);
  });

  it("runs gitleaks' default rules too", () => {
    const gitleaks = loadSecretRules(readFileSync(new URL('gitleaks.toml', corpus), 'utf8'), 'gitleaks.toml');
    const withGitleaks = new SecretEngine(gitleaks);
    const found = withGitleaks.scan('/x/builtin-rule-secret.txt', readFileSync(new URL('builtin-rule-secret.txt', trivy))).findings;
    expect(found.map((f) => f.ruleId)).toContain('github-pat');
    const key = withGitleaks.scan('/home/u/.ssh/id_ed25519', readFileSync(new URL('gitleaks-testdata/id_ed25519', corpus))).findings;
    expect(key.map((f) => f.ruleId)).toEqual(['private-key']);
    // gitleaks' own fixture: its generic rule finds the database password of .env.prod.
    const env = withGitleaks.scan('/app/.env.prod', readFileSync(new URL('gitleaks-testdata/env.prod', corpus))).findings;
    expect(env.map((f) => `${f.ruleId}@${f.line}: ${f.match}`)).toEqual(['generic-api-key@4: DB_PASSWORD=****************']);
  });

  it("finds the gitleaks fixtures' secrets with the bundled rules", () => {
    const env = engine.scan('/app/.env.prod', readFileSync(new URL('gitleaks-testdata/env.prod', corpus))).findings;
    expect(env.map((f) => f.ruleId)).toEqual(['generic-secret-assignment']);
    const key = engine.scan('/root/.ssh/id_ed25519', readFileSync(new URL('gitleaks-testdata/id_ed25519', corpus))).findings;
    expect(key.map((f) => f.ruleId)).toEqual(['private-key']);
  });
});

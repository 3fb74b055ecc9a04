// SARIF 2.1.0 and CycloneDX 1.5 output for vulnerabilities found in the real corpus advisories,
// checked against the published JSON Schemas: the OASIS SARIF 2.1.0 schema (as shipped in
// @microsoft/jest-sarif) and the CycloneDX 1.5 schema with its SPDX and JSF parts (as shipped in
// @cyclonedx/cyclonedx-library).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { matchPackages } from '../engines/advisory/matcher.js';
import { MemoryAdvisorySource } from '../engines/advisory/memory-source.js';
import { loadCorpusRecords } from '../engines/advisory/testdata/corpus.js';
import type { MatchablePackage, Vulnerability } from '../model/advisory.js';
import { vulnerabilitiesToCycloneDx } from './cyclonedx.js';
import { vulnerabilitiesToSarif } from './sarif.js';

const require = createRequire(import.meta.url);
const json = (id: string) => JSON.parse(readFileSync(require.resolve(id), 'utf8')) as Record<string, unknown>;
// The library exports only its package.json; its schema files sit beside it.
const cyclonedxSchemas = join(dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')), 'res', 'schema');
const schemaFile = (name: string) => JSON.parse(readFileSync(join(cyclonedxSchemas, name), 'utf8')) as Record<string, unknown>;
const addFormats = addFormatsModule as unknown as (ajv: object) => void;
// A CommonJS module whose class is its `default` property once loaded from ESM.
const AjvDraft04Class = (AjvDraft04Module as unknown as { default?: unknown }).default ?? AjvDraft04Module;
const AjvDraft04 = AjvDraft04Class as new (options: Record<string, unknown>) => Ajv;

const packages: MatchablePackage[] = [
  { name: 'libssl3', version: '3.0.11-1~deb12u1', ecosystem: 'Debian:12', sourceName: 'openssl', location: '/var/lib/dpkg/status' },
  { name: 'musl', version: '1.1.22-r2', ecosystem: 'Alpine:v3.10', location: '/lib/apk/db/installed' },
  { name: 'lodash', version: '4.17.19', ecosystem: 'npm', location: '/srv/app/node_modules/lodash/package.json' },
  { name: 'Jinja2', version: '2.10', ecosystem: 'PyPI' },
  { name: 'org.apache.logging.log4j:log4j-core', version: '2.14.1', ecosystem: 'Maven', location: '/opt/app/lib/log4j-core-2.14.1.jar' },
  { name: 'debug', version: '4.4.2', ecosystem: 'npm' },
];
const found: Vulnerability[] = matchPackages(packages, new MemoryAdvisorySource(loadCorpusRecords()), { now: new Date('2026-11-27T00:00:00Z') }).vulnerabilities;

function sarifValidator() {
  // unicodeRegExp off: one pattern of the published schema ("language") is not a valid /u regex.
  const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(json('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));
}

function cycloneDxValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  // The BOM schema refers to its parts by their SNAPSHOT file names.
  ajv.addSchema({ ...schemaFile('spdx.SNAPSHOT.schema.json'), $id: 'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json' });
  ajv.addSchema({ ...schemaFile('jsf-0.82.SNAPSHOT.schema.json'), $id: 'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json' });
  return ajv.compile(schemaFile('bom-1.5.SNAPSHOT.schema.json'));
}

describe('vulnerability reports', () => {
  it('has findings from every kind of ecosystem to write', () => {
    expect(found.length).toBe(2 + 1 + 3 + 2 + 2 + 2);
    expect(new Set(found.map((v) => v.severity))).toEqual(new Set(['critical', 'high', 'medium', 'unknown']));
  });

  it('SARIF 2.1.0: valid against the published schema, one rule per advisory', () => {
    const validate = sarifValidator();
    const log = vulnerabilitiesToSarif(found, { target: 'test-host', rootPath: '/' }) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const run = log.runs[0];
    expect(run?.results).toHaveLength(found.length);
    expect(new Set(run?.tool.driver.rules.map((r) => r.id)).size).toBe(run?.tool.driver.rules.length);
    const log4shell = run?.results.find((r) => r.ruleId === 'GHSA-jfh8-c2jp-5v3q');
    expect(log4shell?.level).toBe('error');
    expect(log4shell?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('opt/app/lib/log4j-core-2.14.1.jar');
  });

  it('SARIF: the schema check is not vacuous', () => {
    const validate = sarifValidator();
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });

  it('CycloneDX 1.5: valid against the published schema, affects point at components', () => {
    const validate = cycloneDxValidator();
    const bom = vulnerabilitiesToCycloneDx(found, { target: 'test-host', now: new Date('2026-11-27T08:00:00Z'), serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79' }) as {
      components: { 'bom-ref': string; purl?: string }[];
      vulnerabilities: { id: string; affects: { ref: string }[]; ratings: { severity: string; score?: number; method?: string }[] }[];
    };
    expect(validate(bom), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const refs = new Set(bom.components.map((c) => c['bom-ref']));
    for (const v of bom.vulnerabilities) for (const a of v.affects) expect(refs).toContain(a.ref);
    expect(bom.vulnerabilities).toHaveLength(new Set(found.map((v) => v.id)).size);
    expect(bom.components.map((c) => c.purl)).toContain('pkg:deb/debian/libssl3@3.0.11-1~deb12u1?distro=debian-12');
    expect(bom.vulnerabilities.find((v) => v.id === 'GHSA-jfh8-c2jp-5v3q')?.ratings[0]).toEqual({ score: 10, severity: 'critical', method: 'CVSSv31', vector: expect.stringMatching(/^CVSS:3\.1\//) });
  });

  it('CycloneDX: the schema check is not vacuous', () => {
    const validate = cycloneDxValidator();
    const bom = vulnerabilitiesToCycloneDx(found, { target: 'x', now: new Date(0) }) as { vulnerabilities: { ratings: { severity: string }[] }[] };
    const first = bom.vulnerabilities[0]?.ratings[0];
    if (first) first.severity = 'severe';
    expect(validate(bom)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { HistoryInput } from './history-check.js';
import { analyzeHistory } from './image-history.js';
import { instructionOf } from './history-steps.js';

const base: HistoryInput = { user: 'app', env: ['PATH=/usr/bin'], labels: {}, history: [], layerSizes: [], cacheFiles: [] };

describe('build history', () => {
  it('turns classic and BuildKit entries into instructions', () => {
    expect(instructionOf('/bin/sh -c #(nop)  CMD ["/hello"]')).toBe('CMD ["/hello"]');
    expect(instructionOf('/bin/sh -c apk add curl')).toBe('RUN apk add curl');
    expect(instructionOf('|1 TOKEN=abc /bin/sh -c make')).toBe('RUN |1 TOKEN=abc make');
    expect(instructionOf('RUN /bin/sh -c true # buildkit')).toBe('RUN /bin/sh -c true # buildkit');
  });

  it('pairs non-empty steps with layers and their sizes', () => {
    const { steps } = analyzeHistory({
      ...base,
      history: [{ created_by: '/bin/sh -c #(nop) ADD file:1 in /' }, { created_by: '/bin/sh -c #(nop) ENV A=b', empty_layer: true }, { created_by: '/bin/sh -c make' }],
      layerSizes: [1000, 2000],
    });
    expect(steps.map((step) => [step.command, step.emptyLayer, step.layerIndex, step.layerSize])).toEqual([
      ['ADD file:1 in /', false, 0, 1000],
      ['ENV A=b', true, undefined, undefined],
      ['RUN make', false, 1, 2000],
    ]);
  });

  it('finds root, secrets in ENV/ARG/commands (masked), remote ADD, caches and latest bases', () => {
    const secret = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
    const { findings } = analyzeHistory({
      ...base,
      user: '',
      env: ['PATH=/bin', `GITHUB_TOKEN=${secret}`, 'DB_PASSWORD_FILE=/run/secrets/db', 'API_KEY='],
      labels: { 'org.opencontainers.image.base.name': 'docker.io/library/debian:latest' },
      history: [
        { created_by: 'ARG NPM_TOKEN=npm_s3cr3tvalue # buildkit', empty_layer: true },
        { created_by: '/bin/sh -c curl -u deploy:Hunter2pass https://example.com/x | sh' },
        { created_by: 'ADD https://example.com/tool.tar.gz /opt/ # buildkit' },
        { created_by: 'ADD --checksum=sha256:abc https://example.com/ok.tar.gz /opt/ # buildkit' },
        { created_by: '/bin/sh -c git clone https://bot:tok3nvalue@git.example.com/r.git' },
        { created_by: '/bin/sh -c apt-get update && apt-get install -y curl' },
      ],
      layerSizes: [1, 2, 3, 4, 5],
      cacheFiles: [
        { path: '/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease', size: 150000 },
        { path: '/var/lib/apt/lists/lock', size: 0 },
      ],
    });
    const byCheck = (id: string) => findings.filter((finding) => finding.check === id);
    expect(byCheck('root-user')).toHaveLength(1);
    expect(byCheck('secret-in-env').map((finding) => finding.message)).toEqual([
      'ENV GITHUB_TOKEN holds a secret: it is readable by anyone who pulls the image',
      'ARG NPM_TOKEN holds a secret: it is readable by anyone who pulls the image',
    ]);
    expect(byCheck('secret-in-command').map((finding) => finding.step)).toEqual([1, 4]);
    expect(byCheck('add-remote-url').map((finding) => finding.step)).toEqual([2]);
    expect(byCheck('package-cache')[0]?.message).toMatch(/apt cache left in \/var\/lib\/apt\/lists: 1 files, 150000 bytes/);
    expect(byCheck('latest-base-tag')).toHaveLength(1);
    const text = JSON.stringify(findings);
    for (const clear of [secret, 'npm_s3cr3tvalue', 'Hunter2pass', 'tok3nvalue']) expect(text).not.toContain(clear);
    expect(byCheck('secret-in-env')[0]?.evidence).toMatch(/^GITHUB_TOKEN=\*+$/);
  });

  it('passes a non-root image with clean history', () => {
    const { findings } = analyzeHistory({ ...base, history: [{ created_by: '/bin/sh -c #(nop)  USER app', empty_layer: true }] });
    expect(findings).toEqual([]);
  });
});

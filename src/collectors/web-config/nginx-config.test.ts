import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRootfs, type Rootfs } from '../rootfs-fixture.js';
import { readNginxConfig } from './nginx-config.js';
import { listenPort } from './nginx-sites.js';

let rootfs: Rootfs;
beforeAll(async () => {
  rootfs = await buildRootfs({
    '/etc/nginx/nginx.conf': [
      'http {',
      '  log_format main \'$remote_addr "$request"\' "quoted \\"inner\\" text";',
      '  map $http_upgrade $connection_upgrade { default upgrade; \'\' close; }',
      '  server { listen 8080; return 200 "a;b{c}#d"; add_header X-Id a#b; set $x "${host}x"; } # trailing comment',
      '  include sites/*.conf;',
      '}',
      '}',
    ].join('\n'),
    '/etc/nginx/sites/b.conf': 'server { server_name b; }\n',
    '/etc/nginx/sites/a.conf': 'server { server_name a; }\n',
    '/etc/nginx/sites/.hidden.conf': 'server { server_name hidden; }\n',
    '/etc/nginx/sites/readme.txt': 'server { server_name txt; }\n',
  });
});
afterAll(() => rootfs.remove());

describe('nginx configuration reader', () => {
  it('tokenizes quotes, escapes, variables and comments as nginx does', async () => {
    const config = await readNginxConfig(rootfs.view, '/etc/nginx/nginx.conf');
    const http = config?.directives[0];
    expect(http?.name).toBe('http');
    const [logFormat, map, server] = http?.block ?? [];
    expect(logFormat?.args).toEqual(['main', '$remote_addr "$request"', 'quoted "inner" text']);
    expect(map?.block?.map((directive) => [directive.name, ...directive.args])).toEqual([
      ['default', 'upgrade'],
      ['', 'close'],
    ]);
    expect(server?.block?.map((directive) => [directive.name, ...directive.args])).toEqual([
      ['listen', '8080'],
      ['return', '200', 'a;b{c}#d'],
      ['add_header', 'X-Id', 'a#b'],
      ['set', '$x', '${host}x'],
    ]);
  });

  it('expands include globs relative to the main file, in name order, without hidden files', async () => {
    const config = await readNginxConfig(rootfs.view, '/etc/nginx/nginx.conf');
    const names = (config?.directives[0]?.block ?? []).filter((directive) => directive.name === 'server').map((server) => server.block?.[0]?.args[0]);
    expect(names).toEqual(['8080', 'a', 'b']);
    expect(config?.files).toEqual(['/etc/nginx/nginx.conf', '/etc/nginx/sites/a.conf', '/etc/nginx/sites/b.conf']);
    expect(config?.warnings).toEqual([{ path: '/etc/nginx/nginx.conf', message: 'line 7: unexpected "}"' }]);
    expect(await readNginxConfig(rootfs.view, '/etc/nginx/missing.conf')).toBeNull();
  });

  it('reads the port of every listen form', () => {
    expect(['80', '*:8080', '127.0.0.1:81', '[::]:443', '[::1]', 'localhost', 'unix:/run/x.sock'].map(listenPort)).toEqual([80, 8080, 81, 443, 80, 80, null]);
  });
});

// The web servers the `webServices` and `webSites` collectors recognise: how their processes
// look, which packages carry them, and where their main configuration file is.
import type { SystemView } from '../../view/system-view.js';
import { readZipDirectory, readZipEntry } from '../jar/zip-reader.js';
import { coordinatesFromManifest, parseManifest } from '../jar/manifest.js';
import { firstExisting, optionValue, type ServerProcess, type ServerSpec } from './server-spec.js';

/**
 * nginx (and others) overwrite argv with a title: "nginx: master process /usr/sbin/nginx -c
 * /etc/nginx/nginx.conf". The words after the title are the original arguments.
 */
export function titleArgs(process: ServerProcess): readonly string[] {
  const argv = process.entry.argv;
  if (argv.length !== 1) return argv;
  const title = argv[0] as string;
  const master = /master process (.*)$/.exec(title);
  return (master?.[1] ?? title).split(/\s+/).filter(Boolean);
}

export const NGINX_CONFIGS = ['/etc/nginx/nginx.conf', '/usr/local/nginx/conf/nginx.conf', '/usr/local/etc/nginx/nginx.conf'];
export const APACHE_CONFIGS = ['/etc/apache2/apache2.conf', '/etc/httpd/conf/httpd.conf', '/usr/local/apache2/conf/httpd.conf'];

/** Where relative Include paths start before the configuration sets ServerRoot. */
export function apacheServerRoot(main: string): string {
  return main.endsWith('/conf/httpd.conf') ? main.slice(0, -'/conf/httpd.conf'.length) : main.slice(0, main.lastIndexOf('/'));
}

const nginx: ServerSpec = {
  name: 'nginx',
  matches: (p) => p.exeName === 'nginx' || p.exeName === 'openresty',
  packages: /^(nginx|openresty)(-core|-full|-light|-extras|-mainline)?$/,
  versionCommand: { args: ['-v'], pattern: /nginx\/(\d[\w.]*)/ },
  async configPath(view, p) {
    const args = titleArgs(p);
    const config = optionValue(args, '-c');
    const prefix = optionValue(args, '-p');
    if (config) return config.startsWith('/') || !prefix ? config : `${prefix.replace(/\/$/, '')}/${config}`;
    return firstExisting(view, ...NGINX_CONFIGS);
  },
};

const apache: ServerSpec = {
  name: 'apache',
  matches: (p) => p.exeName === 'apache2' || p.exeName === 'httpd',
  packages: /^(apache2(-bin)?|httpd)$/,
  versionCommand: { args: ['-v'], pattern: /Apache\/(\d[\w.]*)/ },
  async configPath(view, p) {
    const file = optionValue(p.entry.argv, '-f');
    const root = optionValue(p.entry.argv, '-d');
    if (file) return file.startsWith('/') || !root ? file : `${root.replace(/\/$/, '')}/${file}`;
    return firstExisting(view, ...APACHE_CONFIGS);
  },
};

export const CADDY_CONFIGS = ['/etc/caddy/Caddyfile'];

const caddy: ServerSpec = {
  name: 'caddy',
  matches: (p) => p.exeName === 'caddy',
  packages: /^caddy$/,
  versionCommand: { args: ['version'], pattern: /v(\d[\w.-]*)/ },
  async configPath(view, p) {
    return optionValue(p.entry.argv, '--config') ?? (await firstExisting(view, ...CADDY_CONFIGS));
  },
};

/** -Dcatalina.home=/opt/tomcat among a JVM's arguments. */
function systemProperty(p: ServerProcess, name: string): string | null {
  const prefix = `-D${name}=`;
  return p.entry.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length) ?? null;
}

/** The release in the manifest of CATALINA_HOME/lib/catalina.jar, whatever installed Tomcat. */
export async function tomcatVersion(view: SystemView, home: string): Promise<string | null> {
  const jar = await view.readFile(`${home}/lib/catalina.jar`, { maxBytes: 16 * 1024 * 1024 }).catch(() => null);
  if (!jar) return null;
  try {
    const entry = readZipDirectory(jar).entries.find((candidate) => candidate.name === 'META-INF/MANIFEST.MF');
    return entry ? coordinatesFromManifest(parseManifest(readZipEntry(jar, entry, 1024 * 1024).toString('utf8'))).version : null;
  } catch {
    return null;
  }
}

/** Debian's tomcatN packages, and the layout of Apache's tarball (the official image's /usr/local/tomcat). */
export const TOMCAT_CONFIGS = ['/etc/tomcat*/server.xml', '/usr/local/tomcat/conf/server.xml', '/opt/tomcat/conf/server.xml'];

const tomcat: ServerSpec = {
  name: 'tomcat',
  matches: (p) => p.entry.argv.includes('org.apache.catalina.startup.Bootstrap'),
  packages: /^tomcat\d*$/,
  async fileVersion(view, p) {
    const home = systemProperty(p, 'catalina.home');
    return home ? tomcatVersion(view, home) : null;
  },
  async configPath(view: SystemView, p) {
    const base = systemProperty(p, 'catalina.base') ?? systemProperty(p, 'catalina.home');
    return base ? firstExisting(view, `${base}/conf/server.xml`) : null;
  },
};

const lighttpd: ServerSpec = {
  name: 'lighttpd',
  matches: (p) => p.exeName === 'lighttpd',
  packages: /^lighttpd$/,
  versionCommand: { args: ['-v'], pattern: /lighttpd\/(\d[\w.]*)/ },
  async configPath(view, p) {
    return optionValue(p.entry.argv, '-f') ?? (await firstExisting(view, '/etc/lighttpd/lighttpd.conf'));
  },
};

export const webServers: readonly ServerSpec[] = [nginx, apache, caddy, tomcat, lighttpd];

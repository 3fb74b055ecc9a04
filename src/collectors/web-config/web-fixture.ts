// Test fixture: a root filesystem with Debian's nginx and Apache layouts (sites-available,
// sites-enabled symlinks, conf.d, ports.conf, <IfModule>), a Red Hat httpd tree, and the broken
// files real machines have (a missing brace, an include cycle, binary garbage).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRootfs, type Rootfs } from '../rootfs-fixture.js';

const NGINX_CONF = `user www-data;
worker_processes auto;
pid /run/nginx.pid;
include /etc/nginx/modules-enabled/*.conf;

events {
\tworker_connections 768;
}

http {
\tsendfile on;
\tinclude /etc/nginx/mime.types;
\tssl_protocols TLSv1.2 TLSv1.3; # Dropping SSLv3, ref: POODLE
\tinclude /etc/nginx/conf.d/*.conf;
\tinclude /etc/nginx/sites-enabled/*;
}
`;

const DEFAULT_SITE = `# Default server configuration
server {
\tlisten 80 default_server;
\tlisten [::]:80 default_server;
\troot /var/www/html;
\tindex index.html index.htm index.nginx-debian.html;
\tserver_name _;
\tlocation / {
\t\ttry_files $uri $uri/ =404;
\t}
}
`;

const SHOP_SITE = `upstream shop_backend {
    server 127.0.0.1:8080;
}
server {
    listen 443 ssl http2;
    listen [::]:443 ssl http2;
    server_name shop.example.com "www.shop.example.com";
    ssl_certificate /etc/ssl/certs/shop.pem;
    location /static/ { alias /srv/shop/static/; }
    location / {
        proxy_set_header Host $host;
        proxy_pass http://shop_backend;
    }
}
server {
    listen 127.0.0.1:8081;
    server_name api.internal;
    location ~ \\.php$ {
        fastcgi_pass unix:/run/php/php8.2-fpm.sock;
    }
    location / { root /srv/api/public; }
}
`;

const APACHE_CONF = `# This is the main Apache server configuration file.
DefaultRuntimeDir \${APACHE_RUN_DIR}
PidFile \${APACHE_PID_FILE}
Timeout 300
IncludeOptional mods-enabled/*.load
Include ports.conf
<Directory /var/www/>
\tOptions Indexes FollowSymLinks
\tAllowOverride None
</Directory>
IncludeOptional conf-enabled/*.conf
IncludeOptional sites-enabled/*.conf
`;

const PORTS_CONF = `Listen 80

<IfModule ssl_module>
\tListen 443
</IfModule>

<IfModule mod_gnutls.c>
\tListen 443
</IfModule>
`;

const APACHE_DEFAULT = `<VirtualHost *:80>
\t#ServerName www.example.com
\tServerAdmin webmaster@localhost
\tDocumentRoot /var/www/html
\tErrorLog \${APACHE_LOG_DIR}/error.log
</VirtualHost>
`;

const APACHE_SSL = `<IfModule mod_ssl.c>
\t<VirtualHost _default_:443>
\t\tServerName secure.example.com:443
\t\tServerAlias www.secure.example.com \\
\t\t            secure.example.org
\t\tDocumentRoot "/var/www/secure root"
\t\tSSLEngine on
\t\tProxyPass /app/ http://127.0.0.1:3000/
\t</VirtualHost>
</IfModule>
`;

const HTTPD_CONF = `ServerRoot "/etc/httpd"
Listen 8088
Include conf.modules.d/*.conf
ServerName rhel.example.com
DocumentRoot "/var/www/rhel"
IncludeOptional conf.d/*.conf
`;

const DPKG_STATUS = `Package: nginx
Status: install ok installed
Architecture: amd64
Version: 1.22.1-9+deb12u1

Package: apache2
Status: install ok installed
Architecture: amd64
Version: 2.4.62-1~deb12u2

Package: tomcat10
Status: install ok installed
Architecture: all
Version: 10.1.6-1+deb12u3

Package: lighttpd
Status: install ok installed
Architecture: amd64
Version: 1.4.69-1
`;

// Tomcat 10.1's server.xml, trimmed: a commented-out connector, HTTP, HTTPS and AJP connectors.
const SERVER_XML = `<?xml version="1.0" encoding="UTF-8"?>
<Server port="8005" shutdown="SHUTDOWN">
  <Service name="Catalina">
    <Connector port="8080" protocol="HTTP/1.1"
               connectionTimeout="20000"
               redirectPort="8443" />
    <!--
    <Connector port="8081" protocol="HTTP/1.1" />
    -->
    <Connector port="8443" protocol="org.apache.coyote.http11.Http11NioProtocol"
               maxThreads="150" SSLEnabled="true">
    </Connector>
    <Connector protocol="AJP/1.3" address="::1" port="8009" redirectPort="8443" />
    <Engine name="Catalina" defaultHost="localhost">
      <Host name="localhost"  appBase="webapps" unpackWARs="true" autoDeploy="true">
        <Alias>www.localhost</Alias>
      </Host>
      <Host name="static.example.com" appBase="/srv/static-apps"/>
    </Engine>
  </Service>
</Server>
`;

/** lib/catalina.jar as Apache ships it: the release is in its manifest. */
function catalinaJar(): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-catalina-'));
  try {
    mkdirSync(join(dir, 'META-INF'));
    writeFileSync(join(dir, 'META-INF/MANIFEST.MF'), 'Manifest-Version: 1.0\r\nImplementation-Title: Apache Tomcat\r\nImplementation-Version: 10.1.20\r\n\r\n');
    execFileSync('zip', ['-q', '-X', 'catalina.jar', 'META-INF/MANIFEST.MF'], { cwd: dir });
    return readFileSync(join(dir, 'catalina.jar'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const CADDYFILE = `{
\temail admin@example.com
}

(common) {
\tencode gzip
}

example.com, www.example.com {
\timport common
\troot * /var/www/example
\tfile_server
}

http://intranet.local:8080 {
\treverse_proxy /api/* 127.0.0.1:9000
}

:2015 {
\trespond "hello {" # a comment
}

import sites/*.caddy
`;

export function buildWebRootfs(): Promise<Rootfs> {
  return buildRootfs({
    '/etc/caddy/Caddyfile': CADDYFILE,
    '/etc/caddy/sites/app.caddy': 'app.example.com {\n\treverse_proxy @api app-backend:3000\n}\n',
    '/usr/local/tomcat/conf/server.xml': SERVER_XML,
    '/usr/local/tomcat/lib/catalina.jar': catalinaJar(),
    '/etc/nginx/nginx.conf': NGINX_CONF,
    '/etc/nginx/mime.types': 'types {\n    text/html html htm shtml;\n}\n',
    '/etc/nginx/modules-enabled/50-mod-stream.conf': 'load_module modules/ngx_stream_module.so;\n',
    '/etc/nginx/sites-available/default': DEFAULT_SITE,
    '/etc/nginx/sites-available/shop': SHOP_SITE,
    '/etc/nginx/sites-enabled/default': { symlink: '/etc/nginx/sites-available/default' },
    '/etc/nginx/sites-enabled/shop': { symlink: '../sites-available/shop' },
    '/etc/nginx/sites-available/disabled': 'server { listen 9999; }\n',
    '/etc/nginx/conf.d/broken.conf': 'server {\n    listen 8443 ssl;\n    server_name broken.example.com;\n',
    '/etc/nginx/conf.d/cycle.conf': 'include /etc/nginx/conf.d/cycle.conf;\n',
    '/etc/nginx/conf.d/garbage.conf': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 0x7b]),
    '/etc/apache2/apache2.conf': APACHE_CONF,
    '/etc/apache2/ports.conf': PORTS_CONF,
    '/etc/apache2/sites-available/000-default.conf': APACHE_DEFAULT,
    '/etc/apache2/sites-available/default-ssl.conf': APACHE_SSL,
    '/etc/apache2/sites-enabled/000-default.conf': { symlink: '../sites-available/000-default.conf' },
    '/etc/apache2/sites-enabled/default-ssl.conf': { symlink: '../sites-available/default-ssl.conf' },
    '/etc/httpd/conf/httpd.conf': HTTPD_CONF,
    '/etc/httpd/conf.modules.d/00-base.conf': 'LoadModule mpm_event_module modules/mod_mpm_event.so\n',
    '/etc/httpd/conf.d/unclosed.conf': '<VirtualHost *:8089>\nServerName half.example.com\n',
    '/var/lib/dpkg/status': DPKG_STATUS,
  });
}

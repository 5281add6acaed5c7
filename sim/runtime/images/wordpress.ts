// The wordpress image (apache variants): its entrypoint copies WordPress into /var/www/html and
// writes wp-config.php from the WORDPRESS_DB_* variables, then Apache with PHP serves it on port
// 80. Each page asks MySQL first: reachable, WordPress is not installed yet and sends the visitor
// to its installer; not, the visitor gets WordPress's "Error establishing a database connection".
// Images before 5.7 had an older entrypoint that waits for MySQL itself and creates the database;
// their PHP (before 7.4) cannot log in with MySQL 8's caching_sha2_password.
import type { CommandContext, CommandImpl, HttpRequest, HttpResult, Program } from '../../process';
import { MiB, forever } from './program-helpers';
import { accessLogger } from './web-servers';
import { mysqlRequest, type ConnectFailure } from './mysql';

export const wordpressVersion = '6.8.1';
export const wordpressPhpVersion = '8.2.28';
const root = '/var/www/html';

interface Database {
  host: string;
  port: number;
  user: string;
  password: string;
  name: string;
}

/** `wordpress-mysql` or `db:3307`, as WORDPRESS_DB_HOST gives it. */
function databaseOf(ctx: CommandContext, oldEntrypoint: boolean): Database {
  const [host, port] = (ctx.env.get('WORDPRESS_DB_HOST') ?? 'mysql').split(':');
  const fallbackUser = oldEntrypoint ? 'root' : 'example username';
  return {
    host,
    port: Number(port ?? 3306),
    user: ctx.env.get('WORDPRESS_DB_USER') ?? fallbackUser,
    password: ctx.env.get('WORDPRESS_DB_PASSWORD') ?? (oldEntrypoint ? '' : 'example password'),
    name: ctx.env.get('WORDPRESS_DB_NAME') ?? 'wordpress',
  };
}

/** What PHP's mysqli says when it cannot connect: its error number and message. */
function mysqliError(failure: ConnectFailure | { code: number; message: string } | 'auth-plugin'): { code: number; message: string } {
  if (failure === 'auth-plugin') return { code: 2054, message: 'The server requested authentication method unknown to the client' };
  if (typeof failure === 'object') return failure;
  if (failure === 'unresolved') return { code: 2002, message: 'php_network_getaddresses: getaddrinfo failed: Name or service not known' };
  return { code: 2002, message: failure === 'unreachable' ? 'No route to host' : 'Connection refused' };
}

/** One connection as WordPress makes it: undefined when it logs in, else mysqli's error. */
function connect(ctx: CommandContext, db: Database, withDatabase: boolean, sha2: boolean): { code: number; message: string } | undefined {
  const from = ctx.host.networkView?.().address ?? '127.0.0.1';
  const reply = mysqlRequest(ctx, { host: db.host, port: db.port, socket: false }, { user: db.user, password: db.password, from, database: withDatabase ? db.name : undefined });
  if ('failure' in reply) return mysqliError(reply.failure);
  if (!sha2 && reply.authPlugin === 'caching_sha2_password') return mysqliError('auth-plugin');
  return reply.error ? { code: reply.error.code, message: reply.error.message } : undefined;
}

const dateHeader = (ms: number) => new Date(ms).toUTCString();

function installerPage(host: string, version: string): string {
  return `<!DOCTYPE html>
<html lang="en-US" xml:lang="en-US">
<head>
	<meta name="viewport" content="width=device-width" />
	<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
	<meta name="robots" content="noindex,nofollow" />
	<title>WordPress &rsaquo; Installation</title>
	<link rel='stylesheet' id='install-css' href='http://${host}/wp-admin/css/install.min.css?ver=${version}' type='text/css' media='all' />
</head>
<body class="wp-core-ui language-chooser">
<p id="logo">WordPress</p>

	<form id="setup" method="post" action="?step=1"><label class='screen-reader-text' for='language'>Select a default language</label>
<select size='14' name='language' id='language'>
<option value="" lang="en" selected="selected" data-continue="Continue" data-installed="1">English (United States)</option>
</select>
<p class="step"><span class="spinner"></span><input id="language-continue" type="submit" class="button button-primary button-large" value="Continue" /></p></form>
</body>
</html>
`;
}

const databaseErrorPage = `<!DOCTYPE html>
<html lang="en-US">
<head>
	<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
	<meta name="viewport" content="width=device-width">
		<meta name='robots' content='max-image-preview:large, noindex, follow' />
	<title>Database Error</title>
</head>
<body id="error-page">
	<div class="wp-die-message"><h1>Error establishing a database connection</h1></div></body>
</html>
`;

/** WordPress's files as the image keeps them in /usr/src/wordpress, copied on the first start. */
function copyWordPress(ctx: CommandContext, version: string, oldEntrypoint: boolean): void {
  for (const dir of ['wp-admin', 'wp-includes', 'wp-content', 'wp-content/themes', 'wp-content/plugins']) ctx.fs.mkdir(`${root}/${dir}`, { recursive: true });
  const files: Record<string, string> = {
    'index.php': "<?php\ndefine( 'WP_USE_THEMES', true );\nrequire __DIR__ . '/wp-blog-header.php';\n",
    'wp-config-sample.php': "<?php\ndefine( 'DB_NAME', 'database_name_here' );\ndefine( 'DB_USER', 'username_here' );\ndefine( 'DB_PASSWORD', 'password_here' );\ndefine( 'DB_HOST', 'localhost' );\n",
    'wp-includes/version.php': `<?php\n$wp_version = '${version}';\n`,
    'wp-admin/install.php': '<?php\n/* WordPress Installer */\n',
    'wp-content/index.php': '<?php\n// Silence is golden.\n',
    '.htaccess': '# BEGIN WordPress\n<IfModule mod_rewrite.c>\nRewriteEngine On\nRewriteBase /\nRewriteRule ^index\\.php$ - [L]\nRewriteCond %{REQUEST_FILENAME} !-f\nRewriteCond %{REQUEST_FILENAME} !-d\nRewriteRule . /index.php [L]\n</IfModule>\n# END WordPress\n',
  };
  if (!oldEntrypoint) {
    files['wp-config-docker.php'] =
      "<?php\ndefine( 'DB_NAME', getenv_docker('WORDPRESS_DB_NAME', 'wordpress') );\ndefine( 'DB_USER', getenv_docker('WORDPRESS_DB_USER', 'example username') );\n" +
      "define( 'DB_PASSWORD', getenv_docker('WORDPRESS_DB_PASSWORD', 'example password') );\ndefine( 'DB_HOST', getenv_docker('WORDPRESS_DB_HOST', 'mysql') );\n";
  }
  for (const [path, text] of Object.entries(files)) ctx.fs.writeFile(`${root}/${path}`, text);
}

/** `apache2-foreground` behind the image's docker-entrypoint.sh: a WordPress release on the Apache of its image's Debian. */
export const wordpress = (apache: string, version: string): CommandImpl => function* (ctx): Program {
  const php = ctx.env.get('PHP_VERSION') ?? wordpressPhpVersion;
  const [major, minor] = version.split('.').map(Number);
  const oldEntrypoint = major < 5 || (major === 5 && minor < 7);
  // PHP's mysqlnd speaks caching_sha2_password from 7.4 on.
  const [phpMajor, phpMinor] = php.split('.').map(Number);
  const sha2 = phpMajor > 7 || (phpMajor === 7 && phpMinor >= 4);
  const db = databaseOf(ctx, oldEntrypoint);
  const err = (text: string) => ctx.io.stderr(text);

  if (!ctx.fs.stat(`${root}/index.php`) && !ctx.fs.stat(`${root}/wp-includes/version.php`)) {
    err(`WordPress not found in ${root} - copying now...\n`);
    const present = (() => {
      try {
        return ctx.fs.readdir(root).filter((name) => name !== 'wp-content');
      } catch {
        return [];
      }
    })();
    if (present.length > 0) err(`WARNING: ${root} is not empty! (copying anyhow)\n`);
    copyWordPress(ctx, version, oldEntrypoint);
    err(`Complete! WordPress has been successfully copied to ${root}\n`);
  }
  if (oldEntrypoint) {
    if (!ctx.env.get('WORDPRESS_DB_HOST')) {
      err('error: missing WORDPRESS_DB_HOST and MYSQL_PORT_3306_TCP environment variables\n  Did you forget to --link some_mysql_container:mysql or set an external db\n  with -e WORDPRESS_DB_HOST=hostname:port?\n');
      return 1;
    }
    if (!db.password && db.user === 'root') {
      err('error: missing required WORDPRESS_DB_PASSWORD environment variable\n  Did you forget to -e WORDPRESS_DB_PASSWORD=... ?\n\n  (Also of interest might be WORDPRESS_DB_USER and WORDPRESS_DB_NAME.)\n');
      return 1;
    }
    if (!ctx.fs.stat(`${root}/wp-config.php`)) ctx.fs.writeFile(`${root}/wp-config.php`, ctx.fs.readFile(`${root}/wp-config-sample.php`));
    // The entrypoint's PHP waits for MySQL: ten tries, three seconds apart, then it gives up.
    for (let tries = 10; ; ) {
      const failed = connect(ctx, db, false, sha2);
      if (!failed) {
        // The database might not exist yet: it creates it, to be safe.
        const from = ctx.host.networkView?.().address ?? '127.0.0.1';
        mysqlRequest(ctx, { host: db.host, port: db.port, socket: false }, { user: db.user, password: db.password, from, sql: `CREATE DATABASE IF NOT EXISTS \`${db.name}\`` });
        break;
      }
      if (failed.code === 2054) err('\nWarning: mysqli::__construct(): The server requested authentication method unknown to the client [caching_sha2_password] in - on line 22\n');
      if (failed.code === 2002 && failed.message.startsWith('php_network')) err(`\nWarning: mysqli::__construct(): ${failed.message} in - on line 22\n`);
      err(`\nWarning: mysqli::__construct(): (${failed.code === 1045 ? '28000' : 'HY000'}/${failed.code}): ${failed.message} in - on line 22\n`);
      err(`\nMySQL Connection Error: (${failed.code}) ${failed.message}\n`);
      if (--tries <= 0) return 1;
      yield { kind: 'sleep', until: ctx.now() + 3000 };
    }
  } else {
    const supplied = [...ctx.env.keys()].filter((name) => name.startsWith('WORDPRESS_')).sort();
    if (!ctx.fs.stat(`${root}/wp-config.php`) && supplied.length > 0) {
      err(`No 'wp-config.php' found in ${root}, but 'WORDPRESS_...' variables supplied; copying 'wp-config-docker.php' (${supplied.join(' ')})\n`);
      ctx.fs.writeFile(`${root}/wp-config.php`, ctx.fs.readFile(`${root}/wp-config-docker.php`));
    }
  }
  const address = ctx.host.networkView?.().address ?? '127.0.0.1';
  const server = `Apache/${apache} (Debian)`;
  const stamp = () => {
    const d = new Date(ctx.now());
    return d.toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1 $3 $2 $5.000000 $4');
  };
  const ah00558 = `AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using ${address}. Set the 'ServerName' directive globally to suppress this message\n`;
  err(ah00558 + ah00558);
  err(`[${stamp()}] [mpm_prefork:notice] [pid 1] AH00163: ${server} PHP/${php} configured -- resuming normal operations\n`);
  err(`[${stamp()}] [core:notice] [pid 1] AH00094: Command line: 'apache2 -D FOREGROUND'\n`);
  ctx.host.setTitle?.('apache2 -DFOREGROUND');
  ctx.host.setMemory?.(24 * MiB);
  const log = accessLogger(ctx, (r) => `] "GET ${r.path} HTTP/1.1" ${r.status} ${r.bytes} "-" "${r.agent}"`);
  const respond = (request: HttpRequest, result: HttpResult): HttpResult => {
    const headers = { Date: dateHeader(ctx.now()), Server: server, 'X-Powered-By': `PHP/${php}`, ...result.headers };
    const head = `HTTP/1.1 ${result.status}\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;
    if (!request.inspection) log(request, result.status!, head.length + (result.body ?? '').length);
    return { ...result, headers, latencyMs: 20 };
  };
  ctx.host.listen?.(80, {
    protocol: 'http',
    handle: (request) => {
      const host = request.headers.Host ?? address;
      if (connect(ctx, db, true, sha2)) return respond(request, { status: 500, body: databaseErrorPage, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
      const path = request.path.split('?')[0];
      if (path === '/wp-admin/install.php') return respond(request, { status: 200, body: installerPage(host, version), headers: { 'Content-Type': 'text/html; charset=utf-8' } });
      // Not installed yet: every page sends the visitor to the installer.
      return respond(request, { status: 302, body: '', headers: { Location: `http://${host}/wp-admin/install.php`, 'Content-Type': 'text/html; charset=UTF-8' } });
    },
  });
  return yield* forever();
};

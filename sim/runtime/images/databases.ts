// redis, postgres, mysql, mongo, memcached and rabbitmq: they start, log like their namesakes and listen; the databases refuse
// to start without their password variables, with the images' own error texts.
import type { CommandImpl, Program } from '../../process';
import { MiB, forever } from './program-helpers';

function redisTime(ms: number): string {
  const d = new Date(ms);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}`;
}

export const redisVersion = '7.4.2';

export const redis: CommandImpl = function* (ctx): Program {
  const t = redisTime(ctx.now());
  const version = ctx.env.get('REDIS_VERSION') ?? redisVersion;
  ctx.io.stdout(
    [
      `1:C ${t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
      `1:C ${t} * Redis version=${version}, bits=64, commit=00000000, modified=0, pid=1, just started`,
      `1:C ${t} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
      `1:M ${t} * monotonic clock: POSIX clock_gettime`,
      `1:M ${t} * Running mode=standalone, port=6379.`,
      `1:M ${t} * Server initialized`,
      `1:M ${t} * Ready to accept connections tcp`,
      '',
    ].join('\n'),
  );
  ctx.host.setTitle?.('redis-server *:6379');
  ctx.host.setMemory?.(3 * MiB);
  ctx.host.listen?.(6379, { protocol: 'tcp' });
  return yield* forever();
};

export const postgres: CommandImpl = function* (ctx): Program {
  const password = ctx.env.get('POSTGRES_PASSWORD');
  const trust = ctx.env.get('POSTGRES_HOST_AUTH_METHOD') === 'trust';
  if (!password && !trust) {
    ctx.io.stderr(
      [
        'Error: Database is uninitialized and superuser password is not specified.',
        '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
        '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
        '',
        '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
        '       connections without a password. This is *not* recommended.',
        '',
        '       See PostgreSQL documentation about "trust":',
        '       https://www.postgresql.org/docs/current/auth-trust.html',
        '',
      ].join('\n'),
    );
    return 1;
  }
  const stamp = () => new Date(ctx.now()).toISOString().replace('T', ' ').replace('Z', ' UTC');
  ctx.io.stdout('The files belonging to this database system will be owned by user "postgres".\nThis user must also own the server process.\n\n');
  yield { kind: 'sleep', until: ctx.now() + 2000 };
  ctx.io.stdout('PostgreSQL init process complete; ready for start up.\n\n');
  ctx.io.stderr(
    `${stamp()} [1] LOG:  starting PostgreSQL 17.2 (Debian 17.2-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit\n` +
      `${stamp()} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432\n` +
      `${stamp()} [1] LOG:  database system is ready to accept connections\n`,
  );
  ctx.host.setMemory?.(24 * MiB);
  ctx.host.listen?.(5432, { protocol: 'tcp' });
  return yield* forever();
};

export const mysql: CommandImpl = function* (ctx): Program {
  const stamp = () => new Date(ctx.now()).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '+00:00');
  const ok = ['MYSQL_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD'].some((name) => ctx.env.has(name));
  ctx.io.stdout(`${stamp()} [Note] [Entrypoint]: Entrypoint script for MySQL Server 9.1.0-1.el9 started.\n`);
  if (!ok) {
    ctx.io.stderr(
      `${stamp()} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n` +
        '    You need to specify one of the following as an environment variable:\n' +
        '    - MYSQL_ROOT_PASSWORD\n' +
        '    - MYSQL_ALLOW_EMPTY_PASSWORD\n' +
        '    - MYSQL_RANDOM_ROOT_PASSWORD\n',
    );
    return 1;
  }
  yield { kind: 'sleep', until: ctx.now() + 5000 };
  ctx.io.stdout(`${stamp()} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '9.1.0'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.\n`);
  ctx.host.setMemory?.(360 * MiB);
  ctx.host.listen?.(3306, { protocol: 'tcp' });
  return yield* forever();
};

export const mongod: CommandImpl = function* (ctx): Program {
  const t = () => new Date(ctx.now()).toISOString().replace('Z', '+00:00');
  const line = (id: number, ctxName: string, msg: string, attr: object) =>
    `{"t":{"$date":"${t()}"},"s":"I",  "c":"${id === 23016 ? 'NETWORK' : 'CONTROL'}",  "id":${id},   "ctx":"${ctxName}","msg":"${msg}","attr":${JSON.stringify(attr)}}\n`;
  ctx.io.stdout(line(4615611, 'initandlisten', 'MongoDB starting', { pid: 1, port: 27017, dbPath: '/data/db', architecture: '64-bit', host: ctx.host.hostname() }));
  yield { kind: 'sleep', until: ctx.now() + 1500 };
  ctx.io.stdout(line(23016, 'listener', 'Waiting for connections', { port: 27017, ssl: 'off' }));
  ctx.host.setMemory?.(90 * MiB);
  ctx.host.listen?.(27017, { protocol: 'tcp' });
  return yield* forever();
};

/** memcached logs nothing unless asked (-v) and listens on 11211. */
export const memcached: CommandImpl = function* (ctx): Program {
  ctx.host.setMemory?.(2 * MiB);
  ctx.host.listen?.(11211, { protocol: 'tcp' });
  return yield* forever();
};

export const rabbitmq: CommandImpl = function* (ctx): Program {
  const t = () => new Date(ctx.now()).toISOString().replace('T', ' ').replace('Z', '+00:00');
  ctx.io.stdout(`${t()} [notice] <0.44.0> Application syslog exited with reason: stopped\n${t()} [info] <0.230.0> Starting RabbitMQ 4.0.5 on Erlang 27.2\n`);
  yield { kind: 'sleep', until: ctx.now() + 6000 };
  ctx.io.stdout(`${t()} [info] <0.612.0> Ready to start client connection listeners\n${t()} [info] <0.756.0> started TCP listener on [::]:5672\n${t()} [info] <0.9.0> Server startup complete; 4 plugins started.\n`);
  ctx.host.setMemory?.(120 * MiB);
  ctx.host.listen?.(5672, { protocol: 'tcp' });
  ctx.host.listen?.(15692, { protocol: 'http', handle: () => ({ status: 200, body: '' }) });
  return yield* forever();
};

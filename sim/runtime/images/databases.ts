// redis (and redis-cli), postgres, mongo, memcached and rabbitmq: they start, log like their namesakes and listen; the databases refuse
// to start without their password variables, with the images' own error texts.
import type { CommandContext, CommandImpl, Program } from '../../process';
import { MiB, forever } from './program-helpers';

function redisTime(ms: number): string {
  const d = new Date(ms);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}`;
}

export const redisVersion = '7.4.2';

/** `2mb` → 2097152: redis's memory units (k, kb, m, mb, g, gb; kb is 1024). */
function redisBytes(text: string): string {
  const match = /^(\d+)(k|kb|m|mb|g|gb)?$/i.exec(text);
  if (!match) return text;
  const unit = { k: 1000, kb: 1024, m: 1000 ** 2, mb: 1024 ** 2, g: 1000 ** 3, gb: 1024 ** 3 }[(match[2] ?? '').toLowerCase() as 'k'] ?? 1;
  return String(Number(match[1]) * unit);
}

/** The settings redis starts with: its defaults, then the config file named on its command line. */
function redisConfig(ctx: CommandContext): Map<string, string> {
  const config = new Map([['maxmemory', '0'], ['maxmemory-policy', 'noeviction'], ['port', '6379'], ['appendonly', 'no'], ['save', '3600 1 300 100 60 10000']]);
  // Only a first argument that is no option names a config file.
  const file = ctx.argv[1] !== undefined && !ctx.argv[1].startsWith('-') ? ctx.argv[1] : undefined;
  if (!file) return config;
  try {
    for (const line of ctx.fs.readFile(file).split('\n')) {
      const [name, ...value] = line.trim().split(/\s+/);
      if (!name || name.startsWith('#') || value.length === 0) continue;
      config.set(name.toLowerCase(), name.toLowerCase() === 'maxmemory' ? redisBytes(value.join(' ')) : value.join(' '));
    }
  } catch {
    // redis would refuse to start; the lab's pods give it files that exist
  }
  return config;
}

const bulk = (value: string) => `$${value.length}\r\n${value}\r\n`;

/** An inline command's words: split at blanks, with "double quoted" words kept whole (sdssplitargs). */
export function redisWords(line: string): string[] {
  const words: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(line))) words.push(match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2]);
  return words;
}

/** A command as one inline line, each word quoted so that spaces and quotes survive. */
export function redisInlineCommand(words: string[]): string {
  return words.map((word) => `"${word.replace(/(["\\])/g, '\\$1')}"`).join(' ') + '\n';
}

/** A replica's view of its master: the master's keyspace, read over the network when asked. */
interface Master {
  host: string;
  port: number;
  send(data: string): { reply?: string; error?: string };
}

const readOnlyCommands = new Set(['GET', 'EXISTS', 'DBSIZE', 'KEYS']);
const writeCommands = new Set(['SET', 'DEL', 'INCR']);

/**
 * The server side of redis's inline protocol: a keyspace and CONFIG, one command per line. A
 * replica answers reads from its master's data (replication is immediate here) and refuses writes.
 */
function redisServer(config: Map<string, string>, master?: Master): (data: string) => string {
  const store = new Map<string, string>();
  const one = (args: string[]): string => {
    const [name = '', ...rest] = args;
    const command = name.toUpperCase();
    if (master && writeCommands.has(command)) return "-READONLY You can't write against a read only replica.\r\n";
    if (master && readOnlyCommands.has(command)) {
      const result = master.send(redisInlineCommand(args));
      if (result.reply !== undefined) return result.reply;
    }
    switch (command) {
      case 'PING':
        return rest[0] !== undefined ? bulk(rest[0]) : '+PONG\r\n';
      case 'ECHO':
        return bulk(rest[0] ?? '');
      case 'SET':
        store.set(rest[0], rest[1] ?? '');
        return '+OK\r\n';
      case 'GET':
        return store.has(rest[0]) ? bulk(store.get(rest[0])!) : '$-1\r\n';
      case 'DEL':
        return `:${rest.filter((key) => store.delete(key)).length}\r\n`;
      case 'EXISTS':
        return `:${rest.filter((key) => store.has(key)).length}\r\n`;
      case 'INCR': {
        const next = Number(store.get(rest[0]) ?? 0) + 1;
        store.set(rest[0], String(next));
        return `:${next}\r\n`;
      }
      case 'DBSIZE':
        return `:${store.size}\r\n`;
      case 'KEYS':
        return `*${store.size}\r\n${[...store.keys()].map(bulk).join('')}`;
      case 'CONFIG': {
        const sub = (rest[0] ?? '').toUpperCase();
        if (sub === 'GET') {
          const key = (rest[1] ?? '').toLowerCase();
          return config.has(key) ? `*2\r\n${bulk(key)}${bulk(config.get(key)!)}` : '*0\r\n';
        }
        if (sub === 'SET' && rest[1] && rest[2] !== undefined) {
          config.set(rest[1].toLowerCase(), rest[1].toLowerCase() === 'maxmemory' ? redisBytes(rest[2]) : rest[2]);
          return '+OK\r\n';
        }
        return `-ERR unknown subcommand '${rest[0] ?? ''}'. Try CONFIG HELP.\r\n`;
      }
      default:
        return `-ERR unknown command '${name}', with args beginning with: ${rest.map((arg) => `'${arg}' `).join('')}\r\n`;
    }
  };
  return (data) =>
    data
      .split(/\r?\n/)
      .filter((line) => line.trim())
      .map((line) => one(redisWords(line.trim())))
      .join('');
}

/**
 * Reads one RESP reply from `text` at `at`: its lines as redis-cli prints them, raw (off a
 * terminal: bare values) or formatted (on one, or with --no-raw: `"value"`, `(integer) 1`, `1) ...`).
 */
function readReply(text: string, at: number, formatted: boolean): { lines: string[]; next: number } {
  const end = text.indexOf('\r\n', at);
  const head = text.slice(at, end);
  const next = end + 2;
  switch (head[0]) {
    case '+':
      return { lines: [head.slice(1)], next };
    case '-':
      return { lines: [formatted ? `(error) ${head.slice(1)}` : head.slice(1)], next };
    case ':':
      return { lines: [formatted ? `(integer) ${head.slice(1)}` : head.slice(1)], next };
    case '$': {
      const length = Number(head.slice(1));
      if (length < 0) return { lines: [formatted ? '(nil)' : ''], next };
      const value = text.slice(next, next + length);
      return { lines: [formatted ? `"${value}"` : value], next: next + length + 2 };
    }
    case '*': {
      const lines: string[] = [];
      let position = next;
      const count = Number(head.slice(1));
      if (count === 0 && formatted) return { lines: ['(empty array)'], next };
      for (let i = 0; i < count; i++) {
        const item = readReply(text, position, formatted);
        lines.push(...item.lines.map((line, j) => (formatted && j === 0 ? `${i + 1}) ${line}` : line)));
        position = item.next;
      }
      return { lines, next: position };
    }
    default:
      return { lines: [], next: text.length };
  }
}

/** redis-cli: a command from its arguments (or one per line of stdin), the replies in raw form. */
export const redisCli: CommandImpl = (ctx) => {
  const args = ctx.argv.slice(1);
  let host = '127.0.0.1';
  let port = 6379;
  let formatted = false;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-h') host = args[++i] ?? host;
    else if (args[i] === '-p') port = Number(args[++i] ?? port);
    else if (args[i] === '--no-raw' || args[i] === '--raw') formatted = args[i] === '--no-raw';
    else words.push(args[i]);
  }
  const data = words.length > 0 ? words.join(' ') + '\n' : ctx.io.stdin;
  const result = ctx.host.tcpSend?.(host, port, data) ?? { error: 'Connection refused' };
  if (result.error !== undefined) {
    ctx.io.stdout(`Could not connect to Redis at ${host}:${port}: ${result.error.startsWith('bad address') ? 'Name or service not known' : result.error}\n`);
    return 1;
  }
  const reply = result.reply ?? '';
  let position = 0;
  while (position < reply.length) {
    const item = readReply(reply, position, formatted);
    for (const line of item.lines) ctx.io.stdout(`${line}\n`);
    position = item.next;
  }
  return 0;
};

export const redis: CommandImpl = function* (ctx): Program {
  const t = redisTime(ctx.now());
  const version = ctx.env.get('REDIS_VERSION') ?? redisVersion;
  const replicaOf = ctx.argv.indexOf('--replicaof');
  const master: Master | undefined =
    replicaOf > 0 && ctx.argv[replicaOf + 1]
      ? { host: ctx.argv[replicaOf + 1], port: Number(ctx.argv[replicaOf + 2] ?? 6379), send: (data) => ctx.host.tcpSend?.(master!.host, master!.port, data) ?? { error: 'Connection refused' } }
      : undefined;
  const role = master ? 'S' : 'M';
  ctx.io.stdout(
    [
      `1:C ${t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
      `1:C ${t} * Redis version=${version}, bits=64, commit=00000000, modified=0, pid=1, just started`,
      `1:C ${t} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
      `1:${role} ${t} * monotonic clock: POSIX clock_gettime`,
      `1:${role} ${t} * Running mode=standalone, port=6379.`,
      `1:${role} ${t} * Server initialized`,
      `1:${role} ${t} * Ready to accept connections tcp`,
      ...(master
        ? [
            `1:S ${t} * Connecting to MASTER ${master.host}:${master.port}`,
            `1:S ${t} * MASTER <-> REPLICA sync started`,
            ...(master.send('PING\n').error === undefined ? [`1:S ${t} * MASTER <-> REPLICA sync: Finished with success`] : []),
          ]
        : []),
      '',
    ].join('\n'),
  );
  ctx.host.setTitle?.('redis-server *:6379');
  ctx.host.setMemory?.(3 * MiB);
  ctx.host.listen?.(6379, { protocol: 'tcp', reply: redisServer(redisConfig(ctx), master) });
  return yield* forever();
};

/** The guestbook's redis follower image: its /run.sh starts a replica of the leader Service. */
export const redisFollowerRunSh: CommandImpl = (ctx) => {
  const leader = ctx.env.get('GET_HOSTS_FROM') === 'env' ? ctx.env.get('REDIS_LEADER_SERVICE_HOST') ?? '' : 'redis-leader';
  return redis({ ...ctx, argv: ['redis-server', '--replicaof', leader, '6379'] });
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

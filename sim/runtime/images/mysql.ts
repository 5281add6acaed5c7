// The mysql image: mysqld (its entrypoint's first start initializes the data directory with the
// root password, MYSQL_DATABASE and MYSQL_USER, later starts find it there) and the mysql client,
// which connects through cluster DNS or the server's socket and speaks the SQL of mysql-sql.ts.
// Between the two runs a line protocol of this lab's own: one JSON request, one JSON reply.
import type { CommandContext, CommandImpl, InputStream, Program } from '../../process';
import { Interrupt, readInputLine, stdoutIsTerminal } from '../../process';
import { MiB, forever } from './program-helpers';
import { dataDir, runStatement, systemDatabases, type Session, type SqlError, type SqlResult } from './mysql-sql';

/** The release an image runs when its tag names none (`mysql:latest`). */
export const mysqlDefaultVersion = '9.1.0-1.el9';
const socketPath = '/var/run/mysqld/mysqld.sock';
const usersFile = `${dataDir}/mysql.ibd`;
const maxStatementLength = 65536;

interface User {
  user: string;
  host: string;
  password: string;
  /** Databases the user has all privileges on; `*` for every one. */
  grants: string[];
}

export interface Request {
  user: string;
  password: string;
  /** The client's address as the server sees it: its IP, or `localhost` over the socket. */
  from: string;
  database?: string;
  sql?: string;
}

export interface Reply {
  error?: SqlError;
  version: string;
  id: number;
  /** How the server asks clients to prove their password: caching_sha2_password from 8.0 on. */
  authPlugin: string;
  result?: SqlResult;
}

/** Why no server answered: the name does not resolve, nothing listens, no route, no socket file. */
export type ConnectFailure = 'unresolved' | 'refused' | 'unreachable' | 'no-socket';

/** `9.1.0-1.el9` → `9.1.0`: the release in MYSQL_VERSION. */
function releaseOf(ctx: CommandContext): string {
  return (ctx.env.get('MYSQL_VERSION') ?? mysqlDefaultVersion).replace(/-.*$/, '');
}

const older = (version: string) => version.startsWith('5.');

function readUsers(ctx: CommandContext): User[] {
  try {
    return JSON.parse(ctx.fs.readFile(usersFile)) as User[];
  } catch {
    return [];
  }
}

/** The entrypoint's first start: system databases, the root user, MYSQL_DATABASE and MYSQL_USER. */
function initializeDataDirectory(ctx: CommandContext, version: string): void {
  ctx.fs.mkdir(dataDir, { recursive: true });
  for (const database of systemDatabases) if (database !== 'sys' || !older(version)) ctx.fs.mkdir(`${dataDir}/${database}`, { recursive: true });
  const root = ctx.env.get('MYSQL_ROOT_PASSWORD') ?? '';
  const users: User[] = [
    { user: 'root', host: 'localhost', password: root, grants: ['*'] },
    { user: 'root', host: ctx.env.get('MYSQL_ROOT_HOST') ?? '%', password: root, grants: ['*'] },
  ];
  const database = ctx.env.get('MYSQL_DATABASE');
  if (database) ctx.fs.mkdir(`${dataDir}/${database}`, { recursive: true });
  const user = ctx.env.get('MYSQL_USER');
  if (user && user !== 'root') users.push({ user, host: '%', password: ctx.env.get('MYSQL_PASSWORD') ?? '', grants: database ? [database] : [] });
  ctx.fs.writeFile(usersFile, JSON.stringify(users));
}

/** The server's side of a connection: who may log in, then one statement. */
function serve(ctx: CommandContext, version: string, nextId: () => number, request: Request): Reply {
  const id = nextId();
  const authPlugin = older(version) ? 'mysql_native_password' : 'caching_sha2_password';
  const denied = (): Reply => ({
    version,
    id,
    authPlugin,
    error: { code: 1045, state: '28000', message: `Access denied for user '${request.user}'@'${request.from}' (using password: ${request.password ? 'YES' : 'NO'})` },
  });
  const local = request.from === 'localhost';
  const account = readUsers(ctx).find((user) => user.user === request.user && (user.host === '%' || (local && user.host === 'localhost')));
  if (!account || account.password !== request.password) return denied();
  const session: Session = { user: request.user, host: request.from, accountHost: account.host, database: request.database, version, superuser: account.grants.includes('*'), grants: account.grants };
  if (request.database !== undefined) {
    const use = runStatement(ctx.fs, session, `USE \`${request.database}\``);
    if (use.kind === 'error') return { version, id, authPlugin, error: use.error };
  }
  if (request.sql === undefined) return { version, id, authPlugin };
  return { version, id, authPlugin, result: runStatement(ctx.fs, session, request.sql) };
}

export const mysqld: CommandImpl = function* (ctx): Program {
  const stamp = () => new Date(ctx.now()).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '+00:00');
  const version = releaseOf(ctx);
  const ok = ['MYSQL_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD'].some((name) => ctx.env.has(name));
  ctx.io.stdout(`${stamp()} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${ctx.env.get('MYSQL_VERSION') ?? mysqlDefaultVersion} started.\n`);
  const initialized = ctx.fs.stat(usersFile) !== undefined;
  if (!ok && !initialized) {
    ctx.io.stderr(
      `${stamp()} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n` +
        '    You need to specify one of the following as an environment variable:\n' +
        '    - MYSQL_ROOT_PASSWORD\n' +
        '    - MYSQL_ALLOW_EMPTY_PASSWORD\n' +
        '    - MYSQL_RANDOM_ROOT_PASSWORD\n',
    );
    return 1;
  }
  // The first start initializes the data directory, which takes a while; a later one finds it.
  yield { kind: 'sleep', until: ctx.now() + (initialized ? 2000 : 5000) };
  if (!initialized) initializeDataDirectory(ctx, version);
  if (older(version)) {
    const noteTime = new Date(ctx.now()).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '');
    ctx.io.stdout(`${noteTime} 1 [Note] mysqld: ready for connections.\nVersion: '${version}'  socket: '${socketPath}'  port: 3306  MySQL Community Server (GPL)\n`);
  } else {
    ctx.io.stdout(`${stamp()} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${version}'  socket: '${socketPath}'  port: 3306  MySQL Community Server - GPL.\n`);
  }
  ctx.host.setMemory?.(360 * MiB);
  try {
    ctx.fs.mkdir('/var/run/mysqld', { recursive: true });
    ctx.fs.writeFile(socketPath, '');
  } catch {
    // a read-only root filesystem: clients reach the server over TCP only
  }
  let connections = 0;
  const nextId = () => ++connections;
  ctx.host.listen?.(3306, {
    protocol: 'tcp',
    reply: (data) => {
      let request: Request;
      try {
        request = JSON.parse(data) as Request;
      } catch {
        // Not a MySQL client: the server's greeting is all it gets.
        return '';
      }
      return JSON.stringify(serve(ctx, version, nextId, request)) + '\n';
    },
  });
  return yield* forever();
};

/** What a connection attempt gives: the server's reply, or why none came. */
export function mysqlRequest(ctx: CommandContext, target: { host: string; port: number; socket: boolean }, request: Request): Reply | { failure: ConnectFailure } {
  if (target.socket && !ctx.fs.stat(socketPath)) return { failure: 'no-socket' };
  if (!target.socket && ctx.host.resolve && !ctx.host.resolve(target.host)) return { failure: 'unresolved' };
  const sent = ctx.host.tcpSend?.(target.socket ? '127.0.0.1' : target.host, target.port, JSON.stringify(request)) ?? { error: 'Connection refused' };
  if (sent.error !== undefined || !sent.reply) return { failure: sent.error === 'No route to host' ? 'unreachable' : 'refused' };
  return JSON.parse(sent.reply) as Reply;
}

/** The mysql client's words for a failed connection. */
function clientError(failure: ConnectFailure, target: { host: string; port: number }, version: string): string {
  switch (failure) {
    case 'no-socket':
      return `ERROR 2002 (HY000): Can't connect to local MySQL server through socket '${socketPath}' (2)`;
    case 'unresolved':
      return `ERROR 2005 (HY000): Unknown MySQL server host '${target.host}' (-2)`;
    default: {
      const errno = failure === 'unreachable' ? 113 : 111;
      if (target.host === 'localhost') return `ERROR 2002 (HY000): Can't connect to local MySQL server through socket '${socketPath}' (${errno})`;
      return `ERROR 2003 (HY000): Can't connect to MySQL server on '${older(version) ? target.host : `${target.host}:${target.port}`}' (${errno})`;
    }
  }
}

interface ClientOptions {
  host: string;
  port: number;
  user: string;
  password?: string;
  /** -p alone: the password is asked for. */
  askPassword: boolean;
  database?: string;
  execute?: string;
  tcp: boolean;
  columnNames: boolean;
  table?: boolean;
}

function parseClientOptions(args: string[]): ClientOptions | { unknown: string } | { version: true } {
  const options: ClientOptions = { host: 'localhost', port: 3306, user: 'root', askPassword: false, tcp: false, columnNames: true };
  const valued: Record<string, (value: string) => void> = {
    h: (v) => (options.host = v), host: (v) => (options.host = v),
    P: (v) => (options.port = Number(v)), port: (v) => (options.port = Number(v)),
    u: (v) => (options.user = v), user: (v) => (options.user = v),
    e: (v) => (options.execute = v), execute: (v) => (options.execute = v),
    D: (v) => (options.database = v), database: (v) => (options.database = v),
    protocol: (v) => (options.tcp = v.toLowerCase() === 'tcp'),
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-V' || arg === '--version') return { version: true };
    if (arg === '-p' || arg === '--password') options.askPassword = true;
    else if (arg.startsWith('-p') && !arg.startsWith('--')) options.password = arg.slice(2);
    else if (arg.startsWith('--password=')) options.password = arg.slice('--password='.length);
    else if (arg === '-N' || arg === '--skip-column-names') options.columnNames = false;
    else if (arg === '-t' || arg === '--table') options.table = true;
    else if (arg === '-B' || arg === '--batch') options.table = false;
    else if (['-A', '--no-auto-rehash', '-s', '--silent', '-v', '--verbose', '-f', '--force', '-n', '--unbuffered'].includes(arg)) continue;
    else if (arg.startsWith('--')) {
      const [name, value] = arg.slice(2).split(/=(.*)/s);
      if (!valued[name]) return { unknown: arg };
      const given = value ?? args[++i];
      if (given === undefined) return { unknown: arg };
      valued[name](given);
    } else if (arg.startsWith('-') && arg.length > 1) {
      const letter = arg[1];
      if (!valued[letter]) return { unknown: arg };
      const given = arg.length > 2 ? arg.slice(2) : args[++i];
      if (given === undefined) return { unknown: arg };
      valued[letter](given);
    } else options.database = arg;
  }
  return options;
}

/** Splits a script into statements at `;` (or `\g`, `\G`) outside quotes; what follows the last is the unfinished rest. */
function splitStatements(text: string): { statements: string[]; rest: string } {
  const statements: string[] = [];
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === ';' || (c === '\\' && (text[i + 1] === 'g' || text[i + 1] === 'G'))) {
      statements.push(text.slice(start, i).trim());
      if (c === '\\') i++;
      start = i + 1;
    }
  }
  return { statements: statements.filter((statement) => statement !== ''), rest: text.slice(start) };
}

/** A result set drawn as a table, as the client shows it on a terminal. */
function drawTable(result: Extract<SqlResult, { kind: 'rows' }>): string {
  const cells = result.rows.map((row) => row.map((cell) => cell ?? 'NULL'));
  // A column that may hold NULL is at least as wide as `NULL`.
  const widths = result.columns.map((column, i) => Math.max(column.length, result.nullable[i] ? 4 : 0, ...cells.map((row) => row[i].length)));
  const rule = `+${widths.map((width) => '-'.repeat(width + 2)).join('+')}+\n`;
  const line = (values: string[], alignRight: boolean[]) => `|${values.map((value, i) => ` ${alignRight[i] ? value.padStart(widths[i]) : value.padEnd(widths[i])} `).join('|')}|\n`;
  return rule + line(result.columns, result.columns.map(() => false)) + rule + cells.map((row) => line(row, result.numeric)).join('') + rule;
}

function tabbed(result: Extract<SqlResult, { kind: 'rows' }>, columnNames: boolean): string {
  const lines = result.rows.map((row) => row.map((cell) => cell ?? 'NULL').join('\t'));
  return (columnNames ? [result.columns.join('\t'), ...lines] : lines).map((line) => `${line}\n`).join('');
}

const rowsWord = (count: number) => (count === 1 ? 'row' : 'rows');

function banner(reply: Reply, clientVersion: string): string {
  const server = older(reply.version) ? `${reply.version} MySQL Community Server (GPL)` : `${reply.version} MySQL Community Server - GPL`;
  const year = clientVersion.startsWith('5.6') ? '2021' : clientVersion.startsWith('5.7') ? '2023' : clientVersion.startsWith('9.1') ? '2024' : '2025';
  const rights = older(clientVersion) ? ' All rights reserved.' : '';
  return (
    'Welcome to the MySQL monitor.  Commands end with ; or \\g.\n' +
    `Your MySQL connection id is ${reply.id}\nServer version: ${server}\n\n` +
    `Copyright (c) 2000, ${year}, Oracle and/or its affiliates.${rights}\n\n` +
    'Oracle is a registered trademark of Oracle Corporation and/or its\naffiliates. Other names may be trademarks of their respective\nowners.\n\n' +
    "Type 'help;' or '\\h' for help. Type '\\c' to clear the current input statement.\n\n"
  );
}

/** The mysql client: `-e` statements, statements on stdin, or its prompt on a terminal. */
export const mysqlClient: CommandImpl = function* (ctx): Program {
  const version = releaseOf(ctx);
  const parsed = parseClientOptions(ctx.argv.slice(1));
  if ('version' in parsed) {
    ctx.io.stdout(older(version) ? `mysql  Ver 14.14 Distrib ${version}, for Linux (x86_64) using  EditLine wrapper\n` : `mysql  Ver ${version} for Linux on x86_64 (MySQL Community Server - GPL)\n`);
    return 0;
  }
  if ('unknown' in parsed) {
    ctx.io.stderr(older(version) ? `mysql: unknown option '${parsed.unknown}'\n` : `mysql: [ERROR] unknown option '${parsed.unknown}'.\n`);
    return 7;
  }
  const options = parsed;
  const input: InputStream | undefined = ctx.io.stdinStream;
  const interactive = ctx.io.tty === true && input !== undefined && options.execute === undefined;
  let password = options.password ?? '';
  if (options.password !== undefined) {
    ctx.io.stderr(older(version) ? 'Warning: Using a password on the command line interface can be insecure.\n' : 'mysql: [Warning] Using a password on the command line interface can be insecure.\n');
  } else if (options.askPassword) {
    ctx.io.stdout('Enter password: ');
    const typed = input ? yield* readInputLine(input) : ctx.io.stdin.split('\n')[0];
    password = typed ?? '';
    if (!interactive) ctx.io.stdout('\n');
  }
  const socket = options.host === 'localhost' && !options.tcp;
  // The server sees a connection to its loopback address come from loopback, any other from the Pod's address.
  const loopback = /^(localhost|127\.\d+\.\d+\.\d+)$/.test(options.host);
  const from = socket ? 'localhost' : loopback ? '127.0.0.1' : ctx.host.networkView?.().address ?? '127.0.0.1';
  const target = { host: options.host, port: options.port, socket };
  let database = options.database;
  const send = (sql?: string) => mysqlRequest(ctx, target, { user: options.user, password, from, database, sql });
  const greeting = send();
  if ('failure' in greeting) {
    ctx.io.stderr(`${clientError(greeting.failure, target, version)}\n`);
    return 1;
  }
  if (greeting.error) {
    ctx.io.stderr(`ERROR ${greeting.error.code} (${greeting.error.state}): ${greeting.error.message}\n`);
    return 1;
  }
  const table = options.table ?? (interactive || (options.execute !== undefined && stdoutIsTerminal(ctx.io)));

  /** Runs one statement; in batch mode an error ends the client, as at line `line`. */
  const run = (statement: string, line: number): boolean => {
    const words = statement.trim().split(/\s+/);
    const reply = send(statement);
    if ('failure' in reply) {
      ctx.io.stderr(`${clientError(reply.failure, target, version)}\n`);
      return false;
    }
    const result = reply.error ? ({ kind: 'error', error: reply.error } as SqlResult) : reply.result!;
    if (result.kind === 'error') {
      const at = interactive ? '' : ` at line ${line}`;
      ctx.io.stderr(`ERROR ${result.error.code} (${result.error.state})${at}: ${result.error.message}\n`);
      return interactive;
    }
    if (result.kind === 'use') {
      database = result.database;
      if (interactive) {
        const tables = send('SHOW TABLES');
        const hasTables = !('failure' in tables) && tables.result?.kind === 'rows' && tables.result.rows.length > 0;
        if (hasTables) ctx.io.stdout('Reading table information for completion of table and column names\nYou can turn off this feature to get a quicker startup with -A\n\n');
        ctx.io.stdout('Database changed\n');
      }
      return true;
    }
    if (result.kind === 'ok') {
      if (interactive) {
        const records = /^INSERT$/i.test(words[0]) && result.affected > 1 ? `Records: ${result.affected}  Duplicates: 0  Warnings: 0\n` : '';
        ctx.io.stdout(`Query OK, ${result.affected} ${rowsWord(result.affected)} affected (0.01 sec)\n${records}\n`);
      }
      return true;
    }
    if (!table) ctx.io.stdout(tabbed(result, options.columnNames));
    else if (result.rows.length > 0) ctx.io.stdout(drawTable(result));
    if (interactive) ctx.io.stdout(result.rows.length === 0 ? 'Empty set (0.00 sec)\n\n' : `${result.rows.length} ${rowsWord(result.rows.length)} in set (0.00 sec)\n\n`);
    return true;
  };

  if (options.execute !== undefined) {
    for (const statement of splitStatements(`${options.execute};`).statements) if (!run(statement, 1)) return 1;
    return 0;
  }
  if (interactive) {
    ctx.io.stdout(banner(greeting, version));
    if (!older(version)) ctx.host.handleSignals?.(['SIGINT']);
  }
  // Lines from stdin: what is there up front, then a live stdin as it comes; on a terminal, at a prompt.
  const upFront = ctx.io.stdin === '' ? [] : ctx.io.stdin.replace(/\n$/, '').split('\n');
  let buffer = '';
  let line = 0;
  for (;;) {
    if (interactive) ctx.io.stdout(buffer.trim() === '' ? 'mysql> ' : '    -> ');
    let typed: string | null;
    try {
      typed = upFront.length > 0 ? upFront.shift()! : input ? yield* readInputLine(input) : null;
    } catch (error) {
      // Ctrl-C at the prompt (from 5.7 on) drops what was typed and asks again.
      if (!(error instanceof Interrupt) || error.signal !== 'SIGINT' || !interactive) throw error;
      ctx.io.stdout('\n');
      buffer = '';
      continue;
    }
    if (typed === null) {
      if (interactive) ctx.io.stdout('Bye\n');
      const last = buffer.trim();
      return last === '' || run(last, line) ? 0 : 1;
    }
    line++;
    const command = `${buffer}${typed}`.trim();
    // The client's own commands need no `;`.
    if (buffer.trim() === '' && /^(exit|quit|\\q)\s*;?$/i.test(command)) {
      if (interactive) ctx.io.stdout('Bye\n');
      return 0;
    }
    if (/\\c$/.test(command)) {
      buffer = '';
      continue;
    }
    if (buffer.trim() === '' && /^use\s+[^\s;]+\s*;?$/i.test(command)) {
      if (!run(command.replace(/;$/, ''), line)) return 1;
      continue;
    }
    buffer = buffer.length + typed.length > maxStatementLength ? '' : `${buffer}${typed}\n`;
    const { statements, rest } = splitStatements(buffer);
    buffer = rest.trim() === '' ? '' : rest;
    for (const statement of statements) if (!run(statement, line)) return 1;
  }
};

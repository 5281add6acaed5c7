// The SQL a MySQL server answers here: a small subset (databases, tables of plain columns, INSERT,
// SELECT with a simple WHERE, DELETE) kept in the server's data directory, one file per table, so
// the data outlives the Pod when the directory is a PersistentVolume. Errors carry MySQL's codes,
// states and texts.
import type { FileSystem } from '../../fs/filesystem';

export interface SqlError {
  code: number;
  state: string;
  message: string;
}

export type SqlResult =
  | { kind: 'rows'; columns: string[]; numeric: boolean[]; nullable: boolean[]; rows: (string | null)[][] }
  | { kind: 'ok'; affected: number }
  | { kind: 'use'; database: string }
  | { kind: 'error'; error: SqlError };

/** Who runs a statement: a user, where from, in which database, on which server. */
export interface Session {
  user: string;
  /** Where the client connects from (USER()). */
  host: string;
  /** The host of the account it logged in as (`%`, `localhost`), which privilege errors name (CURRENT_USER()). */
  accountHost: string;
  database?: string;
  version: string;
  /** All privileges (root); anyone else works only in the databases granted to them. */
  superuser: boolean;
  grants: string[];
}

interface Column {
  name: string;
  type: string;
  /** NOT NULL or PRIMARY KEY: the client sizes the column to its values alone, not to fit `NULL`. */
  notNull?: boolean;
}

interface Table {
  columns: Column[];
  rows: (string | null)[][];
}

export const dataDir = '/var/lib/mysql';
/** The databases the server itself keeps; information_schema has no directory. */
export const systemDatabases = ['mysql', 'performance_schema', 'sys'];
const maxRows = 10000;
const maxTables = 200;

const error = (code: number, state: string, message: string): SqlResult => ({ kind: 'error', error: { code, state, message } });
const syntaxError = (near: string): SqlResult =>
  error(1064, '42000', `You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '${near}' at line 1`);

type Token = { kind: 'word' | 'string' | 'number' | 'symbol'; text: string; start: number };

function tokenize(sql: string): Token[] | undefined {
  const tokens: Token[] = [];
  const pattern = /\s+|--[^\n]*|#[^\n]*|'((?:[^'\\]|\\.|'')*)'|"((?:[^"\\]|\\.)*)"|`([^`]*)`|(-?\d+(?:\.\d+)?)|([A-Za-z_$][\w$]*)|(!=|<>|<=|>=|[(),;*=.<>])/y;
  let at = 0;
  while (at < sql.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(sql);
    if (!match) return undefined;
    if (match[1] !== undefined || match[2] !== undefined) {
      tokens.push({ kind: 'string', text: (match[1] ?? match[2]).replace(/''/g, "'").replace(/\\(.)/g, '$1'), start: at });
    } else if (match[3] !== undefined) tokens.push({ kind: 'word', text: match[3], start: at });
    else if (match[4] !== undefined) tokens.push({ kind: 'number', text: match[4], start: at });
    else if (match[5] !== undefined) tokens.push({ kind: 'word', text: match[5], start: at });
    else if (match[6] !== undefined) tokens.push({ kind: 'symbol', text: match[6], start: at });
    at = pattern.lastIndex;
  }
  return tokens;
}

/** A cursor over one statement's tokens. */
class Parser {
  private at = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly sql: string,
  ) {}

  peek(): Token | undefined {
    return this.tokens[this.at];
  }

  /** Takes the next token if it is `keyword` (any case). */
  accept(keyword: string): boolean {
    const token = this.tokens[this.at];
    if (token && token.kind !== 'string' && token.text.toUpperCase() === keyword) {
      this.at++;
      return true;
    }
    return false;
  }

  next(): Token | undefined {
    return this.tokens[this.at++];
  }

  name(): string | undefined {
    const token = this.tokens[this.at];
    if (token?.kind !== 'word') return undefined;
    this.at++;
    return token.text;
  }

  /** The statement's text from the current token on, as MySQL quotes it in a syntax error. */
  rest(): string {
    const token = this.tokens[this.at];
    return token ? this.sql.slice(token.start).trim() : '';
  }

  done(): boolean {
    return this.at >= this.tokens.length;
  }
}

/** A table file: its columns on the first line, then one row a line, as JSON. */
function readTable(fs: FileSystem, path: string): Table | undefined {
  try {
    const [head, ...lines] = fs.readFile(path).split('\n').filter((line) => line !== '');
    return { columns: JSON.parse(head) as Column[], rows: lines.map((line) => JSON.parse(line) as (string | null)[]) };
  } catch {
    return undefined;
  }
}

function writeTable(fs: FileSystem, path: string, table: Table): void {
  fs.writeFile(path, [JSON.stringify(table.columns), ...table.rows.map((row) => JSON.stringify(row))].join('\n') + '\n');
}

const numericType = /^(TINYINT|SMALLINT|MEDIUMINT|INT|INTEGER|BIGINT|DECIMAL|NUMERIC|FLOAT|DOUBLE|REAL|BIT|SERIAL)$/i;

/** The databases a data directory holds. */
export function databasesIn(fs: FileSystem): string[] {
  try {
    return fs
      .readdir(dataDir)
      .filter((name) => fs.stat(`${dataDir}/${name}`)?.type === 'dir' && !name.startsWith('#') && name !== 'lost+found')
      .sort();
  } catch {
    return [];
  }
}

function tablesIn(fs: FileSystem, database: string): string[] {
  try {
    return fs
      .readdir(`${dataDir}/${database}`)
      .filter((name) => name.endsWith('.ibd'))
      .map((name) => name.slice(0, -4))
      .sort();
  } catch {
    return [];
  }
}

/** Runs one statement against the data directory. */
export function runStatement(fs: FileSystem, session: Session, sql: string): SqlResult {
  const tokens = tokenize(sql.trim().replace(/;\s*$/, ''));
  if (!tokens) return syntaxError(sql.trim());
  if (tokens.length === 0) return error(1065, '42000', 'Query was empty');
  const p = new Parser(tokens, sql.trim().replace(/;\s*$/, ''));
  const mayUse = (database: string) => session.superuser || session.grants.includes(database) || database === 'information_schema';
  const denied = (database: string) => error(1044, '42000', `Access denied for user '${session.user}'@'${session.accountHost}' to database '${database}'`);
  const exists = (database: string) => database === 'information_schema' || databasesIn(fs).includes(database);
  const tableOf = (name: string): { database?: string; table: string } => {
    if (p.accept('.')) return { database: name, table: p.name() ?? '' };
    return { database: session.database, table: name };
  };
  /** The table the statement names next, read from its file, or why it cannot be used. */
  const openTable = (): { path: string; table: string; stored: Table } | SqlResult => {
    const name = p.name();
    if (!name) return syntaxError(p.rest());
    const { database, table } = tableOf(name);
    if (!database) return error(1046, '3D000', 'No database selected');
    if (!mayUse(database)) return denied(database);
    const path = `${dataDir}/${database}/${table}.ibd`;
    const stored = readTable(fs, path);
    return stored ? { path, table, stored } : error(1146, '42S02', `Table '${database}.${table}' doesn't exist`);
  };
  const first = p.next()!;
  const verb = first.kind === 'word' ? first.text.toUpperCase() : '';
  switch (verb) {
    case 'SHOW': {
      if (p.accept('DATABASES') || p.accept('SCHEMAS')) {
        const visible = ['information_schema', ...databasesIn(fs).filter((db) => mayUse(db) || (db === 'performance_schema' && !session.version.startsWith('5.')))];
        return { kind: 'rows', columns: ['Database'], numeric: [false], nullable: [false], rows: visible.map((db) => [db]) };
      }
      if (p.accept('TABLES')) {
        const database = p.accept('FROM') || p.accept('IN') ? p.name() : session.database;
        if (!database) return error(1046, '3D000', 'No database selected');
        if (!mayUse(database)) return denied(database);
        if (!exists(database)) return error(1049, '42000', `Unknown database '${database}'`);
        const names = database === 'information_schema' ? [] : tablesIn(fs, database);
        return { kind: 'rows', columns: [`Tables_in_${database}`], numeric: [false], nullable: [false], rows: names.map((name) => [name]) };
      }
      return syntaxError(p.rest());
    }
    case 'USE': {
      const database = p.name();
      if (!database) return syntaxError(p.rest());
      if (!mayUse(database)) return denied(database);
      if (!exists(database)) return error(1049, '42000', `Unknown database '${database}'`);
      return { kind: 'use', database };
    }
    case 'CREATE': {
      if (p.accept('DATABASE') || p.accept('SCHEMA')) {
        const ifNotExists = p.accept('IF') && p.accept('NOT') && p.accept('EXISTS');
        const database = p.name();
        if (!database || !p.done()) return syntaxError(p.rest());
        if (!session.superuser) return denied(database);
        if (exists(database)) return ifNotExists ? { kind: 'ok', affected: 1 } : error(1007, 'HY000', `Can't create database '${database}'; database exists`);
        fs.mkdir(`${dataDir}/${database}`, { recursive: true });
        return { kind: 'ok', affected: 1 };
      }
      if (p.accept('TABLE')) {
        const ifNotExists = p.accept('IF') && p.accept('NOT') && p.accept('EXISTS');
        const name = p.name();
        if (!name) return syntaxError(p.rest());
        const { database, table } = tableOf(name);
        if (!database) return error(1046, '3D000', 'No database selected');
        if (!mayUse(database)) return denied(database);
        if (!exists(database)) return error(1049, '42000', `Unknown database '${database}'`);
        if (!p.accept('(')) return syntaxError(p.rest());
        const columns: Column[] = [];
        // Column definitions up to the closing parenthesis; constraints and keys are read past.
        for (let depth = 1; depth > 0 && !p.done(); ) {
          const columnName = p.peek()?.kind === 'word' && !/^(PRIMARY|KEY|INDEX|UNIQUE|CONSTRAINT|FOREIGN)$/i.test(p.peek()!.text) ? p.name() : undefined;
          const type = columnName ? p.name() : undefined;
          const column: Column | undefined = columnName && type ? { name: columnName, type: type.toUpperCase() } : undefined;
          if (column) columns.push(column);
          for (;;) {
            const token = p.next();
            if (!token) break;
            if (column && depth === 1 && /^(NOT|PRIMARY)$/i.test(token.text)) column.notNull = true;
            if (token.text === '(') depth++;
            else if (token.text === ')') {
              depth--;
              if (depth === 0) break;
            } else if (token.text === ',' && depth === 1) break;
          }
        }
        if (columns.length === 0) return syntaxError(p.rest() || ')');
        const path = `${dataDir}/${database}/${table}.ibd`;
        if (fs.stat(path)) return ifNotExists ? { kind: 'ok', affected: 0 } : error(1050, '42S01', `Table '${table}' already exists`);
        if (tablesIn(fs, database).length >= maxTables) return error(1030, 'HY000', 'Got error 28 - \'No space left on device\' from storage engine');
        writeTable(fs, path, { columns, rows: [] });
        return { kind: 'ok', affected: 0 };
      }
      return syntaxError(p.rest());
    }
    case 'DROP': {
      const isDatabase = p.accept('DATABASE') || p.accept('SCHEMA');
      if (!isDatabase && !p.accept('TABLE')) return syntaxError(p.rest());
      const ifExists = p.accept('IF') && p.accept('EXISTS');
      const name = p.name();
      if (!name) return syntaxError(p.rest());
      if (isDatabase) {
        if (!session.superuser) return denied(name);
        if (!exists(name) || name === 'information_schema') return ifExists ? { kind: 'ok', affected: 0 } : error(1008, 'HY000', `Can't drop database '${name}'; database doesn't exist`);
        const count = tablesIn(fs, name).length;
        fs.remove(`${dataDir}/${name}`, { recursive: true });
        return { kind: 'ok', affected: count };
      }
      const { database, table } = tableOf(name);
      if (!database) return error(1046, '3D000', 'No database selected');
      if (!mayUse(database)) return denied(database);
      const path = `${dataDir}/${database}/${table}.ibd`;
      if (!fs.stat(path)) return ifExists ? { kind: 'ok', affected: 0 } : error(1051, '42S02', `Unknown table '${database}.${table}'`);
      fs.remove(path);
      return { kind: 'ok', affected: 0 };
    }
    case 'INSERT': {
      p.accept('INTO');
      const opened = openTable();
      if ('kind' in opened) return opened;
      const { path, table, stored } = opened;
      let names = stored.columns.map((column) => column.name);
      if (p.accept('(')) {
        names = [];
        for (let column = p.name(); column; column = p.accept(',') ? p.name() : undefined) names.push(column);
        if (!p.accept(')')) return syntaxError(p.rest());
        const unknown = names.find((column) => !stored.columns.some((c) => c.name.toLowerCase() === column.toLowerCase()));
        if (unknown) return error(1054, '42S22', `Unknown column '${unknown}' in 'field list'`);
      }
      if (!p.accept('VALUES') && !p.accept('VALUE')) return syntaxError(p.rest());
      const added: (string | null)[][] = [];
      do {
        if (!p.accept('(')) return syntaxError(p.rest());
        const values: (string | null)[] = [];
        for (;;) {
          const token = p.next();
          if (!token || token.kind === 'symbol') return syntaxError(token ? p.rest() : '');
          values.push(token.kind === 'word' && token.text.toUpperCase() === 'NULL' ? null : token.text);
          if (p.accept(')')) break;
          if (!p.accept(',')) return syntaxError(p.rest());
        }
        if (values.length !== names.length) return error(1136, '21S01', `Column count doesn't match value count at row ${added.length + 1}`);
        added.push(stored.columns.map((column) => {
          const index = names.findIndex((n) => n.toLowerCase() === column.name.toLowerCase());
          return index < 0 ? null : values[index];
        }));
      } while (p.accept(','));
      if (!p.done()) return syntaxError(p.rest());
      if (stored.rows.length + added.length > maxRows) return error(1114, 'HY000', `The table '${table}' is full`);
      writeTable(fs, path, { columns: stored.columns, rows: [...stored.rows, ...added] });
      return { kind: 'ok', affected: added.length };
    }
    case 'DELETE': {
      if (!p.accept('FROM')) return syntaxError(p.rest());
      const opened = openTable();
      if ('kind' in opened) return opened;
      const { path, stored } = opened;
      const where = parseWhere(p, stored);
      if ('kind' in where) return where;
      const kept = stored.rows.filter((row) => !where.matches(row));
      writeTable(fs, path, { columns: stored.columns, rows: kept });
      return { kind: 'ok', affected: stored.rows.length - kept.length };
    }
    case 'SELECT':
      return select(p, fs, session, mayUse);
    default:
      return syntaxError(p.rest() ? `${first.text} ${p.rest()}`.trim() : first.text);
  }
}

/** `WHERE column = value` (or `!=`, `<>`), or nothing. */
function parseWhere(p: Parser, table: Table): { matches(row: (string | null)[]): boolean } | SqlResult {
  if (!p.accept('WHERE')) return p.done() || p.peek()?.text.toUpperCase() === 'LIMIT' ? { matches: () => true } : syntaxError(p.rest());
  const column = p.name();
  const index = column === undefined ? -1 : table.columns.findIndex((c) => c.name.toLowerCase() === column.toLowerCase());
  if (column !== undefined && index < 0) return error(1054, '42S22', `Unknown column '${column}' in 'where clause'`);
  const operator = p.next();
  const value = p.next();
  if (index < 0 || !operator || !['=', '!=', '<>'].includes(operator.text) || !value || value.kind === 'symbol') return syntaxError(p.rest());
  const equal = (cell: string | null) => (table.columns[index].type.match(numericType) ? Number(cell) === Number(value.text) : cell?.toLowerCase() === value.text.toLowerCase());
  return { matches: (row) => (operator.text === '=' ? equal(row[index]) : !equal(row[index])) };
}

function select(p: Parser, fs: FileSystem, session: Session, mayUse: (database: string) => boolean): SqlResult {
  // What is selected: `*`, columns, or expressions without a table.
  const items: Token[] = [];
  for (;;) {
    const token = p.next();
    if (!token) return syntaxError('');
    items.push(token);
    if (token.kind === 'word' && p.peek()?.text === '(') {
      p.next();
      if (!p.accept(')')) return syntaxError(p.rest());
      items[items.length - 1] = { ...token, text: `${token.text}()` };
    }
    if (!p.accept(',')) break;
  }
  if (!p.accept('FROM')) {
    if (!p.done()) return syntaxError(p.rest());
    const values = items.map((item) => expressionValue(item, session));
    if (values.some((value) => value === undefined)) {
      const unknown = items.find((item) => expressionValue(item, session) === undefined)!;
      return unknown.text.endsWith('()')
        ? error(1305, '42000', `FUNCTION ${session.database ?? 'mysql'}.${unknown.text.slice(0, -2)} does not exist`)
        : error(1054, '42S22', `Unknown column '${unknown.text}' in 'field list'`);
    }
    return {
      kind: 'rows',
      columns: items.map((item) => item.text),
      numeric: items.map((item) => item.kind === 'number'),
      nullable: values.map((value) => value === null || value === session.database),
      rows: [values as (string | null)[]],
    };
  }
  const name = p.name();
  if (!name) return syntaxError(p.rest());
  const dotted = p.accept('.');
  const database = dotted ? name : session.database;
  const table = dotted ? p.name() ?? '' : name;
  if (!database) return error(1046, '3D000', 'No database selected');
  if (!mayUse(database)) return error(1142, '42000', `SELECT command denied to user '${session.user}'@'${session.accountHost}' for table '${table}'`);
  const stored = readTable(fs, `${dataDir}/${database}/${table}.ibd`);
  if (!stored) return error(1146, '42S02', `Table '${database}.${table}' doesn't exist`);
  const where = parseWhere(p, stored);
  if ('kind' in where) return where;
  let limit = Infinity;
  if (p.accept('LIMIT')) {
    const count = p.next();
    if (count?.kind !== 'number') return syntaxError(p.rest());
    limit = Number(count.text);
  }
  if (!p.done()) return syntaxError(p.rest());
  const indexes: number[] = [];
  for (const item of items) {
    if (item.text === '*') {
      indexes.push(...stored.columns.map((_, i) => i));
      continue;
    }
    const index = stored.columns.findIndex((column) => column.name.toLowerCase() === item.text.toLowerCase());
    if (index < 0) return error(1054, '42S22', `Unknown column '${item.text}' in 'field list'`);
    indexes.push(index);
  }
  const rows = stored.rows.filter((row) => where.matches(row)).slice(0, limit);
  return {
    kind: 'rows',
    columns: indexes.map((i) => stored.columns[i].name),
    numeric: indexes.map((i) => numericType.test(stored.columns[i].type.replace(/\(.*$/, ''))),
    nullable: indexes.map((i) => !stored.columns[i].notNull),
    rows: rows.map((row) => indexes.map((i) => row[i] ?? null)),
  };
}

/** A value selected without a table: a literal, or one of the functions a learner tries first. */
function expressionValue(item: Token, session: Session): string | null | undefined {
  if (item.kind === 'string' || item.kind === 'number') return item.text;
  switch (item.text.toUpperCase()) {
    case 'VERSION()':
      return session.version;
    case 'DATABASE()':
      return session.database ?? null;
    case 'USER()':
      return `${session.user}@${session.host}`;
    case 'CURRENT_USER()':
      return `${session.user}@${session.accountHost}`;
    case 'NULL':
      return null;
    default:
      return undefined;
  }
}



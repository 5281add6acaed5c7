// The language images' interpreters, as far as a pod's one-liners use them: `python3 -c` with
// print, if/else, simple arithmetic, os.environ and sys.exit; `python3 -m http.server`; `node -e`
// with console.log; `go version`. Anything further reports itself unsupported in the language's words.
import type { CommandContext, CommandImpl, Program } from '../../process';
import { MiB, forever, sleepFor } from './program-helpers';

export const pythonVersion = '3.13.1';

type Value = string | number | boolean | null | Value[];

class PythonError extends Error {
  constructor(readonly kind: string, message: string) {
    super(message);
  }
}

class SystemExit {
  constructor(readonly code: number) {}
}

const tokenPattern = /\s*(?:(\d+\.\d+|\d+)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|([A-Za-z_][\w.]*)|(\*\*|\/\/|==|!=|<=|>=|[-+*/%<>(),\[\]]))/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  tokenPattern.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    tokenPattern.lastIndex = at;
    const match = tokenPattern.exec(text);
    if (!match) throw new PythonError('SyntaxError', 'invalid syntax');
    tokens.push(match[0].trim());
    at = tokenPattern.lastIndex;
  }
  return tokens;
}

function truthy(value: Value): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

function show(value: Value): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (Array.isArray(value)) return `[${value.map((v) => (typeof v === 'string' ? `'${v}'` : show(v))).join(', ')}]`;
  return String(value);
}

/** Evaluates one expression over the interpreter's variables and the modules it knows. */
function evaluate(text: string, vars: Map<string, Value>, ctx: CommandContext): Value {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const take = (expected?: string) => {
    const token = tokens[pos++];
    if (expected !== undefined && token !== expected) throw new PythonError('SyntaxError', 'invalid syntax');
    return token;
  };
  const args = (): Value[] => {
    const list: Value[] = [];
    take('(');
    while (peek() !== ')') {
      list.push(or());
      if (peek() === ',') take();
      else if (peek() !== ')') throw new PythonError('SyntaxError', 'invalid syntax');
    }
    take(')');
    return list;
  };
  const call = (name: string, values: Value[]): Value => {
    switch (name) {
      case 'int': {
        const n = Number(values[0]);
        if (values[0] === null || Number.isNaN(n)) throw new PythonError(values[0] === null ? 'TypeError' : 'ValueError', values[0] === null ? "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'" : `invalid literal for int() with base 10: '${values[0]}'`);
        return Math.trunc(n);
      }
      case 'str': return show(values[0] ?? '');
      case 'len': return Array.isArray(values[0]) || typeof values[0] === 'string' ? values[0].length : 0;
      case 'print': ctx.io.stdout(values.map(show).join(' ') + '\n'); return null;
      case 'os.environ.get': case 'os.getenv': return ctx.env.get(String(values[0])) ?? values[1] ?? null;
      case 'sys.exit': case 'exit': throw new SystemExit(values[0] === undefined || values[0] === null ? 0 : typeof values[0] === 'number' ? values[0] : (ctx.io.stderr(show(values[0]) + '\n'), 1));
      // Long enough for any one-liner; a lab container holds no more.
      case 'range': return Array.from({ length: Math.min(1_000_000, Math.max(0, Number(values[0]))) }, (_, i) => i);
      case 'socket.gethostname': return ctx.host.hostname();
      default: throw new PythonError('NameError', `name '${name.split('.')[0]}' is not defined`);
    }
  };
  const atom = (): Value => {
    const token = take();
    if (token === undefined) throw new PythonError('SyntaxError', 'invalid syntax');
    if (token === '(') {
      const value = or();
      take(')');
      return value;
    }
    if (token === '-') return -Number(atom());
    if (/^\d/.test(token)) return Number(token);
    if (/^["']/.test(token)) return token.slice(1, -1).replace(/\\n/g, '\n').replace(/\\(["'\\])/g, '$1');
    if (token === 'True' || token === 'False') return token === 'True';
    if (token === 'None') return null;
    if (token === 'not') return !truthy(comparison());
    if (peek() === '(') return call(token, args());
    if (token === 'os.environ' && peek() === '[') {
      take('[');
      const key = String(or());
      take(']');
      const value = ctx.env.get(key);
      if (value === undefined) throw new PythonError('KeyError', `'${key}'`);
      return value;
    }
    if (vars.has(token)) return vars.get(token)!;
    throw new PythonError('NameError', `name '${token.split('.')[0]}' is not defined`);
  };
  const term = (): Value => {
    let left = atom();
    while (['*', '/', '//', '%'].includes(peek())) {
      const op = take();
      const right = Number(atom());
      if (right === 0 && op !== '*') throw new PythonError('ZeroDivisionError', op === '%' ? 'integer modulo by zero' : 'division by zero');
      const l = Number(left);
      left = op === '*' ? l * right : op === '/' ? l / right : op === '//' ? Math.floor(l / right) : ((l % right) + right) % right;
    }
    return left;
  };
  const sum = (): Value => {
    let left = term();
    while (peek() === '+' || peek() === '-') {
      const op = take();
      const right = term();
      if (op === '+' && (typeof left === 'string' || typeof right === 'string')) {
        if (typeof left !== typeof right) throw new PythonError('TypeError', 'can only concatenate str (not "int") to str');
        left = String(left) + String(right);
      } else left = op === '+' ? Number(left) + Number(right) : Number(left) - Number(right);
    }
    return left;
  };
  const comparison = (): Value => {
    const left = sum();
    const op = peek();
    if (!['==', '!=', '<', '>', '<=', '>='].includes(op)) return left;
    take();
    const right = sum();
    switch (op) {
      case '==': return left === right;
      case '!=': return left !== right;
      case '<': return Number(left) < Number(right);
      case '>': return Number(left) > Number(right);
      case '<=': return Number(left) <= Number(right);
      default: return Number(left) >= Number(right);
    }
  };
  const and = (): Value => {
    let left = comparison();
    while (peek() === 'and') {
      take();
      const right = comparison();
      left = truthy(left) ? right : left;
    }
    return left;
  };
  function or(): Value {
    let left = and();
    while (peek() === 'or') {
      take();
      const right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  }
  const value = or();
  if (pos < tokens.length) throw new PythonError('SyntaxError', 'invalid syntax');
  return value;
}

interface Line {
  indent: number;
  text: string;
  number: number;
}

/** Runs a block of lines at one indentation; generator so that time.sleep lets virtual time pass. */
function* runBlock(lines: Line[], vars: Map<string, Value>, ctx: CommandContext, current: { line: number }): Generator<{ kind: 'sleep'; until: number }, void, unknown> {
  let i = 0;
  const bodyOf = (start: number): [Line[], number] => {
    const indent = lines[start].indent;
    let end = start + 1;
    while (end < lines.length && lines[end].indent > indent) end++;
    return [lines.slice(start + 1, end), end];
  };
  while (i < lines.length) {
    const { text, number } = lines[i];
    current.line = number;
    let match: RegExpExecArray | null;
    if (/^(import|from)\s/.test(text)) {
      i++;
    } else if ((match = /^if\s+(.*):$/.exec(text))) {
      let done = false;
      for (;;) {
        const condition = match ? match[1] : 'True';
        const [body, end] = bodyOf(i);
        if (!done && truthy(evaluate(condition, vars, ctx))) {
          done = true;
          yield* runBlock(body, vars, ctx, current);
        }
        i = end;
        const next = lines[i];
        if (!next || next.indent !== lines[i - body.length - 1].indent) break;
        if ((match = /^elif\s+(.*):$/.exec(next.text))) continue;
        if (next.text === 'else:') {
          match = null;
          continue;
        }
        break;
      }
    } else if ((match = /^while\s+(.*):$/.exec(text))) {
      const [body, end] = bodyOf(i);
      while (truthy(evaluate(match[1], vars, ctx))) {
        yield* runBlock(body, vars, ctx, current);
        // Each turn takes a moment of virtual time, so an endless loop lets the cluster go on.
        yield { kind: 'sleep', until: ctx.now() + 1 };
      }
      i = end;
    } else if ((match = /^for\s+(\w+)\s+in\s+(.*):$/.exec(text))) {
      const [body, end] = bodyOf(i);
      const items = evaluate(match[2], vars, ctx);
      for (const item of Array.isArray(items) ? items : String(items).split('')) {
        vars.set(match[1], item);
        yield* runBlock(body, vars, ctx, current);
      }
      i = end;
    } else if ((match = /^time\.sleep\((.*)\)$/.exec(text))) {
      yield* sleepFor(ctx, Number(evaluate(match[1], vars, ctx)) * 1000);
      i++;
    } else if ((match = /^([A-Za-z_]\w*)\s*=(?!=)\s*(.*)$/.exec(text))) {
      vars.set(match[1], evaluate(match[2], vars, ctx));
      i++;
    } else if (text === 'pass') {
      i++;
    } else {
      evaluate(text, vars, ctx);
      i++;
    }
  }
}

function* runPython(ctx: CommandContext, source: string, file: string): Program {
  const lines: Line[] = [];
  source.split('\n').forEach((raw, index) => {
    const text = raw.replace(/#.*$/, '').trimEnd();
    if (text.trim()) lines.push({ indent: text.length - text.trimStart().length, text: text.trim(), number: index + 1 });
  });
  if (lines.length > 0 && lines[0].indent > 0) {
    ctx.io.stderr(`  File "${file}", line ${lines[0].number}\n    ${lines[0].text}\nIndentationError: unexpected indent\n`);
    return 1;
  }
  // The line running now, for a traceback.
  const current = { line: 1 };
  try {
    yield* runBlock(lines, new Map(), ctx, current);
    return 0;
  } catch (error) {
    if (error instanceof SystemExit) return error.code;
    if (!(error instanceof PythonError)) throw error;
    const source = lines.find((l) => l.number === current.line)?.text ?? '';
    if (error.kind === 'SyntaxError') ctx.io.stderr(`  File "${file}", line ${current.line}\n    ${source}\nSyntaxError: ${error.message}\n`);
    else ctx.io.stderr(`Traceback (most recent call last):\n  File "${file}", line ${current.line}, in <module>\n    ${source}\n${error.kind}: ${error.message}\n`);
    return 1;
  }
}

/** A directory listing page, as `python3 -m http.server` serves it. */
function* httpServer(ctx: CommandContext, port: number): Program {
  ctx.io.stdout(`Serving HTTP on 0.0.0.0 port ${port} (http://0.0.0.0:${port}/) ...\n`);
  ctx.host.setMemory?.(12 * MiB);
  ctx.host.listen?.(port, {
    protocol: 'http',
    handle: (request) => {
      const path = decodeURIComponent(request.path.split('?')[0]);
      const full = `${ctx.cwd.replace(/\/$/, '')}${path}`;
      const stat = ctx.fs.stat(full);
      let status = 200;
      let body: string;
      if (stat?.type === 'dir') {
        const names = ctx.fs.readdir(full);
        const items = names.map((name) => `<li><a href="${name}">${name}</a></li>`).join('\n');
        body = `<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing for ${path}</title>\n</head>\n<body>\n<h1>Directory listing for ${path}</h1>\n<hr>\n<ul>\n${items}\n</ul>\n<hr>\n</body>\n</html>\n`;
      } else if (stat) {
        body = ctx.fs.readFile(full);
      } else {
        status = 404;
        body = `<!DOCTYPE HTML>\n<html lang="en">\n    <head>\n        <meta charset="utf-8">\n        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n        <p>Error code: 404</p>\n        <p>Message: File not found.</p>\n    </body>\n</html>\n`;
      }
      const d = new Date(ctx.now());
      const stamp = `${String(d.getUTCDate()).padStart(2, '0')}/${d.toUTCString().slice(8, 11)}/${d.getUTCFullYear()} ${d.toISOString().slice(11, 19)}`;
      ctx.io.stderr(`${request.remoteAddress} - - [${stamp}] "GET ${request.path} HTTP/1.1" ${status} -\n`);
      return { status, body, headers: { Server: `SimpleHTTP/0.6 Python/${ctx.env.get('PYTHON_VERSION') ?? pythonVersion}` } };
    },
  });
  return yield* forever();
}

export const python: CommandImpl = function* (ctx): Program {
  const args = ctx.argv.slice(1).filter((arg) => arg !== '-u');
  if (args[0] === '--version' || args[0] === '-V') {
    ctx.io.stdout(`Python ${ctx.env.get('PYTHON_VERSION') ?? pythonVersion}\n`);
    return 0;
  }
  if (args[0] === '-c') return yield* runPython(ctx, args[1] ?? '', '<string>');
  if (args[0] === '-m' && args[1] === 'http.server') return yield* httpServer(ctx, Number(args[2] ?? 8000));
  if (args[0] === '-m') {
    ctx.io.stderr(`${ctx.argv[0].split('/').pop()}: No module named ${args[1]}\n`);
    return 1;
  }
  if (args[0] !== undefined) {
    let source: string;
    try {
      source = ctx.fs.readFile(args[0].startsWith('/') ? args[0] : `${ctx.cwd.replace(/\/$/, '')}/${args[0]}`);
    } catch {
      ctx.io.stderr(`${ctx.argv[0].split('/').pop()}: can't open file '${args[0].startsWith('/') ? args[0] : ctx.cwd.replace(/\/$/, '') + '/' + args[0]}': [Errno 2] No such file or directory\n`);
      return 2;
    }
    return yield* runPython(ctx, source, args[0]);
  }
  // No script and no terminal: the interactive interpreter reads stdin to its end.
  return yield* runPython(ctx, ctx.io.stdin, '<stdin>');
};

export const nodeVersion = 'v22.12.0';

export const node: CommandImpl = function* (ctx): Program {
  const args = ctx.argv.slice(1);
  if (args[0] === '--version' || args[0] === '-v') {
    ctx.io.stdout(`v${ctx.env.get('NODE_VERSION') ?? nodeVersion.slice(1)}\n`);
    return 0;
  }
  if (args[0] === '-e' || args[0] === '--eval' || args[0] === '-p') {
    const script = args[1] ?? '';
    for (const statement of script.split(/;\s*|\n/)) {
      const log = /^console\.(?:log|error)\((["'`])(.*)\1\)$/.exec(statement.trim());
      if (log) ctx.io.stdout(log[2] + '\n');
      const timer = /^setInterval\(.*,\s*(\d+)\)$/.exec(statement.trim());
      if (timer) return yield* forever();
    }
    return 0;
  }
  return 0;
};

export const goVersion = 'go1.23.4';

export const go: CommandImpl = (ctx) => {
  if (ctx.argv[1] === 'version') {
    ctx.io.stdout(`go version go${ctx.env.get('GOLANG_VERSION') ?? goVersion.slice(2)} linux/amd64\n`);
    return 0;
  }
  ctx.io.stderr('Go is a tool for managing Go source code.\n\nUsage:\n\n\tgo <command> [arguments]\n\n');
  return 2;
};

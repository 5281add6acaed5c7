// echo, printf, sleep, true, false, test/[, seq, basename, dirname, yes, clear.

import { checkStringLength } from '../lang/memory-limit';
import { basename as pathBasename, dirname as pathDirname } from '../../fs/paths';
import type { CommandContext, CommandImpl, Program, Wake } from '../../process';
import { absolute, printError, type Dialect } from './common';

function escapes(text: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== '\\' || i + 1 >= text.length) {
      out += ch;
      continue;
    }
    const next = text[++i]!;
    switch (next) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'e': out += '\x1b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case 'c': return { text: out, stop: true };
      case '0': {
        const digits = /^[0-7]{0,3}/.exec(text.slice(i + 1))![0];
        out += String.fromCharCode(parseInt(digits || '0', 8));
        i += digits.length;
        break;
      }
      case 'x': {
        const digits = /^[0-9a-fA-F]{0,2}/.exec(text.slice(i + 1))![0];
        if (digits) {
          out += String.fromCharCode(parseInt(digits, 16));
          i += digits.length;
        } else out += '\\x';
        break;
      }
      default: out += '\\' + next;
    }
  }
  return { text: out, stop: false };
}

export const echo: CommandImpl = (ctx) => {
  const args = ctx.argv;
  let index = 1;
  let newline = true;
  let interpret = false;
  while (index < args.length && /^-[neE]+$/.test(args[index]!)) {
    const flag = args[index]!;
    if (flag.includes('n')) newline = false;
    if (flag.includes('e')) interpret = true;
    if (flag.includes('E')) interpret = false;
    index++;
  }
  let text = index === args.length - 1 ? args[index]! : args.slice(index).join(' ');
  if (interpret) {
    const result = escapes(text);
    text = result.text;
    if (result.stop) newline = false;
  }
  ctx.io.stdout(newline ? text + '\n' : text);
  return 0;
};

/**
 * dash's echo (Debian's /bin/sh): `-n` is its only option, and backslash sequences are always
 * interpreted, so `echo "a\nb"` prints two lines where bash prints `a\nb`.
 */
export const dashEcho: CommandImpl = (ctx) => {
  const args = ctx.argv.slice(1);
  const newline = args[0] !== '-n';
  const result = escapes((newline ? args : args.slice(1)).join(' '));
  ctx.io.stdout(result.stop || !newline ? result.text : result.text + '\n');
  return 0;
};

export const printf: CommandImpl = (ctx) => {
  const format = ctx.argv[1];
  if (format === undefined) {
    ctx.io.stderr('printf: usage: printf format [arguments]\n');
    return 2;
  }
  const args = ctx.argv.slice(2);
  let out = '';
  let used = 0;
  let status = 0;
  do {
    const start = used;
    out += format.replace(/%([-+ #0]*)(\d+|\*)?(?:\.(\d+))?([sdiouxXfFeEgGcb%])|\\(?:[0-7]{1,3}|.)/g, (whole, flagText: string, width: string | undefined, precision: string | undefined, conversion: string | undefined) => {
      if (whole.startsWith('\\')) return escapes(whole).text;
      if (conversion === '%') return '%';
      const arg = args[used++] ?? '';
      let text: string;
      switch (conversion) {
        case 'd': case 'i': case 'u': {
          const value = arg === '' ? 0 : Number(arg);
          if (!Number.isFinite(value)) {
            ctx.io.stderr(`printf: ${arg}: invalid number\n`);
            status = 1;
            text = '0';
          } else text = String(Math.trunc(value));
          if (flagText.includes('+') && !text.startsWith('-')) text = '+' + text;
          break;
        }
        case 'o': text = (Number(arg) || 0).toString(8); break;
        case 'x': text = (Number(arg) || 0).toString(16); break;
        case 'X': text = (Number(arg) || 0).toString(16).toUpperCase(); break;
        case 'f': case 'F': text = (Number(arg) || 0).toFixed(precision === undefined ? 6 : Number(precision)); break;
        case 'e': case 'E': text = (Number(arg) || 0).toExponential(precision === undefined ? 6 : Number(precision)).replace(/e([+-])(\d)$/, 'e$10$2'); break;
        case 'g': case 'G': text = String(Number(arg) || 0); break;
        case 'c': text = arg.slice(0, 1); break;
        case 'b': text = escapes(arg).text; break;
        default: text = precision === undefined ? arg : arg.slice(0, Number(precision));
      }
      const size = width === undefined ? 0 : Number(width);
      checkStringLength(size);
      if (text.length < size) {
        if (flagText.includes('-')) text = text.padEnd(size);
        else if (flagText.includes('0') && /[dfFeE]/.test(conversion!)) text = text.startsWith('-') ? '-' + text.slice(1).padStart(size - 1, '0') : text.padStart(size, '0');
        else text = text.padStart(size);
      }
      return text;
    });
    if (used === start) break;
  } while (used < args.length);
  ctx.io.stdout(out);
  return status;
};

/** Seconds from `1`, `0.5`, `1s`, `2m`, `1h`, `1d`, `infinity`. */
function parseDuration(text: string): number | undefined {
  if (text === 'infinity' || text === 'inf') return Infinity;
  const match = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(text);
  if (!match) return undefined;
  const factor = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2]!]!;
  return Number(match[1]) * factor;
}

export function sleep(dialect: Dialect): CommandImpl {
  return (ctx) => {
    const args = ctx.argv.slice(1);
    if (args.length === 0) {
      if (dialect === 'gnu') ctx.io.stderr(`sleep: missing operand\nTry 'sleep --help' for more information.\n`);
      else ctx.io.stderr('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: sleep [N]...\n\nPause for a time equal to the total of the args given, where each arg can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays\n');
      return 1;
    }
    let seconds = 0;
    for (const arg of args) {
      const value = parseDuration(arg);
      if (value === undefined) {
        ctx.io.stderr(dialect === 'gnu' ? `sleep: invalid time interval ‘${arg}’\nTry 'sleep --help' for more information.\n` : `sleep: invalid number '${arg}'\n`);
        return 1;
      }
      seconds += value;
    }
    return sleepFor(ctx, seconds);
  };
}

function* sleepFor(ctx: CommandContext, seconds: number): Program {
  const until = Number.isFinite(seconds) ? ctx.now() + Math.round(seconds * 1000) : Infinity;
  while (ctx.now() < until) {
    // A 'time' wake means the wait is over, even when a runner that finishes commands at once
    // (exec probes, preStop hooks) resumes it without moving the clock.
    const wake: Wake | undefined = yield { kind: 'sleep', until };
    if (wake === 'time') break;
  }
  return 0;
}

export const trueCommand: CommandImpl = () => 0;
export const falseCommand: CommandImpl = () => 1;

export const clear: CommandImpl = (ctx) => {
  ctx.io.stdout('\x1b[H\x1b[2J');
  return 0;
};

export function seq(): CommandImpl {
  return (ctx) => {
    const args = ctx.argv.slice(1);
    let separator = '\n';
    if (args[0] === '-s') {
      separator = args[1] ?? '\n';
      args.splice(0, 2);
    }
    const numbers = args.map(Number);
    if (numbers.length === 0 || numbers.some((n) => Number.isNaN(n))) {
      const bad = args.find((a) => Number.isNaN(Number(a)));
      printError(ctx, bad === undefined ? 'missing operand' : `invalid floating point argument: '${bad}'`);
      return 1;
    }
    const [first, step, last] = numbers.length === 1 ? [1, 1, numbers[0]!] : numbers.length === 2 ? [numbers[0]!, 1, numbers[1]!] : [numbers[0]!, numbers[1]!, numbers[2]!];
    const values: string[] = [];
    for (let value = first; step > 0 ? value <= last : value >= last; value += step) {
      values.push(String(value));
      if (values.length > 1_000_000 || step === 0) break;
    }
    if (values.length > 0) ctx.io.stdout(values.join(separator) + '\n');
    return 0;
  };
}

export const basename: CommandImpl = (ctx) => {
  const name = ctx.argv[1];
  if (name === undefined) {
    printError(ctx, 'missing operand');
    return 1;
  }
  let base = pathBasename(name);
  const suffix = ctx.argv[2];
  if (suffix && base.endsWith(suffix) && base !== suffix) base = base.slice(0, -suffix.length);
  ctx.io.stdout(base + '\n');
  return 0;
};

export const dirname: CommandImpl = (ctx) => {
  if (ctx.argv.length < 2) {
    printError(ctx, 'missing operand');
    return 1;
  }
  ctx.io.stdout(ctx.argv.slice(1).map((name) => pathDirname(name)).join('\n') + '\n');
  return 0;
};

export const yes: CommandImpl = (ctx) => {
  const line = (ctx.argv.length > 1 ? ctx.argv.slice(1).join(' ') : 'y') + '\n';
  // Real yes runs until its reader goes away; here it stops after a bounded amount.
  ctx.io.stdout(line.repeat(Math.max(1, Math.floor(65536 / line.length))));
  return 0;
};

/** test and [ */
export function testCommand(dialect: Dialect): CommandImpl {
  return (ctx) => {
    let args = ctx.argv.slice(1);
    if (ctx.argv[0] === '[') {
      if (args[args.length - 1] !== ']') {
        printError(ctx, dialect === 'gnu' ? "missing ']'" : "missing ]");
        return 2;
      }
      args = args.slice(0, -1);
    }
    // busybox ash takes `[[ ... ]]` as test (its bash compatibility); here bash's simple uses too.
    if (ctx.argv[0] === '[[') {
      if (args[args.length - 1] !== ']]') {
        printError(ctx, 'missing ]]');
        return 2;
      }
      args = args.slice(0, -1);
    }
    try {
      return evaluate(args, ctx) ? 0 : 1;
    } catch (error) {
      if (!(error instanceof TestError)) throw error;
      printError(ctx, error.message);
      return 2;
    }
  };
}

class TestError extends Error {}

function evaluate(args: string[], ctx: CommandContext): boolean {
  // The forms probes and scripts use most, without building the parser.
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2 && unaryOps.has(args[0]!)) return unary(args[0]!, args[1]!, ctx);
  if (args.length === 3 && binaryOps.has(args[1]!)) return binary(args[0]!, args[1]!, args[2]!);
  let pos = 0;
  const orExpr = (): boolean => {
    let value = andExpr();
    while (args[pos] === '-o') {
      pos++;
      value = andExpr() || value;
    }
    return value;
  };
  const andExpr = (): boolean => {
    let value = notExpr();
    while (args[pos] === '-a') {
      pos++;
      value = notExpr() && value;
    }
    return value;
  };
  const notExpr = (): boolean => {
    if (args[pos] === '!' && pos + 1 < args.length) {
      pos++;
      return !notExpr();
    }
    return primary();
  };
  const primary = (): boolean => {
    const first = args[pos];
    if (first === undefined) return false;
    if (first === '(' && args.length - pos > 2) {
      pos++;
      const value = orExpr();
      if (args[pos] !== ')') throw new TestError("missing ')'");
      pos++;
      return value;
    }
    const op = args[pos + 1];
    if (op !== undefined && binaryOps.has(op) && pos + 2 < args.length) {
      const right = args[pos + 2]!;
      pos += 3;
      return binary(first, op, right);
    }
    if (unaryOps.has(first) && pos + 1 < args.length) {
      pos += 2;
      return unary(first, op!, ctx);
    }
    pos++;
    return first !== '';
  };
  if (args.length === 0) return false;
  const result = orExpr();
  if (pos < args.length) throw new TestError(`${args[pos]}: unknown operand`);
  return result;
}

const binaryOps = new Set(['=', '==', '!=', '-eq', '-ne', '-gt', '-lt', '-ge', '-le', '<', '>']);
const unaryOps = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-z', '-n', '-h', '-L']);

function integer(text: string): number {
  if (!/^\s*-?\d+\s*$/.test(text)) throw new TestError(`${text}: integer expected`.replace(/^(.*): integer expected$/, "invalid integer '$1'"));
  return Number(text);
}

function binary(left: string, op: string, right: string): boolean {
  switch (op) {
    case '=': case '==': return left === right;
    case '!=': return left !== right;
    case '<': return left < right;
    case '>': return left > right;
    case '-eq': return integer(left) === integer(right);
    case '-ne': return integer(left) !== integer(right);
    case '-gt': return integer(left) > integer(right);
    case '-lt': return integer(left) < integer(right);
    case '-ge': return integer(left) >= integer(right);
    default: return integer(left) <= integer(right);
  }
}

function unary(op: string, operand: string, ctx: CommandContext): boolean {
  if (op === '-z') return operand === '';
  if (op === '-n') return operand !== '';
  const stat = ctx.fs.stat(absolute(ctx, operand));
  switch (op) {
    case '-e': case '-r': case '-w': return stat !== undefined;
    case '-f': return stat?.type === 'file';
    case '-d': return stat?.type === 'dir';
    case '-s': return stat !== undefined && stat.size > 0;
    case '-x': return stat !== undefined && (stat.mode & 0o111) !== 0;
    default: return false;
  }
}

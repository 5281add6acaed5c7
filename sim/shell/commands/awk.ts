// awk, the everyday part: `pattern { action }` rules, BEGIN/END, fields ($1, $NF), NR, NF, FS,
// variables, print, printf, if/else, arithmetic, comparison, regex match and a few functions.

import { readsInputAsItComes, type CommandImpl, type Program } from '../../process';
import { forEachInputLine, readInputs, splitLines, type Dialect } from './common';
import { LinearRegExp, LinearRegExpError } from '../../linear-regexp';
import { errorText } from '../../fs/error-text';
import { printf as printfCommand } from './basic-commands';

type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'regex'; source: string }
  | { kind: 'field'; index: Expr }
  | { kind: 'var'; name: string }
  | { kind: 'assign'; op: string; target: Expr; value: Expr }
  | { kind: 'binary'; op: string; left: Expr; right: Expr }
  | { kind: 'unary'; op: string; operand: Expr }
  | { kind: 'incr'; op: '++' | '--'; prefix: boolean; target: Expr }
  | { kind: 'call'; name: string; args: Expr[] }
  | { kind: 'cond'; test: Expr; then: Expr; else: Expr };

type Stmt =
  | { kind: 'print'; args: Expr[] }
  | { kind: 'printf'; args: Expr[] }
  | { kind: 'expr'; expr: Expr }
  | { kind: 'if'; test: Expr; then: Stmt[]; else?: Stmt[] }
  | { kind: 'next' };

interface Rule {
  pattern: 'BEGIN' | 'END' | Expr | undefined;
  action: Stmt[] | undefined;
}

class AwkSyntaxError extends Error {}

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  let lastSignificant = '';
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === ' ' || ch === '\t') {
      i++;
      continue;
    }
    if (ch === '\n' || ch === ';') {
      tokens.push(';');
      i++;
      lastSignificant = ';';
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let text = '';
      while (j < source.length && source[j] !== '"') {
        if (source[j] === '\\' && j + 1 < source.length) {
          const next = source[j + 1]!;
          text += next === 'n' ? '\n' : next === 't' ? '\t' : next;
          j += 2;
        } else text += source[j++];
      }
      tokens.push('"' + text);
      i = j + 1;
      lastSignificant = 'str';
      continue;
    }
    const regexAllowed = !/^[\w)\]$]/.test(lastSignificant) || lastSignificant === ';' || lastSignificant === '';
    if (ch === '/' && regexAllowed) {
      let j = i + 1;
      let text = '';
      while (j < source.length && source[j] !== '/') {
        if (source[j] === '\\' && source[j + 1] === '/') {
          text += '/';
          j += 2;
        } else text += source[j++];
      }
      tokens.push('/' + text);
      i = j + 1;
      lastSignificant = 'regex)';
      continue;
    }
    const number = /^\d+(\.\d+)?/.exec(source.slice(i));
    if (number) {
      tokens.push(number[0]);
      i += number[0].length;
      lastSignificant = number[0];
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (word) {
      tokens.push(word[0]);
      i += word[0].length;
      lastSignificant = word[0];
      continue;
    }
    const op = ['+=', '-=', '*=', '/=', '%=', '==', '!=', '<=', '>=', '&&', '||', '++', '--', '!~'].find((o) => source.startsWith(o, i)) ?? ch;
    tokens.push(op);
    i += op.length;
    lastSignificant = op;
  }
  return tokens;
}

function parseProgram(source: string): Rule[] {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = (): string | undefined => tokens[pos];
  const expect = (token: string): void => {
    if (tokens[pos] !== token) throw new AwkSyntaxError(`unexpected ${tokens[pos] ?? 'end of program'}`);
    pos++;
  };
  const skipSeparators = (): void => {
    while (peek() === ';') pos++;
  };

  const primary = (): Expr => {
    const token = tokens[pos++];
    if (token === undefined) throw new AwkSyntaxError('unexpected end of program');
    if (token.startsWith('"')) return { kind: 'str', value: token.slice(1) };
    if (token.startsWith('/') && token.length >= 1 && token !== '/') return { kind: 'regex', source: token.slice(1) };
    if (/^\d/.test(token)) return { kind: 'num', value: Number(token) };
    if (token === '$') return { kind: 'field', index: primary() };
    if (token === '(') {
      const inner = expression();
      expect(')');
      return inner;
    }
    if (token === '-' || token === '!' || token === '+') return { kind: 'unary', op: token, operand: primary() };
    if (token === '++' || token === '--') return { kind: 'incr', op: token, prefix: true, target: primary() };
    if (/^[A-Za-z_]/.test(token)) {
      if (peek() === '(' && ['length', 'substr', 'tolower', 'toupper', 'index', 'int', 'split', 'sprintf'].includes(token)) {
        pos++;
        const args: Expr[] = [];
        while (peek() !== ')') {
          args.push(expression());
          if (peek() === ',') pos++;
        }
        pos++;
        return { kind: 'call', name: token, args };
      }
      if (token === 'length') return { kind: 'call', name: 'length', args: [] };
      const variable: Expr = { kind: 'var', name: token };
      if (peek() === '++' || peek() === '--') return { kind: 'incr', op: tokens[pos++] as '++' | '--', prefix: false, target: variable };
      return variable;
    }
    throw new AwkSyntaxError(`unexpected ${token}`);
  };

  const levels: string[][] = [['||'], ['&&'], ['~', '!~'], ['<', '<=', '>', '>=', '==', '!='], ['concat'], ['+', '-'], ['*', '/', '%']];
  const startsOperand = (token: string | undefined): boolean => token !== undefined && (token.startsWith('"') || /^[\w$(]/.test(token) || token === '$' || token === '!' || token === '-');
  const binaryLevel = (level: number, noGreater: boolean): Expr => {
    if (level >= levels.length) {
      const operand = primary();
      if (peek() === '++' || peek() === '--') return { kind: 'incr', op: tokens[pos++] as '++' | '--', prefix: false, target: operand };
      return operand;
    }
    let left = binaryLevel(level + 1, noGreater);
    for (;;) {
      const token = peek();
      if (levels[level]![0] === 'concat') {
        if (!startsOperand(token) || token === '-' || (token !== undefined && ['in', 'getline'].includes(token))) return left;
        left = { kind: 'binary', op: 'concat', left, right: binaryLevel(level + 1, noGreater) };
        continue;
      }
      if (token === undefined || !levels[level]!.includes(token) || (noGreater && token === '>')) return left;
      pos++;
      left = { kind: 'binary', op: token, left, right: binaryLevel(level + 1, noGreater) };
    }
  };
  const expression = (noGreater = false): Expr => {
    const left = binaryLevel(0, noGreater);
    const token = peek();
    if (token !== undefined && ['=', '+=', '-=', '*=', '/=', '%='].includes(token) && (left.kind === 'var' || left.kind === 'field')) {
      pos++;
      return { kind: 'assign', op: token, target: left, value: expression(noGreater) };
    }
    if (token === '?') {
      pos++;
      const whenTrue = expression(noGreater);
      expect(':');
      return { kind: 'cond', test: left, then: whenTrue, else: expression(noGreater) };
    }
    return left;
  };

  const statementBlock = (): Stmt[] => {
    if (peek() === '{') {
      pos++;
      const statements = statements_();
      expect('}');
      return statements;
    }
    const single = statement();
    return single ? [single] : [];
  };
  const statement = (): Stmt | undefined => {
    const token = peek();
    if (token === 'print' || token === 'printf') {
      pos++;
      const args: Expr[] = [];
      const parenthesised = peek() === '(';
      while (peek() !== undefined && peek() !== ';' && peek() !== '}') {
        args.push(expression(!parenthesised));
        if (peek() === ',') pos++;
        else break;
      }
      return { kind: token, args };
    }
    if (token === 'if') {
      pos++;
      expect('(');
      const test = expression();
      expect(')');
      skipSeparators();
      const then = statementBlock();
      skipSeparators();
      if (peek() === 'else') {
        pos++;
        skipSeparators();
        return { kind: 'if', test, then, else: statementBlock() };
      }
      return { kind: 'if', test, then };
    }
    if (token === 'next') {
      pos++;
      return { kind: 'next' };
    }
    return { kind: 'expr', expr: expression() };
  };
  const statements_ = (): Stmt[] => {
    const list: Stmt[] = [];
    skipSeparators();
    while (peek() !== undefined && peek() !== '}') {
      const item = statement();
      if (item) list.push(item);
      skipSeparators();
    }
    return list;
  };

  const rules: Rule[] = [];
  skipSeparators();
  while (pos < tokens.length) {
    let pattern: Rule['pattern'];
    if (peek() === 'BEGIN' || peek() === 'END') pattern = tokens[pos++] as 'BEGIN' | 'END';
    else if (peek() !== '{') pattern = expression();
    let action: Stmt[] | undefined;
    if (peek() === '{') {
      pos++;
      action = statements_();
      expect('}');
    }
    rules.push({ pattern, action });
    skipSeparators();
  }
  return rules;
}

class NextRecord {}

export function awk(dialect: Dialect): CommandImpl {
  return readsInputAsItComes((ctx) => {
    const args = ctx.argv.slice(1);
    let separator: string | undefined;
    const assignments: [string, string][] = [];
    let programText: string | undefined;
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (programText === undefined && arg === '-F') separator = args[++i];
      else if (programText === undefined && arg.startsWith('-F')) separator = arg.slice(2);
      else if (programText === undefined && arg === '-v') {
        const [name, ...value] = (args[++i] ?? '').split('=');
        assignments.push([name!, value.join('=')]);
      } else if (programText === undefined) programText = arg;
      else files.push(arg);
    }
    if (programText === undefined) {
      ctx.io.stderr(dialect === 'gnu' ? 'Usage: awk [POSIX or GNU style options] -f progfile [--] file ...\n' : 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...\n');
      return dialect === 'gnu' ? 2 : 1;
    }
    let rules: Rule[];
    try {
      rules = parseProgram(programText);
    } catch (error) {
      if (!(error instanceof AwkSyntaxError)) throw error;
      ctx.io.stderr(dialect === 'gnu' ? `awk: cmd. line:1: ${programText}\nawk: cmd. line:1: syntax error\n` : `awk: cmd. line:1: ${error.message}\n`);
      return dialect === 'gnu' ? 1 : 1;
    }
    const vars = new Map<string, string | number>(assignments);
    vars.set('FS', separator === 't' ? '\t' : separator ?? ' ');
    vars.set('OFS', ' ');
    vars.set('NR', 0);
    let fields: string[] = [''];
    const regexps = new Map<string, LinearRegExp>();
    const regexp = (source: string): LinearRegExp => {
      let compiled = regexps.get(source);
      if (!compiled) regexps.set(source, (compiled = new LinearRegExp(source)));
      return compiled;
    };
    let out = '';

    const toNumber = (value: string | number): number => (typeof value === 'number' ? value : parseFloat(value) || 0);
    const toText = (value: string | number): string => (typeof value === 'number' ? (Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)))) : value);
    const looksNumeric = (value: string | number): boolean => typeof value === 'number' || /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value);
    const splitRecord = (line: string): void => {
      const fs = toText(vars.get('FS')!);
      const parts = line === '' ? [] : fs === ' ' ? line.trim().split(/\s+/).filter((p) => p !== '') : (fs.length === 1 ? line.split(fs) : regexp(fs).split(line));
      fields = [line, ...parts];
      vars.set('NF', parts.length);
    };
    const rebuild = (): void => {
      fields[0] = fields.slice(1).join(toText(vars.get('OFS')!));
    };
    const setTarget = (target: Expr, value: string | number): void => {
      if (target.kind === 'var') {
        vars.set(target.name, value);
        if (target.name === 'NF') {
          fields.length = toNumber(value) + 1;
          rebuild();
        }
      } else if (target.kind === 'field') {
        const index = toNumber(evaluate(target.index));
        if (index === 0) splitRecord(toText(value));
        else {
          while (fields.length <= index) fields.push('');
          fields[index] = toText(value);
          vars.set('NF', fields.length - 1);
          rebuild();
        }
      }
    };
    const evaluate = (expr: Expr): string | number => {
      switch (expr.kind) {
        case 'num':
          return expr.value;
        case 'str':
          return expr.value;
        case 'regex':
          return Number(regexp(expr.source).test(fields[0]!));
        case 'field': {
          const index = toNumber(evaluate(expr.index));
          return fields[index] ?? '';
        }
        case 'var':
          return vars.get(expr.name) ?? '';
        case 'assign': {
          const value = evaluate(expr.value);
          const result = expr.op === '=' ? value : arithmetic(expr.op[0]!, toNumber(evaluate(expr.target)), toNumber(value));
          setTarget(expr.target, result);
          return result;
        }
        case 'incr': {
          const old = toNumber(evaluate(expr.target));
          const next = old + (expr.op === '++' ? 1 : -1);
          setTarget(expr.target, next);
          return expr.prefix ? next : old;
        }
        case 'unary': {
          const value = evaluate(expr.operand);
          return expr.op === '!' ? Number(!truthy(value)) : expr.op === '-' ? -toNumber(value) : toNumber(value);
        }
        case 'cond':
          return truthy(evaluate(expr.test)) ? evaluate(expr.then) : evaluate(expr.else);
        case 'call':
          return call(expr.name, expr.args);
        case 'binary': {
          if (expr.op === '&&') return Number(truthy(evaluate(expr.left)) && truthy(evaluate(expr.right)));
          if (expr.op === '||') return Number(truthy(evaluate(expr.left)) || truthy(evaluate(expr.right)));
          const left = evaluate(expr.left);
          if (expr.op === '~' || expr.op === '!~') {
            const pattern = expr.right.kind === 'regex' ? expr.right.source : toText(evaluate(expr.right));
            return Number(regexp(pattern).test(toText(left)) === (expr.op === '~'));
          }
          const right = evaluate(expr.right);
          if (expr.op === 'concat') return toText(left) + toText(right);
          if (['<', '<=', '>', '>=', '==', '!='].includes(expr.op)) {
            const numeric = looksNumeric(left) && looksNumeric(right);
            const a = numeric ? toNumber(left) : toText(left);
            const b = numeric ? toNumber(right) : toText(right);
            switch (expr.op) {
              case '<': return Number(a < b);
              case '<=': return Number(a <= b);
              case '>': return Number(a > b);
              case '>=': return Number(a >= b);
              case '==': return Number(a === b);
              default: return Number(a !== b);
            }
          }
          return arithmetic(expr.op, toNumber(left), toNumber(right));
        }
      }
    };
    const truthy = (value: string | number): boolean => (typeof value === 'number' ? value !== 0 : value !== '');
    const arithmetic = (op: string, a: number, b: number): number => (op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : a % b);
    const call = (name: string, args: Expr[]): string | number => {
      const values = args.map(evaluate);
      const text = toText(values[0] ?? fields[0]!);
      switch (name) {
        case 'length': return text.length;
        case 'substr': {
          const start = Math.max(1, toNumber(values[1] ?? 1));
          return values[2] === undefined ? text.slice(start - 1) : text.substr(start - 1, toNumber(values[2]));
        }
        case 'tolower': return text.toLowerCase();
        case 'toupper': return text.toUpperCase();
        case 'index': return text.indexOf(toText(values[1] ?? '')) + 1;
        case 'int': return Math.trunc(toNumber(values[0] ?? 0));
        case 'sprintf': return format(values);
        default: return '';
      }
    };
    const format = (values: (string | number)[]): string => {
      let result = '';
      printfCommand({ argv: ['printf', ...values.map(toText)], io: { stdin: '', stdout: (t) => (result += t), stderr: () => {} }, env: ctx.env, fs: ctx.fs, cwd: ctx.cwd, now: ctx.now, host: ctx.host });
      return result;
    };
    const run = (statements: Stmt[]): void => {
      for (const statement of statements) {
        switch (statement.kind) {
          case 'print':
            out += (statement.args.length === 0 ? fields[0]! : statement.args.map((a) => toText(evaluate(a))).join(toText(vars.get('OFS')!))) + '\n';
            break;
          case 'printf':
            out += format(statement.args.map(evaluate));
            break;
          case 'expr':
            evaluate(statement.expr);
            break;
          case 'if':
            if (truthy(evaluate(statement.test))) run(statement.then);
            else if (statement.else) run(statement.else);
            break;
          case 'next':
            throw new NextRecord();
        }
      }
    };

    const fatal = (error: unknown): number => {
      if (!(error instanceof LinearRegExpError)) throw error;
      ctx.io.stdout(out);
      ctx.io.stderr(`awk: cmd. line:1: fatal: ${error.message}\n`);
      return 2;
    };
    const onlyBegin = rules.every((r) => r.pattern === 'BEGIN');
    if (!onlyBegin && ctx.io.stdinStream && (files.length === 0 || (files.length === 1 && files[0] === '-'))) {
      // A pipe still being written: each record is handled, and its output printed, as it comes.
      const flush = (): void => {
        ctx.io.stdout(out);
        out = '';
      };
      return (function* (): Program {
        try {
          for (const rule of rules) if (rule.pattern === 'BEGIN') run(rule.action ?? []);
          flush();
          yield* forEachInputLine(ctx.io, (line) => {
            record(line);
            flush();
          });
          for (const rule of rules) if (rule.pattern === 'END') run(rule.action ?? []);
          flush();
          return 0;
        } catch (error) {
          return fatal(error);
        }
      })();
    }

    try {
      return runRules();
    } catch (error) {
      return fatal(error);
    }

    function record(line: string): void {
      vars.set('NR', toNumber(vars.get('NR')!) + 1);
      splitRecord(line);
      try {
        for (const rule of rules) {
          if (rule.pattern === 'BEGIN' || rule.pattern === 'END') continue;
          if (rule.pattern !== undefined && !truthy(evaluate(rule.pattern))) continue;
          if (rule.action) run(rule.action);
          else out += fields[0] + '\n';
        }
      } catch (error) {
        if (!(error instanceof NextRecord)) throw error;
      }
    }

    function runRules(): number {
      for (const rule of rules) if (rule.pattern === 'BEGIN') run(rule.action ?? []);
      let status = 0;
      if (!onlyBegin) {
        const { texts, failed } = readInputs(ctx, files, (name, error) => {
          ctx.io.stderr(dialect === 'gnu' ? `awk: fatal: cannot open file \`${name}' for reading: ${errorText(error)}\n` : `awk: cannot open ${name} (${errorText(error)})\n`);
        });
        if (failed) status = 2;
        for (const { text } of texts) {
          for (const line of splitLines(text)) record(line);
        }
        for (const rule of rules) if (rule.pattern === 'END') run(rule.action ?? []);
      }
      ctx.io.stdout(out);
      return status;
    }
  });
}

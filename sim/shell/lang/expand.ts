// Word expansion: tilde, parameters, command substitution, arithmetic, field splitting, globbing.

import type { Wait, Wake } from '../../process';
import type { Word, WordPart } from './ast';
import { ArithmeticError, evaluateArithmetic } from './arithmetic';
import type { ExecContext } from './context';
import { globPaths, hasGlob, removeAffix, unescapePattern } from './pattern';
import { arrayElement, arrayValues, setVar } from './state';

type Expansion<T> = Generator<Wait, T, Wake | undefined>;

/** An expansion error (`${x:?}`, bad arithmetic): the message is printed and the command fails. */
export class ExpansionFailure {
  constructor(
    readonly message: string,
    readonly status: number,
  ) {}
}

class FieldBuilder {
  fields: string[] = [];
  private text = '';
  private pattern = '';
  private glob = false;
  private started = false;

  constructor(
    private readonly splitChars: string,
    private readonly ctx: ExecContext,
    private readonly globbing: boolean,
  ) {}

  /** Text that is taken literally (quoted, or an unquoted literal without pattern meaning). */
  addQuoted(text: string): void {
    this.text += text;
    this.pattern += text.replace(/[\\*?[]/g, '\\$&');
    this.started = true;
  }

  /** Unquoted literal text from the script: may hold glob characters. */
  addLiteral(text: string): void {
    this.text += text;
    this.pattern += text;
    if (!this.glob && hasGlob(text)) this.glob = true;
    this.started = true;
  }

  /** An unquoted expansion result: split into fields on IFS, then globbed. */
  addSplittable(text: string): void {
    if (this.splitChars === '') {
      if (text !== '') this.addLiteral(text);
      return;
    }
    // Slices between separators, not a character at a time: an 8 MiB value splits in milliseconds.
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (!this.splitChars.includes(ch)) continue;
      if (i > start) this.addLiteral(text.slice(start, i));
      start = i + 1;
      // A non-blank separator (IFS=:) ends a field even when it is empty.
      if (ch !== ' ' && ch !== '\t' && ch !== '\n') this.markStarted();
      this.breakField();
    }
    if (start < text.length) this.addLiteral(text.slice(start));
  }

  markStarted(): void {
    this.started = true;
  }

  breakField(): void {
    if (this.started) {
      if (this.glob && this.globbing) {
        const matches = globPaths(this.pattern, this.ctx.state.cwd, this.ctx.env.fs);
        if (matches.length > 0) this.fields.push(...matches);
        else this.fields.push(this.text);
      } else {
        this.fields.push(this.text);
      }
    }
    this.text = '';
    this.pattern = '';
    this.glob = false;
    this.started = false;
  }

  /** The text so far with quoted pattern characters escaped (for case and ${x#p}). */
  patternText(): string {
    return this.pattern;
  }
}

/** Expands command words into argv: every field of every word. */
export function* expandWords(words: Word[], ctx: ExecContext): Expansion<string[]> {
  const argv: string[] = [];
  for (const word of words) {
    if (word.literal !== undefined) {
      argv.push(word.literal);
      continue;
    }
    const builder = new FieldBuilder(fieldSeparators(ctx), ctx, true);
    yield* addParts(word.parts, builder, ctx, false, true);
    builder.breakField();
    argv.push(...builder.fields);
  }
  return argv;
}

/** Expands a word to one string: no splitting, no globbing (assignments, redirection targets, here-documents). */
export function* expandWordToString(word: Word, ctx: ExecContext): Expansion<string> {
  if (word.literal !== undefined) return word.literal;
  const builder = new FieldBuilder('', ctx, false);
  yield* addParts(word.parts, builder, ctx, true, true);
  builder.breakField();
  return builder.fields.join(' ');
}

/** Expands a word to a pattern: quoted characters escaped, glob characters live. */
export function* expandPattern(word: Word, ctx: ExecContext): Expansion<string> {
  const builder = new FieldBuilder('', ctx, false);
  yield* addParts(word.parts, builder, ctx, false, true);
  return builder.patternText();
}

function fieldSeparators(ctx: ExecContext): string {
  const ifs = ctx.state.vars.get('IFS');
  return ifs === undefined ? ' \t\n' : ifs;
}

function* addParts(parts: WordPart[], builder: FieldBuilder, ctx: ExecContext, quoted: boolean, wordStart: boolean): Expansion<void> {
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]!;
    switch (part.kind) {
      case 'literal': {
        let text = part.text;
        if (wordStart && index === 0 && text.startsWith('~')) text = expandTilde(text, ctx);
        if (quoted) builder.addQuoted(text);
        else builder.addLiteral(text);
        break;
      }
      case 'quoted':
        builder.addQuoted(part.text);
        break;
      case 'double': {
        const only = part.parts.length === 1 && part.parts[0]!.kind === 'param' && !part.parts[0]!.op ? part.parts[0]! : undefined;
        // "$@" and "${name[@]}" give one field per element.
        const fields = only?.kind !== 'param' ? undefined : only.index === '@' ? arrayValues(ctx.state, only.name) : only.name === '@' && !only.index ? ctx.state.positional : undefined;
        if (fields) {
          fields.forEach((value, i) => {
            if (i > 0) builder.breakField();
            builder.addQuoted(value);
          });
          break;
        }
        builder.markStarted();
        yield* addParts(part.parts, builder, ctx, true, false);
        break;
      }
      case 'param': {
        const value = yield* expandParam(part, ctx);
        if (value === undefined) break;
        if (quoted) builder.addQuoted(value);
        else builder.addSplittable(value);
        break;
      }
      case 'command': {
        const output = yield* ctx.interpreter.runSubstitution(part.script, ctx);
        const value = output.replace(/\n+$/, '');
        if (quoted) builder.addQuoted(value);
        else builder.addSplittable(value);
        break;
      }
      case 'arith': {
        const expression = yield* expandWordToString(part.expression, ctx);
        const value = String(arithmetic(expression, ctx));
        if (quoted) builder.addQuoted(value);
        else builder.addSplittable(value);
        break;
      }
    }
  }
}

function expandTilde(text: string, ctx: ExecContext): string {
  if (text === '~' || text.startsWith('~/')) {
    const home = ctx.state.vars.get('HOME') ?? '/';
    return home + text.slice(1);
  }
  return text;
}

export function arithmetic(expression: string, ctx: ExecContext): number {
  try {
    return evaluateArithmetic(expression, {
      get: (name) => ctx.state.vars.get(name),
      set: (name, value) => setVar(ctx.state, name, value),
    });
  } catch (error) {
    if (!(error instanceof ArithmeticError)) throw error;
    const shell = ctx.env.shellName;
    if (ctx.env.dialect === 'bash') throw new ExpansionFailure(`${shell}: ${error.expression ?? expression.trim()}: ${error.message}`, 1);
    throw new ExpansionFailure(error.message === 'division by 0' ? `${shell}: divide by zero` : `${shell}: arithmetic syntax error`, 2);
  }
}

/** The value of a parameter without operators; undefined when unset. */
export function paramValue(name: string, ctx: ExecContext): string | undefined {
  const state = ctx.state;
  const first = name.charCodeAt(0);
  if (first >= 48 && first <= 57) {
    const index = Number(name);
    return index === 0 ? state.scriptName : state.positional[index - 1];
  }
  switch (name) {
    case '?':
      return String(state.lastStatus);
    case '$':
      return String(state.pid);
    case '#':
      return String(state.positional.length);
    case '@':
    case '*':
      return state.positional.length === 0 ? undefined : state.positional.join(' ');
    case '!':
      return state.lastBackgroundPid === undefined ? '' : String(state.lastBackgroundPid);
    case '-':
      return state.errexit ? 'e' : '';
  }
  return state.vars.get(name);
}

/** `${name[@]}`, `${name[*]}` and `${name[i]}` in bash: the elements joined, or one element. */
function* arrayParamValue(part: Extract<WordPart, { kind: 'param' }>, ctx: ExecContext): Expansion<string | undefined> {
  const index = part.index!;
  if (index === '@' || index === '*') {
    const values = arrayValues(ctx.state, part.name);
    if (part.op === 'length') return String(values.length);
    if (values.length === 0) return undefined;
    const ifs = fieldSeparators(ctx);
    return values.join(index === '*' ? ifs.slice(0, 1) : ' ');
  }
  const at = arithmetic(yield* expandWordToString(index, ctx), ctx);
  return arrayElement(ctx.state, part.name, at);
}

function* expandParam(part: Extract<WordPart, { kind: 'param' }>, ctx: ExecContext): Expansion<string | undefined> {
  const value = part.index ? yield* arrayParamValue(part, ctx) : paramValue(part.name, ctx);
  const op = part.op;
  if (!op) return value;
  if (op === 'length') return part.index === '@' || part.index === '*' ? value : String((value ?? '').length);
  const unsetOrNull = value === undefined || (op.startsWith(':') && value === '');
  switch (op) {
    case ':-':
    case '-':
      return unsetOrNull ? yield* expandWordToString(part.arg!, ctx) : value;
    case ':=':
    case '=': {
      if (!unsetOrNull) return value;
      const assigned = yield* expandWordToString(part.arg!, ctx);
      setVar(ctx.state, part.name, assigned);
      return assigned;
    }
    case ':+':
    case '+':
      return unsetOrNull ? '' : yield* expandWordToString(part.arg!, ctx);
    case ':?':
    case '?': {
      if (!unsetOrNull) return value;
      const message = (yield* expandWordToString(part.arg!, ctx)) || 'parameter null or not set';
      throw new ExpansionFailure(`${ctx.env.shellName}: ${part.name}: ${message}`, ctx.env.dialect === 'bash' ? 127 : 2);
    }
    default: {
      const pattern = yield* expandPattern(part.arg!, ctx);
      return removeAffix(value ?? '', pattern, op);
    }
  }
}

export { unescapePattern };

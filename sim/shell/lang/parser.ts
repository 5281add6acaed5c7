// Parses a POSIX sh subset into the tree in ast.ts. Lexing is done on demand by the parser, since
// what a character means depends on where it is (a `)` ends `$(...)`, `fi` is only a keyword
// at the start of a command, here-document bodies start after the end of the line).

import type { Assignment, Command, List, ParamOp, Redirect, RedirectOp, Script, SimpleCommand, Word, WordPart } from './ast';
import { ShellSyntaxError } from './syntax-error';

type Token =
  | { type: 'op'; value: string }
  | { type: 'word'; word: Word }
  | { type: 'eof' };

const operators = ['&&', '||', ';;', '<<-', '<<', '>>', '>&', '<&', '&>>', '&>', '<>', '>|', ';', '&', '|', '(', ')', '<', '>', '\n'];
const metaChars = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
/** The one-letter escapes of `$'...'` (bash's list; busybox ash has the same). */
const ansiCEscapes: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };
const reservedWords = new Set(['if', 'then', 'elif', 'else', 'fi', 'while', 'until', 'do', 'done', 'for', 'in', 'case', 'esac', '{', '}', '!']);
const namePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
const globChars = /[*?[]/;

interface PendingHeredoc {
  redirect: Redirect;
  delimiter: string;
  quoted: boolean;
  stripTabs: boolean;
}

/**
 * How deep commands may nest (subshells, groups, if/while/for/case, command substitutions). bash's
 * parser gives up a few thousand levels down with `syntax error near unexpected token`; this one
 * gives the same answer earlier, so that parsing and running stay well inside the stack.
 */
export const nestingLimit = 200;

/** `bash`: the GNU shell's syntax on top of POSIX (arrays); busybox sh rejects it. */
export function parse(source: string, depth = 0, bash = false): Script {
  const parser = new Parser(source, depth, bash);
  try {
    const list = parser.parseList([]);
    const token = parser.peek();
    if (token.type !== 'eof') throw parser.unexpected(token);
    parser.finishHeredocs();
    return list;
  } catch (error) {
    if (error instanceof ShellSyntaxError) error.line ??= parser.lineAt(Math.min(parser.pos, source.length));
    throw error;
  }
}

class Parser {
  pos = 0;
  private pendingHeredocs: PendingHeredoc[] = [];
  private peekCache: { start: number; end: number; token: Token } | undefined;

  constructor(
    private readonly source: string,
    /** Nesting levels already open around this source (a backquoted command, a here-document body). */
    private depth = 0,
    private readonly bash = false,
  ) {}

  /** Parses one more level of nesting, opened by `token`; too deep is a syntax error at that token. */
  private nested<T>(token: string, parseInside: () => T): T {
    if (this.depth >= nestingLimit) throw new ShellSyntaxError({ kind: 'token', token });
    this.depth++;
    try {
      return parseInside();
    } finally {
      this.depth--;
    }
  }

  // ---- tokens ----

  peek(): Token {
    this.skipBlanks();
    const start = this.pos;
    if (this.peekCache && this.peekCache.start === start) return this.peekCache.token;
    const token = this.lexToken();
    const end = this.pos;
    this.pos = start;
    this.peekCache = { start, end, token };
    return token;
  }

  private consume(): Token {
    const token = this.peek();
    this.pos = this.peekCache!.end;
    this.peekCache = undefined;
    if (token.type === 'op' && token.value === '\n') this.readHeredocBodies();
    return token;
  }

  private skipBlanks(): void {
    const source = this.source;
    for (;;) {
      const ch = source[this.pos];
      if (ch === ' ' || ch === '\t') this.pos++;
      else if (ch === '\\' && source[this.pos + 1] === '\n') this.pos += 2;
      else if (ch === '#') {
        while (this.pos < source.length && source[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  private lexToken(): Token {
    const source = this.source;
    if (this.pos >= source.length) return { type: 'eof' };
    // An IO number: digits right before < or >.
    const ioMatch = /^(\d+)(?=[<>])/.exec(source.slice(this.pos, this.pos + 12));
    if (ioMatch) {
      this.pos += ioMatch[1]!.length;
      return { type: 'op', value: 'io:' + ioMatch[1] };
    }
    for (const op of operators) {
      if (source.startsWith(op, this.pos)) {
        this.pos += op.length;
        return { type: 'op', value: op };
      }
    }
    return { type: 'word', word: this.readWord() };
  }

  /** Lines counted so far: positions mostly grow, so counting goes on from the last one asked. */
  private counted = { pos: 0, line: 1 };

  /** The line (from 1) of a position in the source. */
  lineAt(pos: number): number {
    if (pos < this.counted.pos) this.counted = { pos: 0, line: 1 };
    let { line } = this.counted;
    for (let at = this.source.indexOf('\n', this.counted.pos); at >= 0 && at < pos; at = this.source.indexOf('\n', at + 1)) line++;
    this.counted = { pos, line };
    return line;
  }

  unexpected(token: Token): ShellSyntaxError {
    if (token.type === 'eof') return new ShellSyntaxError({ kind: 'eof' });
    if (token.type === 'op') {
      if (token.value === '\n') return new ShellSyntaxError({ kind: 'token', token: 'newline' });
      return new ShellSyntaxError({ kind: 'token', token: token.value.startsWith('io:') ? token.value.slice(3) : token.value });
    }
    return new ShellSyntaxError({ kind: 'token', token: token.word.raw, keyword: reservedWords.has(token.word.raw) });
  }

  private isReserved(token: Token, word: string): boolean {
    return token.type === 'word' && token.word.literal === word && token.word.raw === word;
  }

  private isOp(token: Token, value: string): boolean {
    return token.type === 'op' && token.value === value;
  }

  private expectReserved(word: string): void {
    const token = this.peek();
    if (!this.isReserved(token, word)) {
      if (token.type === 'eof') throw new ShellSyntaxError({ kind: 'eof', expecting: word });
      throw this.unexpected(token);
    }
    this.consume();
  }

  private skipNewlines(): void {
    while (this.isOp(this.peek(), '\n')) this.consume();
  }

  // ---- grammar ----

  /** Commands separated by ; & or newlines, up to one of `terminators` (reserved words), `)`, `;;` or the end. */
  parseList(terminators: string[]): List {
    const items: List['items'] = [];
    for (;;) {
      this.skipNewlines();
      const token = this.peek();
      if (token.type === 'eof') break;
      if (token.type === 'op' && (token.value === ')' || token.value === ';;')) break;
      if (token.type === 'word' && terminators.some((t) => this.isReserved(token, t))) break;
      const start = this.pos;
      const command = this.parseAndOr();
      const end = this.pos;
      const separator = this.peek();
      if (this.isOp(separator, ';') || this.isOp(separator, '&')) {
        this.consume();
        if ((separator as { value: string }).value === '&') items.push({ command, background: true, text: this.source.slice(start, end).trim() });
        else items.push({ command, background: false });
        continue;
      }
      items.push({ command, background: false });
      if (this.isOp(separator, '\n')) continue;
      break;
    }
    return { kind: 'list', items };
  }

  /** A non-empty list, as `then`, `do` and friends require. */
  private parseBody(terminators: string[], expecting: string): List {
    const list = this.parseList(terminators);
    if (list.items.length === 0) {
      const token = this.peek();
      if (token.type === 'eof') throw new ShellSyntaxError({ kind: 'eof', expecting });
      throw this.unexpected(token);
    }
    return list;
  }

  private parseAndOr(): Command {
    const first = this.parsePipeline();
    const rest: { op: '&&' | '||'; command: Command }[] = [];
    for (;;) {
      const token = this.peek();
      if (!this.isOp(token, '&&') && !this.isOp(token, '||')) break;
      this.consume();
      this.skipNewlines();
      rest.push({ op: (token as { value: '&&' | '||' }).value, command: this.parsePipeline() });
    }
    return rest.length === 0 ? first : { kind: 'andor', first, rest };
  }

  private parsePipeline(): Command {
    let negate = false;
    if (this.isReserved(this.peek(), '!')) {
      this.consume();
      negate = true;
    }
    const commands = [this.parseCommand()];
    while (this.isOp(this.peek(), '|')) {
      this.consume();
      this.skipNewlines();
      commands.push(this.parseCommand());
    }
    return commands.length === 1 && !negate ? commands[0]! : { kind: 'pipeline', negate, commands };
  }

  private parseCommand(): Command {
    const token = this.peek();
    if (token.type === 'eof') throw new ShellSyntaxError({ kind: 'eof' });
    if (this.isOp(token, '(')) {
      const body = this.nested('(', () => {
        this.consume();
        return this.parseList([]);
      });
      if (!this.isOp(this.peek(), ')')) throw this.peek().type === 'eof' ? new ShellSyntaxError({ kind: 'eof', expecting: ')' }) : this.unexpected(this.peek());
      this.consume();
      return { kind: 'group', subshell: true, body, redirects: this.parseTrailingRedirects() };
    }
    if (token.type === 'word' && token.word.literal !== undefined && token.word.raw === token.word.literal) {
      switch (token.word.literal) {
        case 'if':
          return this.nested('if', () => this.parseIf());
        case 'while':
        case 'until':
          return this.nested(token.word.literal, () => this.parseLoop(token.word.literal === 'until'));
        case 'for':
          return this.nested('for', () => this.parseFor());
        case 'case':
          return this.nested('case', () => this.parseCase());
        case '{': {
          const body = this.nested('{', () => {
            this.consume();
            const inside = this.parseBody(['}'], '}');
            this.expectReserved('}');
            return inside;
          });
          return { kind: 'group', subshell: false, body, redirects: this.parseTrailingRedirects() };
        }
        case 'then':
        case 'elif':
        case 'else':
        case 'fi':
        case 'do':
        case 'done':
        case 'esac':
        case '}':
        case 'in':
          throw this.unexpected(token);
      }
    }
    return this.parseSimpleOrFunction();
  }

  private parseIf(): Command {
    this.consume();
    const clauses: { condition: List; body: List }[] = [];
    let elseBody: List | undefined;
    for (;;) {
      const condition = this.parseBody(['then'], 'then');
      this.expectReserved('then');
      const body = this.parseBody(['elif', 'else', 'fi'], 'fi');
      clauses.push({ condition, body });
      const next = this.peek();
      if (this.isReserved(next, 'elif')) {
        this.consume();
        continue;
      }
      if (this.isReserved(next, 'else')) {
        this.consume();
        elseBody = this.parseBody(['fi'], 'fi');
      }
      this.expectReserved('fi');
      break;
    }
    return { kind: 'if', clauses, elseBody, redirects: this.parseTrailingRedirects() };
  }

  private parseLoop(until: boolean): Command {
    this.consume();
    const condition = this.parseBody(['do'], 'do');
    this.expectReserved('do');
    const body = this.parseBody(['done'], 'done');
    this.expectReserved('done');
    return { kind: 'loop', until, condition, body, redirects: this.parseTrailingRedirects() };
  }

  private parseFor(): Command {
    this.consume();
    const nameToken = this.peek();
    if (nameToken.type !== 'word' || nameToken.word.literal === undefined || !namePattern.test(nameToken.word.literal)) {
      throw this.unexpected(nameToken);
    }
    this.consume();
    const name = nameToken.word.literal;
    let words: Word[] | undefined;
    this.skipNewlines();
    if (this.isReserved(this.peek(), 'in')) {
      this.consume();
      words = [];
      for (;;) {
        const token = this.peek();
        if (token.type !== 'word') break;
        this.consume();
        words.push(token.word);
      }
      const separator = this.peek();
      if (this.isOp(separator, ';') || this.isOp(separator, '\n')) this.consume();
      else if (separator.type === 'eof') throw new ShellSyntaxError({ kind: 'eof', expecting: 'do' });
      else throw this.unexpected(separator);
    } else if (this.isOp(this.peek(), ';')) {
      this.consume();
    }
    this.skipNewlines();
    this.expectReserved('do');
    const body = this.parseBody(['done'], 'done');
    this.expectReserved('done');
    return { kind: 'for', name, words, body, redirects: this.parseTrailingRedirects() };
  }

  private parseCase(): Command {
    this.consume();
    const subjectToken = this.peek();
    if (subjectToken.type !== 'word') throw this.unexpected(subjectToken);
    this.consume();
    this.skipNewlines();
    this.expectReserved('in');
    const items: { patterns: Word[]; body: List }[] = [];
    for (;;) {
      this.skipNewlines();
      let token = this.peek();
      if (this.isReserved(token, 'esac')) {
        this.consume();
        break;
      }
      if (token.type === 'eof') throw new ShellSyntaxError({ kind: 'eof', expecting: 'esac' });
      if (this.isOp(token, '(')) {
        this.consume();
        token = this.peek();
      }
      const patterns: Word[] = [];
      for (;;) {
        token = this.peek();
        if (token.type !== 'word') throw this.unexpected(token);
        this.consume();
        patterns.push(token.word);
        if (this.isOp(this.peek(), '|')) {
          this.consume();
          continue;
        }
        break;
      }
      token = this.peek();
      if (!this.isOp(token, ')')) throw token.type === 'eof' ? new ShellSyntaxError({ kind: 'eof', expecting: ')' }) : this.unexpected(token);
      this.consume();
      const body = this.parseList(['esac']);
      items.push({ patterns, body });
      token = this.peek();
      if (this.isOp(token, ';;')) {
        this.consume();
        continue;
      }
      this.skipNewlines();
      if (this.isReserved(this.peek(), 'esac')) {
        this.consume();
        break;
      }
      token = this.peek();
      throw token.type === 'eof' ? new ShellSyntaxError({ kind: 'eof', expecting: 'esac' }) : this.unexpected(token);
    }
    return { kind: 'case', subject: subjectToken.word, items, redirects: this.parseTrailingRedirects() };
  }

  private parseTrailingRedirects(): Redirect[] {
    const redirects: Redirect[] = [];
    for (;;) {
      const redirect = this.tryRedirect();
      if (!redirect) return redirects;
      redirects.push(redirect);
    }
  }

  private tryRedirect(): Redirect | undefined {
    const token = this.peek();
    if (token.type !== 'op') return undefined;
    let fd: number | undefined;
    let opToken: Token = token;
    if (token.value.startsWith('io:')) {
      fd = Number(token.value.slice(3));
      this.consume();
      opToken = this.peek();
      if (opToken.type !== 'op') throw this.unexpected(opToken);
    }
    const op = (opToken as { value: string }).value;
    if (!['<', '>', '>>', '>|', '<>', '>&', '<&', '&>', '&>>', '<<', '<<-'].includes(op)) {
      if (fd !== undefined) throw this.unexpected(opToken);
      return undefined;
    }
    this.consume();
    const targetToken = this.peek();
    if (targetToken.type !== 'word') throw this.unexpected(targetToken);
    this.consume();
    const redirect: Redirect = { fd: fd ?? (op.startsWith('<') ? 0 : 1), op: op as RedirectOp, target: targetToken.word };
    if (op === '<<' || op === '<<-') {
      const quoted = targetToken.word.parts.some((p) => p.kind !== 'literal');
      const delimiter = unquoteDelimiter(targetToken.word.raw);
      redirect.heredoc = { body: { parts: [], raw: '', literal: '' }, quoted };
      this.pendingHeredocs.push({ redirect, delimiter, quoted, stripTabs: op === '<<-' });
    }
    return redirect;
  }

  private parseSimpleOrFunction(): Command {
    const command: SimpleCommand = { kind: 'simple', assignments: [], words: [], redirects: [], line: this.lineAt(this.pos) };
    for (;;) {
      const redirect = this.tryRedirect();
      if (redirect) {
        command.redirects.push(redirect);
        continue;
      }
      const token = this.peek();
      if (token.type !== 'word') break;
      if (command.words.length === 0) {
        const assignment = asAssignment(token.word, this.bash);
        if (assignment) {
          this.consume();
          // bash: name=(a b c), name+=(d)
          if (this.bash && assignment.value.raw === '' && assignment.index === undefined && this.isOp(this.peek(), '(')) {
            assignment.elements = this.readArrayElements();
          }
          command.assignments.push(assignment);
          continue;
        }
      }
      this.consume();
      command.words.push(token.word);
      // name() compound-command
      if (command.words.length === 1 && command.assignments.length === 0 && command.redirects.length === 0 && this.isOp(this.peek(), '(')) {
        const name = token.word.literal;
        const save = this.pos;
        this.consume();
        if (name !== undefined && this.isOp(this.peek(), ')')) {
          this.consume();
          this.skipNewlines();
          return { kind: 'function', name, body: this.parseCommand() };
        }
        this.pos = save;
        this.peekCache = undefined;
        throw this.unexpected({ type: 'op', value: '(' });
      }
    }
    if (command.words.length === 0 && command.assignments.length === 0 && command.redirects.length === 0) {
      throw this.unexpected(this.peek());
    }
    if (command.assignments.length === 0 && command.redirects.length === 0 && command.words.every((w) => w.literal !== undefined)) {
      command.literalArgv = command.words.map((w) => w.literal!);
    }
    return command;
  }

  /** The words of `(a b c)` after an array assignment, over lines if need be. */
  private readArrayElements(): Word[] {
    this.consume();
    const elements: Word[] = [];
    for (;;) {
      this.skipNewlines();
      const token = this.peek();
      if (this.isOp(token, ')')) {
        this.consume();
        return elements;
      }
      if (token.type !== 'word') throw token.type === 'eof' ? new ShellSyntaxError({ kind: 'eof', expecting: ')' }) : this.unexpected(token);
      this.consume();
      elements.push(token.word);
    }
  }

  // ---- here-documents ----

  private readHeredocBodies(): void {
    const pending = this.pendingHeredocs;
    this.pendingHeredocs = [];
    for (const heredoc of pending) {
      const lines: string[] = [];
      let terminated = false;
      while (this.pos < this.source.length) {
        let end = this.source.indexOf('\n', this.pos);
        const lineEnd = end < 0 ? this.source.length : end;
        let line = this.source.slice(this.pos, lineEnd);
        this.pos = end < 0 ? this.source.length : end + 1;
        if (heredoc.stripTabs) line = line.replace(/^\t+/, '');
        if (line === heredoc.delimiter) {
          terminated = true;
          break;
        }
        lines.push(line + '\n');
        end = 0;
      }
      if (!terminated) throw new ShellSyntaxError({ kind: 'heredoc', delimiter: heredoc.delimiter });
      const text = lines.join('');
      heredoc.redirect.heredoc = { quoted: heredoc.quoted, body: heredoc.quoted ? { parts: [{ kind: 'quoted', text }], raw: text, literal: text } : parseHeredocBody(text, this.depth, this.bash) };
    }
  }

  /** At the end of the script: a here-document still waiting for its body never got one. */
  finishHeredocs(): void {
    if (this.pendingHeredocs.length > 0) {
      if (this.source.endsWith('\n')) this.readHeredocBodies();
      else throw new ShellSyntaxError({ kind: 'heredoc', delimiter: this.pendingHeredocs[0]!.delimiter });
    }
  }

  // ---- words ----

  private readWord(): Word {
    const start = this.pos;
    const parts = this.readParts('word');
    return makeWord(parts, this.source.slice(start, this.pos));
  }

  /**
   * Reads word parts from this.pos. Modes: 'word' stops at a metacharacter; 'double' stops at the
   * closing quote; 'brace' stops at `}`; 'heredoc' and 'arith' run to the end of the source.
   */
  readParts(mode: 'word' | 'double' | 'brace' | 'heredoc'): WordPart[] {
    const source = this.source;
    const parts: WordPart[] = [];
    let text = '';
    const flush = (): void => {
      if (text !== '') parts.push({ kind: mode === 'word' || mode === 'brace' ? 'literal' : 'quoted', text });
      text = '';
    };
    while (this.pos < source.length) {
      const ch = source[this.pos]!;
      if (mode === 'word' && metaChars.has(ch)) break;
      if (mode === 'double' && ch === '"') break;
      if (mode === 'brace' && ch === '}') break;
      if (ch === '\\') {
        const next = source[this.pos + 1];
        if (next === undefined) {
          if (mode === 'word') throw new ShellSyntaxError({ kind: 'eof' });
          text += '\\';
          this.pos++;
          continue;
        }
        if (next === '\n') {
          this.pos += 2;
          continue;
        }
        if (mode === 'word' || mode === 'brace') {
          flush();
          parts.push({ kind: 'quoted', text: next });
        } else if (next === '$' || next === '`' || next === '\\' || (mode === 'double' && next === '"')) {
          text += next;
        } else {
          text += '\\' + next;
        }
        this.pos += 2;
        continue;
      }
      if (ch === "'" && (mode === 'word' || mode === 'brace')) {
        const end = source.indexOf("'", this.pos + 1);
        if (end < 0) throw new ShellSyntaxError({ kind: 'quote', quote: "'" });
        flush();
        parts.push({ kind: 'quoted', text: source.slice(this.pos + 1, end) });
        this.pos = end + 1;
        continue;
      }
      if (ch === '"' && (mode === 'word' || mode === 'brace')) {
        flush();
        this.pos++;
        const inner = this.readParts('double');
        if (source[this.pos] !== '"') throw new ShellSyntaxError({ kind: 'quote', quote: '"' });
        this.pos++;
        parts.push({ kind: 'double', parts: inner });
        continue;
      }
      if (ch === '$' && source[this.pos + 1] === "'" && (mode === 'word' || mode === 'brace')) {
        flush();
        parts.push({ kind: 'quoted', text: this.readAnsiCString() });
        continue;
      }
      if (ch === '$') {
        const expansion = this.readDollar();
        if (expansion) {
          flush();
          parts.push(expansion);
          continue;
        }
        text += '$';
        this.pos++;
        continue;
      }
      if (ch === '`') {
        flush();
        parts.push(this.readBackquote());
        continue;
      }
      text += ch;
      this.pos++;
    }
    flush();
    return parts;
  }

  /** `$'...'`: single quotes in which backslash escapes mean what they do in C (`$'a\nb'`). */
  private readAnsiCString(): string {
    const source = this.source;
    let pos = this.pos + 2;
    let text = '';
    for (;;) {
      const ch = source[pos];
      if (ch === undefined) throw new ShellSyntaxError({ kind: 'quote', quote: "'" });
      if (ch === "'") break;
      if (ch !== '\\' || pos + 1 >= source.length) {
        text += ch;
        pos++;
        continue;
      }
      const next = source[pos + 1]!;
      pos += 2;
      if (next in ansiCEscapes) {
        text += ansiCEscapes[next];
      } else if (next >= '0' && next <= '7') {
        const digits = (next + source.slice(pos, pos + 2)).match(/^[0-7]{1,3}/)![0];
        text += String.fromCharCode(parseInt(digits, 8) & 0xff);
        pos += digits.length - 1;
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const width = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const digits = source.slice(pos, pos + width).match(/^[0-9a-fA-F]*/)![0];
        text += digits === '' ? '\\' + next : String.fromCodePoint(parseInt(digits, 16));
        pos += digits.length;
      } else if (next === 'c' && pos < source.length) {
        text += String.fromCharCode(source.charCodeAt(pos) & 0x1f);
        pos++;
      } else {
        text += '\\' + next;
      }
    }
    this.pos = pos + 1;
    return text;
  }

  private readDollar(): WordPart | undefined {
    const source = this.source;
    const next = source[this.pos + 1];
    if (next === '{') return this.readBraceParam();
    if (next === '(') {
      if (source[this.pos + 2] === '(') {
        const end = findArithmeticEnd(source, this.pos + 3);
        if (end >= 0) {
          const expression = parseHeredocBody(source.slice(this.pos + 3, end), this.depth + 1, this.bash);
          this.pos = end + 2;
          return { kind: 'arith', expression };
        }
      }
      const saved = this.pendingHeredocs;
      this.pendingHeredocs = [];
      const script = this.nested('(', () => {
        this.pos += 2;
        return this.parseList([]);
      });
      const close = this.peek();
      if (!this.isOp(close, ')')) {
        throw close.type === 'eof' ? new ShellSyntaxError({ kind: 'eof', expecting: ')' }) : this.unexpected(close);
      }
      this.consume();
      this.pendingHeredocs = saved;
      return { kind: 'command', script };
    }
    if (next !== undefined && /[A-Za-z_]/.test(next)) {
      let end = this.pos + 2;
      while (end < source.length && /[A-Za-z0-9_]/.test(source[end]!)) end++;
      const name = source.slice(this.pos + 1, end);
      this.pos = end;
      return { kind: 'param', name };
    }
    if (next !== undefined && /[0-9?$#@*!\-]/.test(next)) {
      this.pos += 2;
      return { kind: 'param', name: next };
    }
    return undefined;
  }

  private readBraceParam(): WordPart {
    const source = this.source;
    let pos = this.pos + 2;
    let length = false;
    if (source[pos] === '#' && source[pos + 1] !== '}') {
      length = true;
      pos++;
    }
    const nameMatch = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#@*!\-])/.exec(source.slice(pos, pos + 64));
    if (!nameMatch) throw new ShellSyntaxError({ kind: 'substitution', text: source.slice(this.pos, source.indexOf('}', this.pos) + 1 || undefined) });
    const name = nameMatch[1]!;
    pos += name.length;
    let index: Word | '@' | '*' | undefined;
    if (this.bash && source[pos] === '[' && /^[A-Za-z_]/.test(name)) {
      const close = source.indexOf(']', pos);
      if (close < 0) throw new ShellSyntaxError({ kind: 'eof', expecting: '}' });
      const text = source.slice(pos + 1, close);
      index = text === '@' || text === '*' ? text : parseHeredocBody(text, this.depth + 1, true);
      pos = close + 1;
    }
    if (length) {
      if (source[pos] !== '}') throw new ShellSyntaxError({ kind: 'substitution', text: source.slice(this.pos, pos + 1) });
      this.pos = pos + 1;
      return { kind: 'param', name, op: 'length', index };
    }
    if (source[pos] === '}') {
      this.pos = pos + 1;
      return { kind: 'param', name, index };
    }
    const opMatch = /^(:-|:=|:\+|:\?|-|=|\+|\?|##|#|%%|%)/.exec(source.slice(pos, pos + 2));
    if (!opMatch) {
      if (pos >= source.length) throw new ShellSyntaxError({ kind: 'eof', expecting: '}' });
      throw new ShellSyntaxError({ kind: 'substitution', text: source.slice(this.pos, source.indexOf('}', pos) + 1 || undefined) });
    }
    this.pos = pos + opMatch[1]!.length;
    const start = this.pos;
    const argParts = this.readParts('brace');
    if (source[this.pos] !== '}') throw new ShellSyntaxError({ kind: 'eof', expecting: '}' });
    const arg = makeWord(argParts, source.slice(start, this.pos));
    this.pos++;
    return { kind: 'param', name, op: opMatch[1] as ParamOp, arg, index };
  }

  private readBackquote(): WordPart {
    const source = this.source;
    let pos = this.pos + 1;
    let inner = '';
    while (pos < source.length && source[pos] !== '`') {
      if (source[pos] === '\\' && pos + 1 < source.length && '`$\\'.includes(source[pos + 1]!)) {
        inner += source[pos + 1];
        pos += 2;
        continue;
      }
      inner += source[pos];
      pos++;
    }
    if (pos >= source.length) throw new ShellSyntaxError({ kind: 'quote', quote: '`' });
    this.pos = pos + 1;
    return { kind: 'command', script: this.nested('`', () => parse(inner, this.depth, this.bash)) };
  }
}

/** A here-document body (or an arithmetic expression): only `$`, backquotes and `\` are special. */
function parseHeredocBody(text: string, depth = 0, bash = false): Word {
  const parser = new Parser(text, depth, bash);
  const parts = parser.readParts('heredoc');
  return makeWord(parts, text);
}

function makeWord(parts: WordPart[], raw: string): Word {
  const word: Word = { parts, raw };
  if (parts.length === 0) {
    word.literal = '';
  } else if (parts.length === 1) {
    const only = parts[0]!;
    if (only.kind === 'quoted') word.literal = only.text;
    else if (only.kind === 'literal' && !globChars.test(only.text) && !only.text.startsWith('~')) word.literal = only.text;
  } else if (parts.every((p) => p.kind === 'quoted' || (p.kind === 'literal' && !globChars.test(p.text)))) {
    if (!(parts[0]!.kind === 'literal' && (parts[0] as { text: string }).text.startsWith('~'))) {
      word.literal = parts.map((p) => (p as { text: string }).text).join('');
    }
  }
  return word;
}

function asAssignment(word: Word, bash: boolean): Assignment | undefined {
  const first = word.parts[0];
  if (!first || first.kind !== 'literal') return undefined;
  // bash also takes name[index]=value and name+=value.
  const match = (bash ? /^([A-Za-z_][A-Za-z0-9_]*)(?:\[([^\]]*)\])?(\+?)=/ : /^([A-Za-z_][A-Za-z0-9_]*)()()=/).exec(first.text);
  if (!match) return undefined;
  const restText = first.text.slice(match[0].length);
  const parts: WordPart[] = restText === '' ? word.parts.slice(1) : [{ kind: 'literal', text: restText }, ...word.parts.slice(1)];
  const assignment: Assignment = { name: match[1]!, value: makeWord(parts, word.raw.slice(match[0].length)) };
  if (match[2] !== undefined && bash && first.text.includes('[')) assignment.index = parseHeredocBody(match[2], 1, true);
  if (match[3] === '+') assignment.append = true;
  return assignment;
}

function unquoteDelimiter(raw: string): string {
  return raw.replace(/\\(.)/g, '$1').replace(/['"]/g, '');
}

/** Index of the `))` closing `$((`, or -1. */
function findArithmeticEnd(source: string, from: number): number {
  let depth = 0;
  for (let i = from; i < source.length; i++) {
    const ch = source[i];
    if (ch === '(') depth++;
    else if (ch === ')') {
      if (depth === 0) return source[i + 1] === ')' ? i : -1;
      depth--;
    }
  }
  return -1;
}

const parseCache = new Map<string, Script>();

/** parse(), remembering the last scripts seen (probes run the same command line again and again).
 *  Only bash's dialect knows arrays, so the same line is cached once per dialect. */
export function parseCached(source: string, dialect: 'busybox' | 'bash' = 'busybox'): Script {
  const bash = dialect === 'bash';
  const key = bash ? `bash\0${source}` : source;
  let script = parseCache.get(key);
  if (!script) {
    script = parse(source, 0, bash);
    if (parseCache.size >= 1000) parseCache.clear();
    parseCache.set(key, script);
  }
  return script;
}

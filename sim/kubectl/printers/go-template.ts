// Go's text/template as kubectl's go-template printer runs it on a decoded object: actions,
// pipelines, variables, if/else/with/range (with break and continue), the builtin functions and
// kubectl's own `exists` and `base64decode`. Errors carry Go's text (`template: output:1: ...`).
// Data is JSON as kubectl decodes it: objects are map[string]interface {}, whole numbers int64,
// other numbers float64.

import { base64Decode, utf8Encode } from '../../encoding/base64';
import { goFormat, goPrint, goTypeOf, GoInt, isGoMap, isIntegral, numericValue, type GoValue } from './go-format';

/** A template that does not parse; message as Go's parser words it. */
export class GoTemplateParseError extends Error {}
/** A template that fails while running; message as Go's executor words it. */
export class GoTemplateExecError extends Error {
  constructor(
    message: string,
    /** What the template printed before it failed: kubectl shows it too. */
    readonly partial: string,
  ) {
    super(message);
  }
}

const templateName = 'output';

// ---------------------------------------------------------------------------------------------
// Lexer

type TokenType =
  | 'text' | 'leftDelim' | 'rightDelim' | 'space' | 'pipe' | 'leftParen' | 'rightParen' | 'declare' | 'assign' | 'comma'
  | 'string' | 'rawString' | 'char' | 'number' | 'bool' | 'nil' | 'dot' | 'field' | 'variable' | 'identifier' | 'keyword' | 'eof';

interface Token {
  type: TokenType;
  value: string;
  pos: number;
  line: number;
}

const keywords = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'nil', 'template', 'with']);

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
}

function isAlphaNumeric(ch: string): boolean {
  return ch === '_' || /^[\p{L}\p{Nd}]$/u.test(ch);
}

function describeRune(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')} '${ch}'`;
}

const punctuation: Record<string, TokenType> = { '|': 'pipe', '(': 'leftParen', ')': 'rightParen', '=': 'assign', ',': 'comma' };

function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let line = 1;
  const emit = (type: TokenType, start: number, end: number, value = input.slice(start, end)): void => {
    tokens.push({ type, value, pos: start, line });
    for (let i = start; i < end; i++) if (input[i] === '\n') line++;
  };
  const fail = (message: string): never => {
    throw new GoTemplateParseError(`template: ${templateName}:${line}: ${message}`);
  };
  while (pos < input.length) {
    const open = input.indexOf('{{', pos);
    if (open < 0) {
      emit('text', pos, input.length);
      pos = input.length;
      break;
    }
    let textEnd = open;
    const trimLeft = input.startsWith('{{- ', open) || input.startsWith('{{-\t', open) || input.startsWith('{{-\n', open) || input.startsWith('{{-\r', open);
    if (trimLeft) while (textEnd > pos && isSpace(input[textEnd - 1])) textEnd--;
    if (textEnd > pos) emit('text', pos, textEnd);
    // Trimmed space still counts for line numbers.
    for (let i = textEnd; i < open; i++) if (input[i] === '\n') line++;
    pos = open + 2 + (trimLeft ? 2 : 0);
    // A comment is a whole action.
    if (input.startsWith('/*', pos)) {
      const close = input.indexOf('*/', pos + 2);
      if (close < 0) fail('unclosed comment');
      for (let i = pos; i < close; i++) if (input[i] === '\n') line++;
      pos = close + 2;
      const trimRight = input.startsWith(' -}}', pos) || input.startsWith('\t-}}', pos) || input.startsWith('\n-}}', pos);
      if (trimRight) pos += 4;
      else if (input.startsWith('}}', pos)) pos += 2;
      else fail('comment ends before closing delimiter');
      if (trimRight) while (pos < input.length && isSpace(input[pos])) pos++;
      continue;
    }
    tokens.push({ type: 'leftDelim', value: '{{', pos: open, line });
    let parenDepth = 0;
    for (;;) {
      if (pos >= input.length) fail('unclosed action');
      const rest = input.slice(pos, pos + 4);
      if (isSpace(input[pos]) && rest.length === 4 && rest.slice(1) === '-}}') {
        emit('space', pos, pos + 1);
        tokens.push({ type: 'rightDelim', value: '}}', pos: pos + 2, line });
        pos += 4;
        while (pos < input.length && isSpace(input[pos])) {
          if (input[pos] === '\n') line++;
          pos++;
        }
        break;
      }
      if (input.startsWith('}}', pos)) {
        tokens.push({ type: 'rightDelim', value: '}}', pos, line });
        pos += 2;
        break;
      }
      const ch = input[pos];
      const start = pos;
      if (isSpace(ch)) {
        // A space that starts ` -}}` belongs to the trim marker.
        while (pos < input.length && isSpace(input[pos]) && !input.startsWith('-}}', pos + 1)) pos++;
        if (pos === start) pos++;
        emit('space', start, pos);
      } else if (ch === ':') {
        if (input[pos + 1] !== '=') fail('expected :=');
        pos += 2;
        emit('declare', start, pos);
      } else if (ch in punctuation) {
        if (ch === '(') parenDepth++;
        if (ch === ')' && --parenDepth < 0) fail('unexpected right paren');
        pos++;
        emit(punctuation[ch], start, pos);
      } else if (ch === '"' || ch === "'") {
        // "..." strings and '.' characters: backslash escapes, no line breaks.
        pos++;
        for (;;) {
          if (pos >= input.length || input[pos] === '\n') fail(ch === '"' ? 'unterminated quoted string' : 'unterminated character constant');
          if (input[pos] === '\\') pos += 2;
          else if (input[pos++] === ch) break;
        }
        emit(ch === '"' ? 'string' : 'char', start, pos);
      } else if (ch === '`') {
        const close = input.indexOf('`', pos + 1);
        if (close < 0) fail('unterminated raw quoted string');
        pos = close + 1;
        emit('rawString', start, pos);
      } else if (ch === '$') {
        pos++;
        while (pos < input.length && isAlphaNumeric(input[pos])) pos++;
        emit('variable', start, pos);
      } else if (ch === '.' && !(pos + 1 < input.length && /[0-9]/.test(input[pos + 1]))) {
        pos++;
        if (pos < input.length && isAlphaNumeric(input[pos])) {
          while (pos < input.length && isAlphaNumeric(input[pos])) pos++;
          emit('field', start, pos);
        } else {
          emit('dot', start, pos);
        }
      } else if (/[0-9+\-.]/.test(ch)) {
        pos++;
        while (pos < input.length && /[0-9a-zA-Z_.+\-]/.test(input[pos])) {
          // A sign belongs to the number only after an exponent marker.
          if ((input[pos] === '+' || input[pos] === '-') && !/[eEpP]/.test(input[pos - 1])) break;
          pos++;
        }
        const text = input.slice(start, pos);
        if (parseNumber(text) === undefined) fail(`bad number syntax: "${text}"`);
        emit('number', start, pos);
      } else if (isAlphaNumeric(ch)) {
        while (pos < input.length && isAlphaNumeric(input[pos])) pos++;
        const word = input.slice(start, pos);
        emit(word === 'true' || word === 'false' ? 'bool' : word === 'nil' ? 'nil' : keywords.has(word) ? 'keyword' : 'identifier', start, pos);
      } else {
        fail(`bad character ${describeRune(ch)}`);
      }
    }
  }
  tokens.push({ type: 'eof', value: '', pos, line });
  return tokens;
}

/** A number constant: int unless written with a fraction or exponent. */
function parseNumber(text: string): { value: number; float: boolean } | undefined {
  const clean = text.replace(/_/g, '');
  const sign = clean.startsWith('-') ? -1 : 1;
  const body = clean.replace(/^[+-]/, '');
  let match: RegExpMatchArray | null;
  if ((match = /^0[xX]([0-9a-fA-F]+)$/.exec(body))) return { value: sign * parseInt(match[1], 16), float: false };
  if ((match = /^0[oO]?([0-7]+)$/.exec(body))) return { value: sign * parseInt(match[1], 8), float: false };
  if ((match = /^0[bB]([01]+)$/.exec(body))) return { value: sign * parseInt(match[1], 2), float: false };
  if (/^[0-9]+$/.test(body)) return { value: sign * parseInt(body, 10), float: false };
  if (/^([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(body)) return { value: sign * parseFloat(body), float: true };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Parse tree

type Arg =
  | { type: 'field'; pos: number; names: string[] }
  | { type: 'variable'; pos: number; name: string; fields: string[] }
  | { type: 'chain'; pos: number; node: Arg; fields: string[] }
  | { type: 'dot'; pos: number }
  | { type: 'nil'; pos: number }
  | { type: 'bool'; pos: number; value: boolean }
  | { type: 'number'; pos: number; text: string; value: number; float: boolean }
  | { type: 'string'; pos: number; text: string; value: string }
  | { type: 'identifier'; pos: number; name: string }
  | { type: 'pipe'; pos: number; pipe: Pipeline };

interface Command {
  pos: number;
  args: Arg[];
}

interface Pipeline {
  pos: number;
  line: number;
  decl: string[];
  isAssign: boolean;
  cmds: Command[];
}

type Node =
  | { type: 'text'; text: string }
  | { type: 'action'; pipe: Pipeline }
  | ControlNode<'if'>
  | ControlNode<'with'>
  | ControlNode<'range'>
  | { type: 'break' | 'continue'; pos: number; line: number };

interface ControlNode<T extends 'if' | 'with' | 'range'> {
  type: T;
  pipe: Pipeline;
  list: Node[];
  elseList?: Node[];
}

const functionNames = new Set(['and', 'or', 'not', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'index', 'slice', 'len', 'print', 'printf', 'println', 'html', 'urlquery', 'exists', 'base64decode']);

function argString(arg: Arg): string {
  switch (arg.type) {
    case 'field':
      return arg.names.map((n) => `.${n}`).join('');
    case 'variable':
      return arg.name + arg.fields.map((n) => `.${n}`).join('');
    case 'chain':
      return (arg.node.type === 'pipe' ? `(${pipeString(arg.node.pipe)})` : argString(arg.node)) + arg.fields.map((n) => `.${n}`).join('');
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(arg.value);
    case 'number':
    case 'string':
      return arg.text;
    case 'identifier':
      return arg.name;
    case 'pipe':
      return `(${pipeString(arg.pipe)})`;
  }
}

function commandString(cmd: Command): string {
  return cmd.args.map(argString).join(' ');
}

function pipeString(pipe: Pipeline): string {
  const decl = pipe.decl.length ? `${pipe.decl.join(', ')} ${pipe.isAssign ? '=' : ':='} ` : '';
  return decl + pipe.cmds.map(commandString).join(' | ');
}

function unquoteString(text: string): string {
  if (text.startsWith('`')) return text.slice(1, -1);
  try {
    return JSON.parse(text.replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as string;
  } catch {
    throw new GoTemplateParseError('invalid syntax');
  }
}

class Parser {
  private index = 0;
  /** Variables in scope, innermost last; `$` is always there. */
  private vars = ['$'];

  constructor(private readonly tokens: Token[]) {}

  parse(): Node[] {
    const { list, end } = this.itemList();
    if (end) this.fail(`unexpected {{${end.value}}}`, end);
    return list;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    return this.tokens[this.index++];
  }

  private nextNonSpace(): Token {
    let token = this.next();
    while (token.type === 'space') token = this.next();
    return token;
  }

  private peekNonSpace(): Token {
    const mark = this.index;
    const token = this.nextNonSpace();
    this.index = mark;
    return token;
  }

  private fail(message: string, token: Token = this.tokens[Math.max(0, this.index - 1)]): never {
    throw new GoTemplateParseError(`template: ${templateName}:${token.line}: ${message}`);
  }

  private unexpected(token: Token, context: string): never {
    this.fail(`unexpected ${describeToken(token)} in ${context}`, token);
  }

  /** Nodes up to EOF or an {{else}}/{{end}} (returned, with the token after the keyword). */
  private itemList(): { list: Node[]; end?: Token } {
    const list: Node[] = [];
    for (;;) {
      const token = this.next();
      if (token.type === 'eof') return { list };
      if (token.type === 'text') {
        list.push({ type: 'text', text: token.value });
        continue;
      }
      // leftDelim
      const word = this.peekNonSpace();
      if (word.type === 'keyword' && (word.value === 'else' || word.value === 'end')) {
        this.nextNonSpace();
        return { list, end: word };
      }
      list.push(this.action());
    }
  }

  private action(): Node {
    const token = this.peekNonSpace();
    if (token.type === 'keyword') {
      switch (token.value) {
        case 'if':
        case 'with':
        case 'range':
          this.nextNonSpace();
          return this.control(token.value);
        case 'break':
        case 'continue': {
          this.nextNonSpace();
          if (this.rangeDepth === 0) this.fail(`{{${token.value}}} outside {{range}}`, token);
          const close = this.nextNonSpace();
          if (close.type !== 'rightDelim') this.unexpected(close, `{{${token.value}}}`);
          return { type: token.value, pos: token.pos, line: token.line };
        }
        case 'define':
        case 'block':
        case 'template':
          this.fail(`unexpected <${token.value}> in command`, token);
      }
    }
    return { type: 'action', pipe: this.pipeline('command', 'rightDelim') };
  }

  private rangeDepth = 0;

  private control(kind: 'if' | 'with' | 'range'): Node {
    const varsMark = this.vars.length;
    const pipe = this.pipeline(kind, 'rightDelim');
    if (kind === 'range') this.rangeDepth++;
    const body = this.itemList();
    if (kind === 'range') this.rangeDepth--;
    if (!body.end) this.fail('unexpected EOF', this.tokens[this.tokens.length - 1]);
    let elseList: Node[] | undefined;
    if (body.end.value === 'else') {
      const after = this.peekNonSpace();
      if (after.type === 'keyword' && (after.value === 'if' || after.value === 'with') && kind === after.value) {
        // {{else if ...}} is an {{if}} inside the else branch, sharing this {{end}}.
        this.nextNonSpace();
        elseList = [this.control(kind)];
      } else {
        const close = this.nextNonSpace();
        if (close.type !== 'rightDelim') this.unexpected(close, 'else');
        const rest = this.itemList();
        if (!rest.end) this.fail('unexpected EOF', this.tokens[this.tokens.length - 1]);
        if (rest.end.value !== 'end') this.fail('expected end; found {{else}}', rest.end);
        this.closeEnd();
        elseList = rest.list;
      }
    } else {
      this.closeEnd();
    }
    this.vars.length = varsMark;
    return { type: kind, pipe, list: body.list, elseList } as Node;
  }

  private closeEnd(): void {
    const close = this.nextNonSpace();
    if (close.type !== 'rightDelim') this.unexpected(close, 'end');
  }

  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): Pipeline {
    const first = this.peekNonSpace();
    const pipe: Pipeline = { pos: first.pos, line: first.line, decl: [], isAssign: false, cmds: [] };
    // Declarations: `$x :=`, `$x =`, and in range `$i, $e :=`.
    if (first.type === 'variable') {
      const mark = this.index;
      this.nextNonSpace();
      const op = this.peekNonSpace();
      if (op.type === 'declare' || op.type === 'assign') {
        this.nextNonSpace();
        pipe.decl.push(first.value);
        pipe.isAssign = op.type === 'assign';
        if (op.type === 'declare') this.vars.push(first.value);
        else if (!this.vars.includes(first.value)) this.fail(`undefined variable "${first.value}"`, first);
      } else if (op.type === 'comma' && context === 'range') {
        this.nextNonSpace();
        const second = this.nextNonSpace();
        const declare = this.nextNonSpace();
        if (second.type !== 'variable' || (declare.type !== 'declare' && declare.type !== 'assign')) this.fail('range can only initialize variables', second);
        pipe.decl.push(first.value, second.value);
        pipe.isAssign = declare.type === 'assign';
        if (!pipe.isAssign) this.vars.push(first.value, second.value);
      } else {
        this.index = mark;
      }
    }
    for (;;) {
      const token = this.peekNonSpace();
      if (token.type === end) {
        this.nextNonSpace();
        if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`, token);
        return pipe;
      }
      if (token.type === 'eof') this.fail('unclosed action', token);
      if (token.type === 'rightDelim' || token.type === 'rightParen') this.unexpected(token, context === 'parenthesized pipeline' ? context : 'operand');
      pipe.cmds.push(this.command());
    }
  }

  private command(): Command {
    const cmd: Command = { pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      const token = this.peekNonSpace();
      if (token.type === 'pipe') {
        this.nextNonSpace();
        if (cmd.args.length === 0) this.fail('missing command', token);
        return cmd;
      }
      if (token.type === 'rightDelim' || token.type === 'rightParen') {
        if (cmd.args.length === 0) this.fail('missing command', token);
        return cmd;
      }
      const arg = this.operand();
      if (!arg) this.unexpected(token, 'operand');
      cmd.args.push(arg);
      // Operands are separated by space.
      const after = this.peek();
      if (after.type !== 'space' && after.type !== 'pipe' && after.type !== 'rightDelim' && after.type !== 'rightParen') this.unexpected(after, 'operand');
    }
  }

  private operand(): Arg | undefined {
    const node = this.term();
    if (!node) return undefined;
    if (this.peek().type !== 'field') return node;
    const chainPos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().type === 'field') fields.push(this.next().value.slice(1));
    switch (node.type) {
      case 'field':
        return { type: 'field', pos: chainPos, names: [...node.names, ...fields] };
      case 'variable':
        return { type: 'variable', pos: chainPos, name: node.name, fields: [...node.fields, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        return this.fail(`unexpected . after term "${argString(node)}"`);
      default:
        return { type: 'chain', pos: chainPos, node, fields };
    }
  }

  private term(): Arg | undefined {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'identifier':
        if (!functionNames.has(token.value)) this.fail(`function "${token.value}" not defined`, token);
        return { type: 'identifier', pos: token.pos, name: token.value };
      case 'dot':
        return { type: 'dot', pos: token.pos };
      case 'nil':
        return { type: 'nil', pos: token.pos };
      case 'variable':
        if (!this.vars.includes(token.value)) this.fail(`undefined variable "${token.value}"`, token);
        return { type: 'variable', pos: token.pos, name: token.value, fields: [] };
      case 'field':
        return { type: 'field', pos: token.pos, names: [token.value.slice(1)] };
      case 'bool':
        return { type: 'bool', pos: token.pos, value: token.value === 'true' };
      case 'number': {
        const number = parseNumber(token.value)!;
        return { type: 'number', pos: token.pos, text: token.value, ...number };
      }
      case 'char': {
        const value = unquoteString(`"${token.value.slice(1, -1).replace(/"/g, '\\"')}"`);
        return { type: 'number', pos: token.pos, text: token.value, value: value.codePointAt(0) ?? 0, float: false };
      }
      case 'string':
      case 'rawString':
        return { type: 'string', pos: token.pos, text: token.value, value: unquoteString(token.value) };
      case 'leftParen':
        return { type: 'pipe', pos: token.pos, pipe: this.pipeline('parenthesized pipeline', 'rightParen') };
    }
    this.index--;
    return undefined;
  }
}

function describeToken(token: Token): string {
  switch (token.type) {
    case 'eof':
      return 'EOF';
    case 'keyword':
      return `<${token.value}>`;
    case 'rightDelim':
      return '"}}"';
    case 'space':
      return '" "';
  }
  return token.value.length > 10 ? `${JSON.stringify(token.value.slice(0, 10))}...` : JSON.stringify(token.value);
}

// ---------------------------------------------------------------------------------------------
// Execution

/** A value the template has no value for (a missing map key): prints `<no value>`. */
const missing = undefined;

class BreakSignal {}
class ContinueSignal {}

interface Variable {
  name: string;
  value: GoValue;
}

class Executor {
  out = '';
  private vars: Variable[];

  constructor(
    private readonly text: string,
    private readonly missingKeyError: boolean,
    root: GoValue,
  ) {
    this.vars = [{ name: '$', value: root }];
  }

  private fail(pos: number, node: string, message: string): never {
    const before = this.text.slice(0, pos);
    const line = before.split('\n').length;
    const column = pos - (before.lastIndexOf('\n') + 1);
    throw new GoTemplateExecError(`template: ${templateName}:${line}:${column}: executing "${templateName}" at <${node}>: ${message}`, this.out);
  }

  walk(dot: GoValue, nodes: Node[]): void {
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
          this.out += node.text;
          break;
        case 'action': {
          const value = this.pipeline(dot, node.pipe);
          if (node.pipe.decl.length === 0) this.out += value === null || value === missing ? '<no value>' : goPrint(value);
          break;
        }
        case 'if':
        case 'with': {
          const mark = this.vars.length;
          const value = this.pipeline(dot, node.pipe);
          if (isTrue(value)) this.walk(node.type === 'with' ? value : dot, node.list);
          else if (node.elseList) this.walk(dot, node.elseList);
          this.vars.length = mark;
          break;
        }
        case 'range':
          this.range(dot, node);
          break;
        case 'break':
          throw new BreakSignal();
        case 'continue':
          throw new ContinueSignal();
      }
    }
  }

  private range(dot: GoValue, node: ControlNode<'range'>): void {
    const mark = this.vars.length;
    const decl = node.pipe.decl;
    const value = this.pipeline(dot, { ...node.pipe, decl: [] });
    let entries: [GoValue, GoValue][];
    if (Array.isArray(value)) entries = value.map((item, i) => [new GoInt(i, 'int'), item as GoValue]);
    else if (isGoMap(value)) entries = Object.keys(value).sort().map((key) => [key, value[key] as GoValue]);
    else if (value === null || value === missing) entries = [];
    else this.fail(node.pipe.pos, pipeString(node.pipe), `range can't iterate over ${goPrint(value)}`);
    if (entries.length === 0) {
      this.vars.length = mark;
      if (node.elseList) this.walk(dot, node.elseList);
      return;
    }
    for (const [key, item] of entries) {
      const inner = this.vars.length;
      if (decl.length === 1) this.setVar(decl[0], item, node.pipe.isAssign);
      if (decl.length === 2) {
        this.setVar(decl[0], key, node.pipe.isAssign);
        this.setVar(decl[1], item, node.pipe.isAssign);
      }
      try {
        this.walk(item, node.list);
      } catch (signal) {
        if (signal instanceof BreakSignal) break;
        if (!(signal instanceof ContinueSignal)) throw signal;
      } finally {
        this.vars.length = inner;
      }
    }
    this.vars.length = mark;
  }

  private setVar(name: string, value: GoValue, assign: boolean): void {
    if (assign) {
      for (let i = this.vars.length - 1; i >= 0; i--) {
        if (this.vars[i].name === name) {
          this.vars[i].value = value;
          return;
        }
      }
    }
    this.vars.push({ name, value });
  }

  private pipeline(dot: GoValue, pipe: Pipeline): GoValue {
    let value: GoValue | typeof noFinal = noFinal;
    for (const cmd of pipe.cmds) value = this.command(dot, cmd, value);
    const result = value === noFinal ? missing : value;
    if (pipe.decl.length > 0) this.setVar(pipe.decl[0], result, pipe.isAssign);
    return result;
  }

  private command(dot: GoValue, cmd: Command, final: GoValue | typeof noFinal): GoValue {
    const first = cmd.args[0];
    const extra = cmd.args.length > 1 || final !== noFinal;
    switch (first.type) {
      case 'identifier':
        return this.call(dot, cmd, first.name, cmd.args.slice(1), final);
      case 'field':
        if (extra) this.fail(first.pos, argString(first), `${first.names[first.names.length - 1]} has arguments but cannot be invoked as function`);
        return this.fields(first.pos, argString(first), dot, first.names);
      case 'nil':
        this.fail(first.pos, 'nil', 'nil is not a command');
    }
    if (extra) this.fail(first.pos, argString(first), `can't give argument to non-function ${argString(first)}`);
    return this.arg(dot, first);
  }

  private arg(dot: GoValue, arg: Arg): GoValue {
    switch (arg.type) {
      case 'dot':
        return dot;
      case 'nil':
        return null;
      case 'bool':
        return arg.value;
      case 'number':
        return arg.float ? new GoInt(arg.value, 'float64') : new GoInt(arg.value, 'int');
      case 'string':
        return arg.value;
      case 'field':
        return this.fields(arg.pos, argString(arg), dot, arg.names);
      case 'variable': {
        const variable = [...this.vars].reverse().find((v) => v.name === arg.name)!;
        return this.fields(arg.pos, argString(arg), variable.value, arg.fields);
      }
      case 'chain':
        return this.fields(arg.pos, argString(arg), this.arg(dot, arg.node), arg.fields);
      case 'pipe': {
        const mark = this.vars.length;
        const value = this.pipeline(dot, arg.pipe);
        this.vars.length = mark;
        return value;
      }
      case 'identifier':
        return this.call(dot, { pos: arg.pos, args: [arg] }, arg.name, [], noFinal);
    }
  }

  private fields(pos: number, node: string, receiver: GoValue, names: string[]): GoValue {
    let value = receiver;
    for (const name of names) {
      if (value === missing) {
        if (this.missingKeyError) this.fail(pos, node, `nil data; no entry for key "${name}"`);
        return missing;
      }
      if (value === null) this.fail(pos, node, `nil pointer evaluating interface {}.${name}`);
      if (!isGoMap(value)) this.fail(pos, node, `can't evaluate field ${name} in type ${value instanceof GoInt ? value.goType : 'interface {}'}`);
      if (Object.prototype.hasOwnProperty.call(value, name)) {
        value = value[name] as GoValue;
      } else {
        if (this.missingKeyError) this.fail(pos, node, `map has no entry for key "${name}"`);
        return missing;
      }
    }
    return value;
  }

  private call(dot: GoValue, cmd: Command, name: string, argNodes: Arg[], final: GoValue | typeof noFinal): GoValue {
    const node = commandString(cmd);
    // and/or evaluate their arguments only as far as needed.
    if (name === 'and' || name === 'or') {
      const all: (() => GoValue)[] = argNodes.map((a) => () => this.arg(dot, a));
      if (final !== noFinal) all.push(() => final);
      if (all.length === 0) this.fail(cmd.pos, node, `wrong number of args for ${name}: want at least 1 got 0`);
      let value: GoValue = missing;
      for (const get of all) {
        value = get();
        if (isTrue(value) !== (name === 'and')) return value;
      }
      return value;
    }
    const args = argNodes.map((a) => this.arg(dot, a));
    if (final !== noFinal) args.push(final);
    try {
      return builtin(name, args);
    } catch (e) {
      if (e instanceof ArgCountError) this.fail(cmd.pos, node, `wrong number of args for ${name}: want ${e.want} got ${args.length}`);
      if (e instanceof CallError) this.fail(cmd.pos, node, `error calling ${name}: ${e.message}`);
      throw e;
    }
  }
}

const noFinal = Symbol('no final value');

class CallError extends Error {}
class ArgCountError extends Error {
  constructor(readonly want: string) {
    super(want);
  }
}

function isTrue(value: GoValue): boolean {
  if (value === null || value === missing) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  const number = numericValue(value);
  if (number !== undefined) return number !== 0;
  return Object.keys(value as object).length > 0;
}

type Kind = 'bool' | 'int' | 'float' | 'string' | 'invalid' | 'other';

function kindOf(value: GoValue): Kind {
  if (value === null || value === missing) return 'invalid';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'string';
  const number = numericValue(value);
  if (number !== undefined) return isIntegral(value) ? 'int' : 'float';
  return 'other';
}

function compare(a: GoValue, b: GoValue, strict: boolean): number {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (strict && (ka === 'bool' || ka === 'other' || ka === 'invalid' || kb === 'bool' || kb === 'other' || kb === 'invalid')) throw new CallError('invalid type for comparison');
  if (ka !== kb) throw new CallError('incompatible types for comparison');
  if (ka === 'string') return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
  if (ka === 'int' || ka === 'float') return numericValue(a)! - numericValue(b)!;
  return 0;
}

function equal(a: GoValue, b: GoValue): boolean {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka !== kb) {
    if (ka !== 'invalid' && kb !== 'invalid') throw new CallError('incompatible types for comparison');
    return false;
  }
  if (ka === 'other') throw new CallError(`non-comparable type ${goPrint(a)}: ${goTypeOf(a)}`);
  if (ka === 'int' || ka === 'float') return numericValue(a) === numericValue(b);
  return a === b;
}

function index(item: GoValue, keys: GoValue[]): GoValue {
  let value = item;
  for (const key of keys) {
    if (value === null || value === missing) throw new CallError('index of untyped nil');
    if (Array.isArray(value) || typeof value === 'string') {
      const i = numericValue(key);
      if (i === undefined || !isIntegral(key)) throw new CallError(`cannot index slice/array with type ${goTypeOf(key)}`);
      if (i < 0 || i >= value.length) throw new CallError(`index out of range: ${i}`);
      value = Array.isArray(value) ? (value[i] as GoValue) : new GoInt(value.charCodeAt(i), 'uint8');
    } else if (isGoMap(value)) {
      if (typeof key !== 'string') throw new CallError(`value has type ${goTypeOf(key)}; should be string`);
      value = Object.prototype.hasOwnProperty.call(value, key) ? (value[key] as GoValue) : missing;
    } else {
      throw new CallError(`can't index item of type ${goTypeOf(value)}`);
    }
  }
  return value;
}

function length(value: GoValue): GoInt {
  if (typeof value === 'string') return new GoInt(utf8Encode(value).length, 'int');
  if (Array.isArray(value)) return new GoInt(value.length, 'int');
  if (isGoMap(value)) return new GoInt(Object.keys(value).length, 'int');
  if (value === null || value === missing) throw new CallError('len of nil pointer');
  throw new CallError(`len of type ${goTypeOf(value)}`);
}

function stringArg(value: GoValue): string {
  if (typeof value === 'string') return value;
  throw new CallError(`wrong type for value; expected string; got ${goTypeOf(value)}`);
}

function base64decode(text: string): string {
  const decoded = base64Decode(text);
  if (decoded !== undefined && !/\s/.test(text)) return decoded;
  // Go reports the first byte it cannot use.
  const bad = /[^A-Za-z0-9+/=]/.exec(text);
  const at = bad ? bad.index : text.length - (text.length % 4 || 4);
  throw new CallError(`base64 decode failed: illegal base64 data at input byte ${at}`);
}

function exists(item: GoValue, keys: GoValue[]): boolean {
  let value = item;
  for (const key of keys) {
    if (Array.isArray(value)) {
      const i = numericValue(key);
      if (i === undefined || i < 0 || i >= value.length) return false;
      value = value[i] as GoValue;
    } else if (isGoMap(value) && typeof key === 'string' && Object.prototype.hasOwnProperty.call(value, key)) {
      value = value[key] as GoValue;
    } else {
      return false;
    }
  }
  return true;
}

function builtin(name: string, args: GoValue[]): GoValue {
  const want = (n: number): void => {
    if (args.length !== n) throw new ArgCountError(String(n));
  };
  switch (name) {
    case 'not':
      want(1);
      return !isTrue(args[0]);
    case 'eq':
      if (args.length < 2) throw new CallError('missing argument for comparison');
      return args.slice(1).some((b) => equal(args[0], b));
    case 'ne':
      want(2);
      return !equal(args[0], args[1]);
    case 'lt':
      want(2);
      return compare(args[0], args[1], true) < 0;
    case 'le':
      want(2);
      return compare(args[0], args[1], true) <= 0;
    case 'gt':
      want(2);
      return compare(args[0], args[1], true) > 0;
    case 'ge':
      want(2);
      return compare(args[0], args[1], true) >= 0;
    case 'index':
      if (args.length < 1) throw new ArgCountError('at least 1');
      return index(args[0], args.slice(1));
    case 'slice': {
      if (args.length < 1) throw new ArgCountError('at least 1');
      const item = args[0];
      if (typeof item !== 'string' && !Array.isArray(item)) throw new CallError(`can't slice item of type ${goTypeOf(item)}`);
      const bounds = args.slice(1).map((a) => numericValue(a) ?? 0);
      const start = bounds[0] ?? 0;
      const end = bounds[1] ?? item.length;
      if (start < 0 || end > item.length || start > end) throw new CallError(`index out of range: ${end > item.length ? end : start}`);
      return (item as string).slice(start, end) as GoValue;
    }
    case 'len':
      want(1);
      return length(args[0]);
    case 'print':
      return goFormat.sprint(args);
    case 'println':
      return goFormat.sprintln(args);
    case 'printf':
      if (args.length < 1) throw new ArgCountError('at least 1');
      return goFormat.sprintf(stringArg(args[0]), args.slice(1));
    case 'html':
      return goFormat.sprint(args).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;').replace(/\0/g, '\uFFFD');
    case 'urlquery':
      return encodeURIComponent(goFormat.sprint(args)).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    case 'exists':
      if (args.length < 1) throw new ArgCountError('at least 1');
      return exists(args[0], args.slice(1));
    case 'base64decode':
      want(1);
      return base64decode(stringArg(args[0]));
  }
  throw new CallError(`function "${name}" not defined`);
}

// ---------------------------------------------------------------------------------------------

export interface CompiledGoTemplate {
  /** Runs the template on decoded JSON data; throws GoTemplateExecError. */
  execute(data: unknown, allowMissingKeys: boolean): string;
}

/** Parses a template; throws GoTemplateParseError with Go's message. */
export function compileGoTemplate(text: string): CompiledGoTemplate {
  const nodes = new Parser(lex(text)).parse();
  return {
    execute(data, allowMissingKeys) {
      const executor = new Executor(text, !allowMissingKeys, data as GoValue);
      executor.walk(data as GoValue, nodes);
      return executor.out;
    },
  };
}

// The Kubernetes JSONPath dialect (client-go util/jsonpath) as kubectl's jsonpath printer,
// custom-columns and --sort-by use it: `{.items[*].metadata.name}`, `{range .items[*]}...{end}`,
// filters `[?(@.type=="Ready")]`, `..`, `$`, slices, wildcards and `\.`-escaped keys.
// Missing keys yield nothing (kubectl's default --allow-missing-template-keys=true) or, with
// --allow-missing-template-keys=false, fail as `<key> is not found`.

import { toCompactJson } from './json-output';

import { goTypeName } from './go-syntax';

/** A template that does not parse. */
export class JsonPathError extends Error {}
/** A template that parses but fails while running (kubectl prints it with the object). */
export class JsonPathExecutionError extends Error {}

type Step =
  | { type: 'root' }
  | { type: 'current' }
  | { type: 'field'; names: string[] }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'index'; start?: number; end?: number; step?: number; single: boolean }
  | { type: 'indexUnion'; indexes: number[] }
  | { type: 'filter'; left: Expression; operator?: string; right?: Expression }
  | { type: 'literal'; value: unknown }
  | { type: 'identifier'; name: string };

/** Alternatives separated by `,`, each a chain of steps. */
type Expression = Step[][];

type Segment =
  | { type: 'text'; text: string }
  | { type: 'action'; expression: Expression }
  | { type: 'range'; expression: Expression; body: Segment[] }
  | { type: 'end-without-range' };

const terminators = new Set([' ', '\t', '\r', '\n', '.', ',', '[', ']', '$', '@', '{', '}', '(', ')', '=', '<', '>', '!']);

function describeRune(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')} '${ch}'`;
}

function unquote(raw: string, quote: string): string {
  if (quote === '"') {
    try {
      return JSON.parse(raw) as string;
    } catch {
      throw new JsonPathError(`invalid syntax`);
    }
  }
  return raw.slice(1, -1).replace(/\\'/g, "'");
}

/** Parses the text inside one `{...}`. */
class ExpressionParser {
  private pos = 0;
  /** Commas separate alternatives only inside filters; in an action kubectl rejects them. */
  constructor(
    private readonly text: string,
    private readonly allowUnion = false,
  ) {}

  parse(): Expression {
    const alternatives: Expression = [[]];
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      const current = alternatives[alternatives.length - 1];
      if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') this.pos++;
      else if (ch === ',' && this.allowUnion) {
        this.pos++;
        alternatives.push([]);
      } else if (ch === '$') {
        this.pos++;
        current.push({ type: 'root' });
      } else if (ch === '@') {
        this.pos++;
        current.push({ type: 'current' });
      } else if (ch === '"' || ch === "'") current.push({ type: 'literal', value: this.quoted() });
      else if (ch === '.') {
        if (this.text[this.pos + 1] === '.') {
          this.pos++;
          current.push({ type: 'recursive' });
          continue;
        }
        this.pos++;
        const name = this.fieldName();
        if (name === '*') current.push({ type: 'wildcard' });
        else if (name !== '') current.push({ type: 'field', names: [name] });
      } else if (ch === '[') current.push(this.bracket());
      else if (/[0-9-]/.test(ch)) {
        const m = /^-?[0-9]+(\.[0-9]+)?/.exec(this.text.slice(this.pos));
        if (!m) throw new JsonPathError(`unrecognized character in action: ${describeRune(ch)}`);
        this.pos += m[0].length;
        current.push({ type: 'literal', value: Number(m[0]) });
      } else if (/[A-Za-z_]/.test(ch)) {
        const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos))!;
        this.pos += m[0].length;
        if (m[0] === 'true' || m[0] === 'false') current.push({ type: 'literal', value: m[0] === 'true' });
        else current.push({ type: 'identifier', name: m[0] });
      } else throw new JsonPathError(`unrecognized character in action: ${describeRune(ch)}`);
    }
    const chains = alternatives.filter((steps) => steps.length > 0);
    // `{}` and `{@}` both mean the current value.
    return chains.length > 0 ? chains : [[{ type: 'current' }]];
  }

  private quoted(): string {
    const quote = this.text[this.pos];
    let end = this.pos + 1;
    while (end < this.text.length && this.text[end] !== quote) {
      if (this.text[end] === '\\') end++;
      end++;
    }
    if (end >= this.text.length) throw new JsonPathError('unterminated quoted string');
    const raw = this.text.slice(this.pos, end + 1);
    this.pos = end + 1;
    return unquote(raw, quote);
  }

  private fieldName(): string {
    let name = '';
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (ch === '\\' && this.pos + 1 < this.text.length) {
        name += this.text[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (terminators.has(ch)) break;
      name += ch;
      this.pos++;
    }
    return name;
  }

  private bracket(): Step {
    // Find the matching `]`, skipping quoted text and nested brackets.
    let depth = 0;
    let end = this.pos;
    let quote = '';
    for (; end < this.text.length; end++) {
      const ch = this.text[end];
      if (quote) {
        if (ch === '\\') end++;
        else if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '[') depth++;
      else if (ch === ']' && --depth === 0) break;
    }
    const rawInner = this.text.slice(this.pos + 1, end);
    const inner = rawInner.trim();
    if (inner.startsWith('?') && !/\)\s*$/.test(inner)) throw new JsonPathError('unterminated filter');
    if (end >= this.text.length) throw new JsonPathError('unterminated array');
    this.pos = end + 1;
    if (inner.startsWith('?')) return this.filter(inner);
    if (inner === '*') return { type: 'index', single: false };
    // `[]` is not `[*]`: client-go reads it as `[0]` (kubectl 1.32 prints the first item only);
    // `[ ]` is an invalid index.
    if (rawInner === '') return { type: 'index', start: 0, single: true };
    if (inner === '') throw new JsonPathError(`invalid array index ${rawInner}`);
    if (inner.startsWith("'")) {
      const names = splitOutsideQuotes(inner).map((part) => {
        const p = part.trim();
        return unquote(p, p[0]);
      });
      return { type: 'field', names };
    }
    if (inner.includes(',')) {
      const indexes = inner.split(',').map((part) => parseIndex(part.trim(), inner));
      return { type: 'indexUnion', indexes: indexes.map((i) => i ?? 0) };
    }
    const parts = inner.split(':');
    if (parts.length > 3) throw new JsonPathError(`invalid array index ${inner}`);
    const [start, end2, step] = parts.map((part) => parseIndex(part.trim(), inner));
    if (parts.length === 1) {
      if (start === undefined) throw new JsonPathError(`invalid array index ${inner}`);
      return { type: 'index', start, single: true };
    }
    return { type: 'index', start, end: end2, step, single: false };
  }

  private filter(inner: string): Step {
    const m = /^\?\((.*)\)$/s.exec(inner);
    if (!m) throw new JsonPathError(`unrecognized filter ${inner}`);
    const body = m[1];
    const comparison = /^([^!<>=]+?)\s*(==|!=|>=|<=|>|<|=)\s*(.+)$/s.exec(body);
    if (!comparison) return { type: 'filter', left: new ExpressionParser(body, true).parse() };
    return {
      type: 'filter',
      left: new ExpressionParser(comparison[1], true).parse(),
      operator: comparison[2] === '=' ? '==' : comparison[2],
      right: new ExpressionParser(comparison[3], true).parse(),
    };
  }
}

function splitOutsideQuotes(text: string): string[] {
  const parts: string[] = [];
  let quote = '';
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') {
        current += ch + (text[i + 1] ?? '');
        i++;
        continue;
      }
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ',') {
      parts.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts;
}

function parseIndex(text: string, whole: string): number | undefined {
  if (text === '') return undefined;
  if (!/^-?[0-9]+$/.test(text)) throw new JsonPathError(`invalid array index ${whole}`);
  return Number(text);
}

/** Splits a template into text, `{action}`, `{range}`...`{end}` segments. */
function parseTemplate(template: string): Segment[] {
  const root: Segment[] = [];
  const stack: { segments: Segment[] }[] = [{ segments: root }];
  let pos = 0;
  while (pos < template.length) {
    const open = template.indexOf('{', pos);
    if (open < 0) {
      stack[stack.length - 1].segments.push({ type: 'text', text: template.slice(pos) });
      break;
    }
    if (open > pos) stack[stack.length - 1].segments.push({ type: 'text', text: template.slice(pos, open) });
    let close = open + 1;
    let quote = '';
    for (; close < template.length; close++) {
      const ch = template[close];
      if (quote) {
        if (ch === '\\') close++;
        else if (ch === quote) quote = '';
      } else if (ch === '"') quote = ch;
      else if (ch === '}') break;
    }
    if (quote) throw new JsonPathError('unterminated quoted string');
    if (close >= template.length) throw new JsonPathError('unclosed action');
    const inside = template.slice(open + 1, close).trim();
    pos = close + 1;
    if (inside === 'end') {
      if (stack.length === 1) stack[0].segments.push({ type: 'end-without-range' });
      else stack.pop();
    } else if (inside.startsWith('range ') || inside === 'range') {
      const segment: Segment = { type: 'range', expression: new ExpressionParser(inside.slice(5)).parse(), body: [] };
      stack[stack.length - 1].segments.push(segment);
      stack.push({ segments: segment.body });
    } else {
      stack[stack.length - 1].segments.push({ type: 'action', expression: new ExpressionParser(inside).parse() });
    }
  }
  return root;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isMap(value)) return Object.keys(value).sort().map((k) => value[k]);
  return [];
}

/** What every step of one run of a template reads: the object printed and how a missing key is taken. */
interface Run {
  root: unknown;
  /** false (`--allow-missing-template-keys=false`): a field no input has is an error. */
  allowMissingKeys: boolean;
}

function evaluateSteps(steps: Step[], current: unknown, run: Run): unknown[] {
  let values: unknown[] = [current];
  for (const step of steps) {
    if (step.type === 'index') {
      values = indexInto(values, step);
      continue;
    }
    if (step.type === 'identifier') throw new JsonPathExecutionError(`unrecognized identifier ${step.name}`);
    const next: unknown[] = [];
    for (const value of values) {
      switch (step.type) {
        case 'root':
          next.push(run.root);
          break;
        case 'current':
          next.push(value);
          break;
        case 'literal':
          next.push(step.value);
          break;
        case 'field':
          if (isMap(value)) for (const name of step.names) if (name in value && value[name] !== undefined) next.push(value[name]);
          break;
        case 'wildcard':
          next.push(...children(value));
          break;
        case 'recursive': {
          const walk = (v: unknown): void => {
            const kids = children(v);
            if (kids.length === 0) return;
            next.push(v);
            kids.forEach(walk);
          };
          walk(value);
          break;
        }
        case 'indexUnion':
          // Each index of a union is an array step of its own.
          for (const index of step.indexes) next.push(...indexInto([value], { type: 'index', start: index, single: true }));
          break;
        case 'filter':
          for (const item of Array.isArray(value) ? value : isMap(value) ? children(value) : []) {
            if (filterMatches(step, item, run)) next.push(item);
          }
          break;
      }
    }
    // As client-go: a field is missing when there was something to look in and nothing had it.
    if (step.type === 'field' && !run.allowMissingKeys && values.length > 0 && next.length === 0) {
      throw new JsonPathExecutionError(`${step.names[0]} is not found`);
    }
    values = next;
  }
  return values;
}

/**
 * An array step over every input, as client-go's evalArray: `[i]` is `[i:i+1]`, negative indexes
 * count from the end, and an index past either end fails (`array index out of bounds: index 5,
 * length 2`). A range that selects nothing ends the step with what it has found so far, later
 * inputs unread, as client-go returns there.
 */
function indexInto(values: unknown[], step: Extract<Step, { type: 'index' }>): unknown[] {
  const result: unknown[] = [];
  for (const value of values) {
    if (value === null || value === undefined) continue;
    if (!Array.isArray(value)) throw new JsonPathExecutionError(`${goTypeName(value)} is not array or slice`);
    const length = value.length;
    let start = step.start ?? 0;
    if (start < 0) start += length;
    let end: number;
    if (step.single) {
      // The derived end of `[i]`: i+1, from the end of the list when that is 0 or less.
      end = (step.start ?? 0) + 1;
      if (end <= 0) end += length;
    } else {
      end = step.end ?? length;
      if (end < 0) end += length;
    }
    if (start === end) return result;
    if (start >= length || start < 0) throw new JsonPathExecutionError(`array index out of bounds: index ${start}, length ${length}`);
    if (end > length || end < 0) throw new JsonPathExecutionError(`array index out of bounds: index ${end - 1}, length ${length}`);
    if (start > end) throw new JsonPathExecutionError(`starting index ${start} is greater than ending index ${end}`);
    const stride = step.step ?? 1;
    if (stride <= 0) throw new JsonPathExecutionError('step must be > 0');
    for (let i = start; i < end; i += stride) result.push(value[i]);
  }
  return result;
}

function compare(left: unknown, operator: string, right: unknown): boolean {
  if (typeof left === 'number' && typeof right === 'number') {
    switch (operator) {
      case '==': return left === right;
      case '!=': return left !== right;
      case '<': return left < right;
      case '>': return left > right;
      case '<=': return left <= right;
      case '>=': return left >= right;
    }
  }
  const a = typeof left === 'string' ? left : toText(left);
  const b = typeof right === 'string' ? right : toText(right);
  switch (operator) {
    case '==': return a === b;
    case '!=': return a !== b;
    case '<': return a < b;
    case '>': return a > b;
    case '<=': return a <= b;
    case '>=': return a >= b;
  }
  return false;
}

function filterMatches(step: Extract<Step, { type: 'filter' }>, item: unknown, run: Run): boolean {
  const lefts = evaluateExpression(step.left, item, run);
  if (!step.operator || !step.right) return lefts.length > 0;
  const rights = evaluateExpression(step.right, item, run);
  return lefts.some((l) => rights.some((r) => compare(l, step.operator!, r)));
}

function evaluateExpression(expression: Expression, current: unknown, run: Run): unknown[] {
  return expression.flatMap((steps) => evaluateSteps(steps, current, run));
}

/** How one jsonpath result prints: strings raw, maps and lists as compact JSON. */
export function toText(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return toCompactJson(value);
  return String(value);
}

export interface CompiledJsonPath {
  /** The printed text (`-o jsonpath=`); `allowMissingKeys` false is `--allow-missing-template-keys=false`. */
  print(data: unknown, allowMissingKeys?: boolean): string;
  /**
   * Every result of every action, in order (custom-columns, --sort-by). With `withText`, text
   * between actions counts as a result too, as `jsonpath-as-json` prints it.
   */
  results(data: unknown, withText?: boolean, allowMissingKeys?: boolean): unknown[][];
}

export function compileJsonPath(template: string): CompiledJsonPath {
  const segments = parseTemplate(template);
  const printSegments = (list: Segment[], current: unknown, run: Run): string =>
    list
      .map((segment) => {
        if (segment.type === 'text') return segment.text;
        if (segment.type === 'end-without-range') throw new JsonPathExecutionError('not in range, nothing to end');
        const values = evaluateExpression(segment.expression, current, run);
        if (segment.type === 'action') return values.map(toText).join(' ');
        return values.map((item) => printSegments(segment.body, item, run)).join('');
      })
      .join('');
  const collect = (list: Segment[], current: unknown, run: Run, out: unknown[][], withText: boolean): void => {
    for (const segment of list) {
      if (segment.type === 'text') {
        if (withText) out.push([segment.text]);
        continue;
      }
      if (segment.type === 'end-without-range') throw new JsonPathExecutionError('not in range, nothing to end');
      const values = evaluateExpression(segment.expression, current, run);
      if (segment.type === 'action') out.push(values);
      else for (const item of values) collect(segment.body, item, run, out, withText);
    }
  };
  return {
    print: (data, allowMissingKeys = true) => printSegments(segments, data, { root: data, allowMissingKeys }),
    results: (data, withText = false, allowMissingKeys = true) => {
      const out: unknown[][] = [];
      collect(segments, data, { root: data, allowMissingKeys }, out, withText);
      return out;
    },
  };
}

/**
 * kubectl's relaxed form for custom-columns and --sort-by: `.a.b`, `a.b`, `{.a.b}` all mean `{.a.b}`.
 */
export function relaxedJsonPath(path: string): string {
  const m = /^\{?(\.?[^{}]*)\}?$/.exec(path);
  if (!m) throw new JsonPathError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  const inner = m[1].startsWith('.') ? m[1] : '.' + m[1];
  return `{${inner}}`;
}

// Label and field selectors, parsed, matched and printed as apimachinery's labels and fields
// packages do (`app=web,tier!=db`, `env in (prod,qa)`, `!canary`, `status.phase=Running`).
import type { KubeObject, LabelSelector } from './types';
import { isQualifiedName, isValidLabelValue } from './validation/name-rules';

export type LabelOperator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  /** Sorted, as apimachinery keeps them. */
  values: string[];
}

/** Requirements sorted by key; empty matches everything. */
export type ParsedLabelSelector = LabelRequirement[];

export class SelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}

// ---- lexer ----

type TokenKind = 'identifier' | 'in' | 'notin' | '!' | '!=' | '=' | '==' | '>' | '<' | '(' | ')' | ',' | 'end' | 'error';
interface Token {
  kind: TokenKind;
  text: string;
}

const symbolTokens: Record<string, TokenKind> = { '!': '!', '!=': '!=', '=': '=', '==': '==', '>': '>', '<': '<', '(': '(', ')': ')', ',': ',' };
const isSymbol = (c: string) => '=!()<>,'.includes(c);
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  for (;;) {
    while (pos < text.length && isSpace(text[pos])) pos++;
    if (pos >= text.length) {
      tokens.push({ kind: 'end', text: '' });
      return tokens;
    }
    if (isSymbol(text[pos])) {
      let buffer = '';
      let last: Token | undefined;
      while (pos < text.length && isSymbol(text[pos])) {
        buffer += text[pos];
        const kind = symbolTokens[buffer];
        if (kind) {
          last = { kind, text: buffer };
          pos++;
        } else if (last) {
          break;
        } else {
          pos++;
        }
      }
      if (!last) {
        tokens.push({ kind: 'error', text: `error expected: keyword found '${buffer}'` });
        tokens.push({ kind: 'end', text: '' });
        return tokens;
      }
      tokens.push(last);
      continue;
    }
    const start = pos;
    while (pos < text.length && !isSpace(text[pos]) && !isSymbol(text[pos])) pos++;
    const word = text.slice(start, pos);
    tokens.push({ kind: word === 'in' ? 'in' : word === 'notin' ? 'notin' : 'identifier', text: word });
  }
}

// ---- parser ----

const binaryOperators = 'in, notin, =, ==, !=, gt, lt';

class LabelSelectorParser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  /** In value position, `in` and `notin` are plain identifiers. */
  private peek(asValue = true): Token {
    const token = this.tokens[Math.min(this.position, this.tokens.length - 1)];
    return asValue && (token.kind === 'in' || token.kind === 'notin') ? { kind: 'identifier', text: token.text } : token;
  }

  private next(asValue = true): Token {
    const token = this.peek(asValue);
    this.position++;
    return token;
  }

  parse(): ParsedLabelSelector {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      const token = this.peek();
      if (token.kind === 'end') return requirements;
      if (token.kind !== 'identifier' && token.kind !== '!') {
        throw new SelectorError(`found '${token.text}', expected: !, identifier, or 'end of string'`);
      }
      try {
        requirements.push(this.requirement());
      } catch (error) {
        if (error instanceof SelectorError) throw new SelectorError(`unable to parse requirement: ${error.message}`);
        throw error;
      }
      const after = this.next();
      if (after.kind === 'end') return requirements;
      if (after.kind !== ',') throw new SelectorError(`found '${after.text}', expected: ',' or 'end of string'`);
      const following = this.peek();
      if (following.kind !== 'identifier' && following.kind !== '!') {
        throw new SelectorError(`found '${following.text}', expected: identifier after ','`);
      }
    }
  }

  private requirement(): LabelRequirement {
    let token = this.next();
    let negated = false;
    if (token.kind === '!') {
      negated = true;
      token = this.next();
    }
    if (token.kind !== 'identifier') throw new SelectorError(`found '${token.text}', expected: identifier`);
    const key = token.text;
    const keyErrors = isQualifiedName(key);
    if (keyErrors.length) throw new SelectorError(`<nil>: Invalid value: ${JSON.stringify(key)}: ${keyErrors.join('; ')}`);
    const lookahead = this.peek().kind;
    if (negated || lookahead === 'end' || lookahead === ',') {
      return makeRequirement(key, negated ? '!' : 'exists', []);
    }
    const operatorToken = this.next(false);
    const operator = operatorFor(operatorToken.kind);
    if (!operator) throw new SelectorError(`found '${operatorToken.text}', expected: ${binaryOperators}`);
    const values = operator === 'in' || operator === 'notin' ? this.valueList() : this.exactValue();
    return makeRequirement(key, operator, values);
  }

  private valueList(): string[] {
    const open = this.next();
    if (open.kind !== '(') throw new SelectorError(`found '${open.text}' expected: '('`);
    const first = this.peek();
    if (first.kind === ')') {
      this.next();
      return [''];
    }
    if (first.kind !== 'identifier' && first.kind !== ',') {
      throw new SelectorError(`found '${first.text}', expected: ',', ')' or identifier`);
    }
    const values = new Set<string>();
    for (;;) {
      const token = this.next();
      if (token.kind === 'identifier') {
        values.add(token.text);
        const after = this.peek();
        if (after.kind === ',') continue;
        if (after.kind === ')') break;
        throw new SelectorError(`found '${after.text}', expected: ',' or ')'`);
      } else if (token.kind === ',') {
        if (values.size === 0) values.add('');
        const after = this.peek();
        if (after.kind === ')') {
          values.add('');
          break;
        }
        if (after.kind === ',') {
          this.next();
          values.add('');
        }
      } else {
        throw new SelectorError(`found '${token.text}', expected: ',', or identifier`);
      }
    }
    const close = this.next();
    if (close.kind !== ')') throw new SelectorError(`found '${first.text}', expected: ')'`);
    return [...values];
  }

  private exactValue(): string[] {
    const lookahead = this.peek().kind;
    if (lookahead === 'end' || lookahead === ',') return [''];
    const token = this.next();
    if (token.kind === 'identifier') return [token.text];
    throw new SelectorError(`found '${token.text}', expected: identifier`);
  }
}

function operatorFor(kind: TokenKind): LabelOperator | undefined {
  switch (kind) {
    case 'in':
      return 'in';
    case 'notin':
      return 'notin';
    case '=':
      return '=';
    case '==':
      return '==';
    case '!=':
      return '!=';
    case '>':
      return 'gt';
    case '<':
      return 'lt';
    default:
      return undefined;
  }
}

/** Validates values as NewRequirement does; the field paths follow its nil base path. */
function makeRequirement(key: string, operator: LabelOperator, values: string[]): LabelRequirement {
  const sorted = [...new Set(values)].sort();
  const problems: string[] = [];
  if ((operator === 'in' || operator === 'notin') && sorted.length === 0) {
    problems.push(`values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty`);
  }
  if ((operator === 'gt' || operator === 'lt') && (sorted.length !== 1 || !/^[-+]?[0-9]+$/.test(sorted[0]))) {
    problems.push(
      sorted.length !== 1
        ? `values: Invalid value: []string{${sorted.map((v) => JSON.stringify(v)).join(', ')}}: for 'Gt', 'Lt' operators, exactly one value is required`
        : `values[0]: Invalid value: ${JSON.stringify(sorted[0])}: for 'Gt', 'Lt' operators, the value must be an integer`,
    );
  }
  if (operator !== 'gt' && operator !== 'lt') {
    sorted.forEach((value, i) => {
      const errors = isValidLabelValue(value);
      if (errors.length) problems.push(`values[${i}][${key}]: Invalid value: ${JSON.stringify(value)}: ${errors.join('; ')}`);
    });
  }
  if (problems.length === 1) throw new SelectorError(problems[0]);
  if (problems.length > 1) throw new SelectorError(`[${problems.join(', ')}]`);
  return { key, operator, values: sorted };
}

/** Parses `app=web,tier!=db`, `env in (a,b)`, `!canary`; throws SelectorError with apimachinery's message. */
export function parseLabelSelector(text: string): ParsedLabelSelector {
  const tokens = tokenize(text);
  const error = tokens.find((t) => t.kind === 'error');
  const parser = new LabelSelectorParser(error ? tokens.slice(0, tokens.indexOf(error) + 1) : tokens);
  const requirements = parser.parse();
  return sortByKey(requirements);
}

function sortByKey(requirements: LabelRequirement[]): LabelRequirement[] {
  return [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function labelSelectorMatches(selector: ParsedLabelSelector, labels: Record<string, string> | undefined): boolean {
  return selector.every((requirement) => requirementMatches(requirement, labels ?? {}));
}

function requirementMatches(requirement: LabelRequirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  const value = labels[requirement.key];
  switch (requirement.operator) {
    case '=':
    case '==':
    case 'in':
      return has && requirement.values.includes(value);
    case '!=':
    case 'notin':
      return !has || !requirement.values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || !/^[-+]?[0-9]+$/.test(value)) return false;
      const actual = Number(value);
      const bound = Number(requirement.values[0]);
      return requirement.operator === 'gt' ? actual > bound : actual < bound;
    }
  }
}

/**
 * Converts a LabelSelector (matchLabels, matchExpressions) as LabelSelectorAsSelector does.
 * Throws SelectorError for an unknown operator.
 */
export function selectorFromLabelSelector(spec: LabelSelector | undefined): ParsedLabelSelector {
  if (!spec) return [];
  const requirements: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(spec.matchLabels ?? {})) requirements.push(makeRequirement(key, '=', [value]));
  for (const expression of spec.matchExpressions ?? []) {
    const operator = ({ In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' } as const)[expression.operator];
    if (!operator) throw new SelectorError(`${JSON.stringify(expression.operator)} is not a valid label selector operator`);
    requirements.push(makeRequirement(expression.key, operator, operator === 'exists' || operator === '!' ? [] : (expression.values ?? [])));
  }
  return sortByKey(requirements);
}

/** Whether a selector spec matches labels; an empty spec matches everything. */
export function labelSelectorSpecMatches(spec: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  return labelSelectorMatches(selectorFromLabelSelector(spec), labels);
}

/** A parsed selector as apimachinery's String() prints it: `app=web,env in (a,b),!canary`. */
export function formatParsedSelector(selector: ParsedLabelSelector): string {
  return selector
    .map(({ key, operator, values }) => {
      switch (operator) {
        case 'exists':
          return key;
        case '!':
          return `!${key}`;
        case 'in':
        case 'notin':
          return `${key} ${operator} (${values.join(',')})`;
        case 'gt':
          return `${key}>${values[0]}`;
        case 'lt':
          return `${key}<${values[0]}`;
        default:
          return `${key}${operator}${values[0]}`;
      }
    })
    .join(',');
}

/** As describe and the `-o wide` SELECTOR column print a LabelSelector; `<none>` when empty. */
export function formatLabelSelector(spec: LabelSelector | undefined): string {
  let text: string;
  try {
    text = formatParsedSelector(selectorFromLabelSelector(spec));
  } catch {
    return '<error>';
  }
  return text || '<none>';
}

// ---- field selectors ----

export interface FieldRequirement {
  field: string;
  operator: '=' | '==' | '!=';
  value: string;
}

function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && i + 1 < text.length) {
      current += text[i] + text[i + 1];
      i++;
    } else if (text[i] === separator) {
      parts.push(current);
      current = '';
    } else {
      current += text[i];
    }
  }
  parts.push(current);
  return parts;
}

function unescapeFieldValue(value: string): string {
  return value.replace(/\\(.)/g, '$1');
}

/** Parses `status.phase=Running,spec.nodeName!=node01`; throws SelectorError on syntax errors. */
export function parseFieldSelector(text: string): FieldRequirement[] {
  const requirements: FieldRequirement[] = [];
  const terms = splitUnescaped(text, ',').sort();
  for (const term of terms) {
    if (term === '') continue;
    let found: FieldRequirement | undefined;
    for (let i = 0; i < term.length && !found; i++) {
      if (term[i] === '\\') {
        i++;
        continue;
      }
      for (const operator of ['!=', '==', '='] as const) {
        if (term.startsWith(operator, i)) {
          found = { field: term.slice(0, i), operator, value: unescapeFieldValue(term.slice(i + operator.length)) };
          break;
        }
      }
    }
    if (!found) throw new SelectorError(`invalid selector: '${text}'; can't understand '${term}'`);
    requirements.push(found);
  }
  return requirements;
}

type FieldGetter = (obj: KubeObject) => unknown;

const metadataFields: Record<string, FieldGetter> = {
  'metadata.name': (o) => o.metadata.name,
  'metadata.namespace': (o) => o.metadata.namespace,
};

const fieldsByKind: Record<string, Record<string, FieldGetter>> = {
  Pod: {
    ...metadataFields,
    'spec.nodeName': (o) => o.spec?.nodeName,
    'spec.restartPolicy': (o) => o.spec?.restartPolicy,
    'spec.schedulerName': (o) => o.spec?.schedulerName,
    'spec.serviceAccountName': (o) => o.spec?.serviceAccountName,
    'spec.hostNetwork': (o) => String(o.spec?.hostNetwork ?? false),
    'status.phase': (o) => o.status?.phase,
    'status.podIP': (o) => o.status?.podIP,
    'status.nominatedNodeName': (o) => o.status?.nominatedNodeName,
  },
  Event: {
    ...metadataFields,
    'involvedObject.kind': (o) => o.involvedObject?.kind,
    'involvedObject.namespace': (o) => o.involvedObject?.namespace,
    'involvedObject.name': (o) => o.involvedObject?.name,
    'involvedObject.uid': (o) => o.involvedObject?.uid,
    'involvedObject.apiVersion': (o) => o.involvedObject?.apiVersion,
    'involvedObject.resourceVersion': (o) => o.involvedObject?.resourceVersion,
    'involvedObject.fieldPath': (o) => o.involvedObject?.fieldPath,
    reason: (o) => o.reason,
    reportingComponent: (o) => o.reportingComponent,
    source: (o) => o.source?.component,
    type: (o) => o.type,
  },
  Node: { ...metadataFields, 'spec.unschedulable': (o) => String(o.spec?.unschedulable ?? false) },
  Namespace: { ...metadataFields, 'status.phase': (o) => o.status?.phase },
  Secret: { ...metadataFields, type: (o) => o.type },
  ReplicaSet: { ...metadataFields, 'status.replicas': (o) => String(o.status?.replicas ?? 0) },
  ReplicationController: { ...metadataFields, 'status.replicas': (o) => String(o.status?.replicas ?? 0) },
  Job: { ...metadataFields, 'status.successful': (o) => String(o.status?.succeeded ?? 0) },
};

/** The message the API server rejects an unsupported field with, or undefined when supported. */
export function unsupportedFieldMessage(kind: string, field: string): string | undefined {
  const fields = fieldsByKind[kind] ?? metadataFields;
  return field in fields ? undefined : `field label not supported: ${field}`;
}

/**
 * Builds a predicate for a field selector on a kind; throws SelectorError with the server's
 * message (`field label not supported: foo`) for a field the kind does not index.
 */
export function compileFieldSelector(kind: string, text: string): (obj: KubeObject) => boolean {
  const requirements = parseFieldSelector(text);
  const fields = fieldsByKind[kind] ?? metadataFields;
  const checks = requirements.map(({ field, operator, value }) => {
    const getter = fields[field];
    if (!getter) throw new SelectorError(`field label not supported: ${field}`);
    return (obj: KubeObject) => {
      const actual = getter(obj);
      const text = actual === undefined || actual === null ? '' : String(actual);
      return operator === '!=' ? text !== value : text === value;
    };
  });
  return (obj) => checks.every((check) => check(obj));
}

/** Builds a predicate for a label selector string; throws SelectorError. */
export function compileLabelSelector(text: string): (obj: KubeObject) => boolean {
  const selector = parseLabelSelector(text);
  return (obj) => labelSelectorMatches(selector, obj.metadata.labels);
}

/**
 * kubectl rewrites a BadRequest from a list that had selectors into this message, e.g.
 * `Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo`.
 */
export function unableToFindMessage(group: string, version: string, plural: string, labelSelector: string, fieldSelector: string, serverMessage: string): string {
  const resource = `${group}/${version}, Resource=${plural}`;
  return `Unable to find ${JSON.stringify(resource)} that match label selector ${JSON.stringify(labelSelector)}, field selector ${JSON.stringify(fieldSelector)}: ${serverMessage}`;
}

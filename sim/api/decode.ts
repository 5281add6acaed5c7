// Reads manifest files (`kubectl apply -f`, `create -f`) into objects the way kubectl does:
// YAML 1.1 (as go-yaml reads it) or JSON, several documents per file, `List` kinds unwrapped,
// empty documents skipped, and errors in kubectl's own wording.
import { setOwn } from './object-utils';
import { parseDocument, type Document } from 'yaml';
import type { Json, KubeObject } from './types';
import { readJsonStream } from './json-syntax';

export interface DecodeResult {
  /** The objects read before any error, in file order. */
  objects: KubeObject[];
  /**
   * The first error, as kubectl prints it after `error: ` (the caller adds the prefix), e.g.
   * `error parsing pod.yaml: error converting YAML to JSON: yaml: line 4: found character that cannot start any token`.
   */
  error?: string;
}

interface DocumentText {
  text: string;
}

/** Splits on lines starting with `---`, as apimachinery's YAMLReader does. */
function splitDocuments(text: string): { documents: DocumentText[]; error?: string } {
  const documents: DocumentText[] = [];
  let current: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (rest.length > 0 && !rest.startsWith('#')) {
        return { documents, error: `invalid Yaml document separator: ${rest}` };
      }
      if (current.length > 0) documents.push({ text: current.join('\n') + '\n' });
      current = [];
      continue;
    }
    if (i === lines.length - 1 && line === '') break;
    current.push(line);
  }
  if (current.length > 0) documents.push({ text: current.join('\n') + '\n' });
  return { documents };
}

function lineIndexAt(text: string, offset: number): number {
  let line = 0;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/** go-yaml's `line N: ` prefix: scanner errors count from 1, parser errors from 0; line 0 prints none. */
function goYamlMessage(lineNumber: number, message: string): string {
  return lineNumber > 0 ? `yaml: line ${lineNumber}: ${message}` : `yaml: ${message}`;
}

function scannerError(text: string, offset: number, message: string): string {
  const index = lineIndexAt(text, offset);
  // go-yaml leaves the line at 0 (no prefix) when the problem is on the first line
  return goYamlMessage(index === 0 ? 0 : index + 1, message);
}

function parserError(text: string, offset: number, message: string): string {
  return goYamlMessage(lineIndexAt(text, offset), message);
}

function endOfText(text: string): number {
  return text.length;
}

function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end === -1 ? text.length : end);
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** Translates the first error of the `yaml` package into what go-yaml reports for the same text. */
function translateYamlError(text: string, code: string, message: string, offset: number): string {
  if (message.startsWith('Sequence item without')) return misplacedItemError(text, offset);
  switch (code) {
    case 'TAB_AS_INDENT': {
      const lineIndex = lineIndexAt(text, offset);
      const previous = text.split('\n').slice(0, lineIndex).reverse().find((l) => l.trim() !== '');
      const continuesPlainValue = previous !== undefined && /:\s+[^\s#|>&*!'"[{]/.test(previous) && !/:\s*$/.test(previous);
      return scannerError(text, offset, continuesPlainValue ? 'found a tab character that violates indentation' : 'found character that cannot start any token');
    }
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      // go-yaml fails at the `:` that follows the multi-line plain scalar
      const colon = text.slice(offset).search(/:(\s|$)/);
      return scannerError(text, colon === -1 ? offset : offset + colon, 'mapping values are not allowed in this context');
    }
    case 'MISSING_CHAR':
      if (/closing .?quote/.test(message)) return scannerError(text, endOfText(text), 'found unexpected end of stream');
      break;
    case 'BAD_SCALAR_START':
      return scannerError(text, offset, 'found character that cannot start any token');
    case 'BAD_DQ_ESCAPE':
      return scannerError(text, offset, 'found unknown escape character');
    case 'BAD_INDENT': {
      if (message.startsWith('Flow sequence') || message.startsWith('Flow map')) {
        const open = message.startsWith('Flow sequence') ? '[' : '{';
        const close = open === '[' ? ']' : '}';
        const afterOpen = text.slice(text.lastIndexOf(open, offset) + 1).trim();
        const empty = afterOpen === '' || afterOpen.startsWith('#');
        return parserError(text, endOfText(text), empty ? 'did not find expected node content' : `did not find expected ',' or '${close}'`);
      }
      if (message.startsWith('Block scalar')) {
        return scannerError(text, offset, 'found a tab character where an indentation space is expected');
      }
      if (message.startsWith('All mapping items') || message.startsWith('All sequence items')) return misplacedItemError(text, offset);
      break;
    }
    case 'UNEXPECTED_TOKEN':
      return parserError(text, offset, 'did not find expected node content');
  }
  return scannerError(text, offset, message.split('\n')[0]);
}

/** A line indented to no open collection's column: go-yaml expects either a key or a `-`. */
function misplacedItemError(text: string, offset: number): string {
  const line = lineAt(text, offset);
  const lineIndex = lineIndexAt(text, offset);
  const earlier = text.split('\n').slice(0, lineIndex).reverse();
  const sibling = earlier.find((l) => l.trim() !== '' && indentOf(l) <= indentOf(line));
  const inSequence = sibling !== undefined && indentOf(sibling) === indentOf(line) && sibling.trimStart().startsWith('-');
  return parserError(text, offset, inSequence ? "did not find expected '-' indicator" : 'did not find expected key');
}

function yamlOptions() {
  return {
    version: '1.1' as const,
    uniqueKeys: false,
    prettyErrors: false,
    // go-yaml leaves timestamps as strings when decoding into untyped values
    customTags: (tags: any[]) => tags.filter((tag) => tag.tag !== 'tag:yaml.org,2002:timestamp'),
  };
}

function documentValue(document: Document, text: string): { value?: unknown; error?: string } {
  const first = document.errors[0];
  if (first && /call stack/i.test(first.message)) return { error: maxDepthMessage };
  if (first) return { error: translateYamlError(text, first.code, first.message, first.pos[0]) };
  try {
    return { value: document.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    if (error instanceof RangeError) return { error: maxDepthMessage };
    const message = (error as Error).message;
    // the `yaml` package's guard against alias bombs (billion laughs); go-yaml has its own
    if (/excessive alias count/i.test(message)) return { error: 'yaml: document contains excessive aliasing' };
    const alias = /alias.*?: (.*)$/.exec(message);
    return { error: `yaml: unknown anchor '${alias ? alias[1] : ''}' referenced` };
  }
}

/**
 * go-yaml and encoding/json refuse nesting deeper than 10000; the JavaScript stack runs out
 * before that, which is reported the same way.
 */
const maxDepthMessage = 'yaml: exceeded max depth of 10000';

/** The API server refuses request bodies over 3 MiB; such a document is refused before parsing it. */
export const maxDocumentBytes = 3 * 1024 * 1024;

function tooLargeMessage(source: string): string {
  return `error when creating ${JSON.stringify(source)}: Request entity too large: limit is ${maxDocumentBytes}`;
}

/** Removes null-valued keys (the server reads them as unset) and makes keys strings. */
function normalize(value: unknown): Json {
  // (recursive: a nesting too deep for the stack throws RangeError, caught by decodeManifests)
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(normalize);
  if (value instanceof Map) value = Object.fromEntries([...value.entries()].map(([k, v]) => [String(k), v]));
  if (typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item === null || item === undefined) continue;
      setOwn(out, key, normalize(item));
    }
    return out;
  }
  if (typeof value === 'bigint') return Number(value);
  return value as Json;
}

/** kubectl's client-side check before sending: apiVersion and kind must be set. */
function validationProblem(value: Json): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'invalid object to validate';
  const problems: string[] = [];
  if (!('apiVersion' in value)) problems.push('apiVersion not set');
  else if (typeof value.apiVersion !== 'string') problems.push("apiVersion isn't string type");
  if (!('kind' in value)) problems.push('kind not set');
  else if (typeof value.kind !== 'string') problems.push("kind isn't string type");
  if (problems.length === 0) return undefined;
  return problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`;
}

export function goJsonTypeName(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}

/** kubectl decodes metadata into ObjectMeta to learn the name and namespace; type errors stop it. */
function metadataProblem(value: Record<string, Json>): string | undefined {
  const metadata = value.metadata;
  if (metadata === undefined || metadata === null) return undefined;
  if (typeof metadata !== 'object' || Array.isArray(metadata)) {
    return `json: cannot unmarshal ${goJsonTypeName(metadata)} into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta`;
  }
  const field = (name: string, type: string, actual: Json) => `json: cannot unmarshal ${goJsonTypeName(actual)} into Go struct field ObjectMeta.metadata.${name} of type ${type}`;
  for (const name of ['name', 'generateName', 'namespace', 'uid', 'resourceVersion']) {
    const item = metadata[name];
    if (item !== undefined && item !== null && typeof item !== 'string') return field(name, 'string', item);
  }
  for (const name of ['labels', 'annotations']) {
    const map = metadata[name];
    if (map === undefined || map === null) continue;
    if (typeof map !== 'object' || Array.isArray(map)) return field(name, 'map[string]string', map);
    for (const item of Object.values(map)) {
      if (item !== null && typeof item !== 'string') return field(name, 'string', item);
    }
  }
  const finalizers = metadata.finalizers;
  if (finalizers !== undefined && finalizers !== null) {
    if (!Array.isArray(finalizers)) return field('finalizers', '[]string', finalizers);
    for (const item of finalizers) if (item !== null && typeof item !== 'string') return field('finalizers', 'string', item);
  }
  return undefined;
}

/** List items skip validation; kubectl only fails when it cannot tell their type. */
function listItemProblem(item: Json): string | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const prefix = 'unable to get type info from the object "*unstructured.Unstructured": ';
  if (typeof item.apiVersion !== 'string' || item.apiVersion === '') return `${prefix}Object 'apiVersion' is missing in 'object has no apiVersion field'`;
  if (typeof item.kind !== 'string' || item.kind === '') return `${prefix}Object 'Kind' is missing in 'object has no kind field'`;
  return undefined;
}

function isListKind(value: Record<string, Json>): boolean {
  return typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items);
}

/** Checks one decoded document and adds its objects; returns an error message or undefined. */
function acceptDocument(value: Json, source: string, objects: KubeObject[]): string | undefined {
  const problem = validationProblem(value);
  if (problem) {
    return `error validating ${JSON.stringify(source)}: error validating data: ${problem}; if you choose to ignore these errors, turn validation off with --validate=false`;
  }
  const object = value as Record<string, Json>;
  const metadataError = metadataProblem(object);
  if (metadataError) return `unable to decode ${JSON.stringify(source)}: ${metadataError}`;
  if (isListKind(object)) {
    for (const item of object.items as Json[]) {
      if (item === null) continue;
      const error = listItemProblem(item) ?? acceptDocument(item, source, objects);
      if (error) return error;
    }
    return undefined;
  }
  if (!object.metadata) object.metadata = {};
  objects.push(object as unknown as KubeObject);
  return undefined;
}

/**
 * A file read as sigs.k8s.io/yaml reads it into a Go value (JSON is YAML; only the first document
 * counts): its value, or go-yaml's error (`yaml: line 1: did not find expected ',' or ']'`).
 */
export function yamlToJson(text: string): { value: Json; error?: undefined } | { error: string } {
  try {
    const first = /^\s*\{/.test(text) ? text : splitDocuments(text).documents[0]?.text ?? '';
    const { value, error } = documentValue(parseDocument(first, yamlOptions()), first);
    return error ? { error } : { value: normalize(value) };
  } catch (error) {
    if (error instanceof RangeError) return { error: maxDepthMessage };
    throw error;
  }
}

/**
 * Decodes a manifest file. `source` is the file name as the learner typed it (`pod.yaml`);
 * it appears in error messages.
 */
export function decodeManifests(text: string, source: string): DecodeResult {
  const objects: KubeObject[] = [];
  try {
    return decodeInto(text, source, objects);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const json = /^\s*\{/.test(text);
    return { objects, error: `error parsing ${source}: ${json ? jsonDepthMessage(text) : `error converting YAML to JSON: ${maxDepthMessage}`}` };
  }
}

/** encoding/json's words for nesting over 10000, at the bracket that goes one level too deep. */
function jsonDepthMessage(text: string): string {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (++depth > 10000) return `json: offset ${i + 1}: invalid character '${c}' exceeded max depth`;
    } else if (c === '}' || c === ']') depth--;
  }
  return 'json: exceeded max depth';
}

/** go-yaml's reader refuses C0 controls (but tab, LF, CR), DEL, C1 controls (but NEL) and non-characters, before any parsing. */
const nonPrintable = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ud800-\udfff\ufffe\uffff]/;

function decodeInto(text: string, source: string, objects: KubeObject[]): DecodeResult {
  if (!/^\s*\{/.test(text) && nonPrintable.test(text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) {
    return { objects, error: `error parsing ${source}: error converting YAML to JSON: yaml: control characters are not allowed` };
  }
  if (/^\s*\{/.test(text)) {
    if (text.length > maxDocumentBytes) return { objects, error: tooLargeMessage(source) };
    const { values, error } = readJsonStream(text);
    for (const value of values) {
      const problem = acceptDocument(normalize(value), source, objects);
      if (problem) return { objects, error: problem };
    }
    return error ? { objects, error: `error parsing ${source}: ${error}` } : { objects };
  }
  const { documents, error: splitError } = splitDocuments(text);
  for (const document of documents) {
    if (document.text.length > maxDocumentBytes) return { objects, error: tooLargeMessage(source) };
    const parsed = parseDocument(document.text, yamlOptions());
    const { value, error } = documentValue(parsed, document.text);
    if (error) return { objects, error: `error parsing ${source}: error converting YAML to JSON: ${error}` };
    if (value === null || value === undefined) continue;
    const problem = acceptDocument(normalize(value), source, objects);
    if (problem) return { objects, error: problem };
  }
  if (splitError) return { objects, error: `error parsing ${source}: ${splitError}` };
  return { objects };
}

/**
 * One YAML document (or JSON) read as sigs.k8s.io/yaml reads it: YAML 1.1, null members dropped;
 * the error in go-yaml's words (`yaml: line 3: mapping values are not allowed in this context`).
 */
export function parseYamlDocument(text: string): { value?: Json; error?: string } {
  try {
    const parsed = parseDocument(text, yamlOptions());
    const { value, error } = documentValue(parsed, text);
    return error ? { error } : { value: normalize(value) };
  } catch (error) {
    if (error instanceof RangeError) return { error: maxDepthMessage };
    throw error;
  }
}

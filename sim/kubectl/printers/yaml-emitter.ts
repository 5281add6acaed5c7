// YAML as `kubectl -o yaml` prints it (sigs.k8s.io/yaml over go-yaml v2): map keys sorted in
// go-yaml's natural order, sequences not indented under their key, strings quoted only when a
// YAML 1.1 reader would take them for something else, long lines folded at spaces past column 80.

const bestWidth = 80;

type Value = unknown;

function isPlainObject(value: Value): value is Record<string, Value> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLetter(ch: string): boolean {
  return /\p{L}/u.test(ch);
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

/** go-yaml v2's key order: letters after other characters, digit runs compared as numbers. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

function sortedKeys(map: Record<string, Value>): string[] {
  return Object.keys(map)
    .filter((k) => map[k] !== undefined)
    .sort((a, b) => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0));
}

const yaml11Keywords = new Set([
  '~', 'null', 'Null', 'NULL',
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO',
  'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF',
  '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '.nan', '.NaN', '.NAN', '<<',
]);

/** True when go-yaml would read the unquoted text as something other than a string. */
function resolvesToNonString(text: string): boolean {
  if (text === '' || yaml11Keywords.has(text)) return true;
  const first = text[0];
  if ('+-.0123456789'.includes(first)) {
    const plain = text.replace(/_/g, '');
    if (/^[-+]?(0|[1-9][0-9]*)$/.test(plain)) return true;
    if (/^[-+]?0[0-7]+$/.test(plain)) return true;
    if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(plain) || /^[-+]?0[bB][01]+$/.test(plain) || /^[-+]?0[oO][0-7]+$/.test(plain)) return true;
    if (/^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/.test(plain)) return true;
    if (/^[-+]?(inf|infinity|nan)$/i.test(plain)) return true;
    if (/^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(text)) return true;
    if (/^\d{4}-\d\d?-\d\d?([Tt ]\d\d?:\d\d?:\d\d?(\.\d*)?\s*(Z|[+-]\d\d?(:\d\d)?)?)?$/.test(text)) return true;
  }
  return false;
}

interface ScalarAnalysis {
  plainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
  multiline: boolean;
}

function isPrintable(code: number): boolean {
  return (
    code === 0x0a ||
    (code >= 0x20 && code <= 0x7e) ||
    code === 0x85 ||
    (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff) ||
    code >= 0x10000
  );
}

function analyze(text: string): ScalarAnalysis {
  const chars = [...text];
  let blockIndicators = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let special = false;
  let lineBreaks = false;
  let previousSpace = false;
  let previousBreak = false;
  if (text.startsWith('---') || text.startsWith('...')) blockIndicators = true;
  let precededByWhitespace = true;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      else if ((ch === '?' || ch === ':') && followedByWhitespace) blockIndicators = true;
      else if (ch === '-' && followedByWhitespace) blockIndicators = true;
    } else {
      if (ch === ':' && followedByWhitespace) blockIndicators = true;
      if (ch === '#' && precededByWhitespace) blockIndicators = true;
    }
    if (!isPrintable(ch.codePointAt(0) ?? 0)) special = true;
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (ch === '\n') {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
  }
  let plainAllowed = !blockIndicators;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) plainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) {
    plainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || special) {
    plainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  if (lineBreaks) plainAllowed = false;
  return { plainAllowed, singleQuotedAllowed, blockAllowed, multiline: lineBreaks };
}

type Style = 'plain' | 'single' | 'double' | 'literal';

function chooseStyle(text: string, isKey: boolean): Style {
  const analysis = analyze(text);
  let style: Style = text.includes('\n') ? 'literal' : resolvesToNonString(text) ? 'double' : 'plain';
  if (style === 'plain' && !analysis.plainAllowed) style = 'single';
  if (style === 'single' && !analysis.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!analysis.blockAllowed || isKey)) style = 'double';
  if (isKey && analysis.multiline) style = 'double';
  return style;
}

const doubleQuoteEscapes: Record<string, string> = {
  '\0': '\\0', '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r',
  '\x1b': '\\e', '"': '\\"', '\\': '\\\\', '\x85': '\\N', '\xa0': '\\_', '\u2028': '\\L', '\u2029': '\\P',
};

class YamlWriter {
  text = '';
  column = 0;

  write(s: string): void {
    this.text += s;
    this.column += [...s].length;
  }

  newline(indent: number): void {
    this.text += '\n' + ' '.repeat(indent);
    this.column = indent;
  }

  scalar(text: string, indent: number, isKey: boolean): void {
    const style = chooseStyle(text, isKey);
    const allowBreaks = !isKey;
    const chars = [...text];
    if (style === 'plain') {
      let spaces = false;
      for (let i = 0; i < chars.length; i++) {
        const ch = chars[i];
        if (ch === ' ') {
          if (allowBreaks && !spaces && this.column > bestWidth && chars[i + 1] !== ' ') this.newline(indent);
          else this.write(ch);
          spaces = true;
        } else {
          this.write(ch);
          spaces = false;
        }
      }
    } else if (style === 'single') {
      this.write("'");
      let spaces = false;
      for (let i = 0; i < chars.length; i++) {
        const ch = chars[i];
        if (ch === ' ') {
          if (allowBreaks && !spaces && this.column > bestWidth && i > 0 && i < chars.length - 1 && chars[i + 1] !== ' ') this.newline(indent);
          else this.write(ch);
          spaces = true;
        } else {
          this.write(ch === "'" ? "''" : ch);
          spaces = false;
        }
      }
      this.write("'");
    } else if (style === 'double') {
      this.write('"');
      let spaces = false;
      for (let i = 0; i < chars.length; i++) {
        const ch = chars[i];
        const code = ch.codePointAt(0) ?? 0;
        if (ch === ' ') {
          if (allowBreaks && !spaces && this.column > bestWidth && i > 0 && i < chars.length - 1) {
            this.newline(indent);
            if (chars[i + 1] === ' ') this.write('\\');
          } else this.write(ch);
          spaces = true;
          continue;
        }
        spaces = false;
        if (doubleQuoteEscapes[ch]) this.write(doubleQuoteEscapes[ch]);
        else if (!isPrintable(code) || code === 0xfeff) {
          const hex = code.toString(16).toUpperCase();
          if (code <= 0xff) this.write('\\x' + hex.padStart(2, '0'));
          else if (code <= 0xffff) this.write('\\u' + hex.padStart(4, '0'));
          else this.write('\\U' + hex.padStart(8, '0'));
        } else this.write(ch);
      }
      this.write('"');
    } else {
      let hints = '|';
      if (text.startsWith(' ') || text.startsWith('\n')) hints += '2';
      if (!text.endsWith('\n')) hints += '-';
      else if (text === '\n' || text.endsWith('\n\n')) hints += '+';
      this.write(hints);
      let atLineStart = true;
      for (const ch of chars) {
        if (ch === '\n') {
          this.text += '\n';
          this.column = 0;
          atLineStart = true;
        } else {
          if (atLineStart) {
            if (this.column === 0 && this.text.endsWith('\n')) this.write(' '.repeat(indent));
            else this.newline(indent);
            atLineStart = false;
          }
          this.write(ch);
        }
      }
      if (text.endsWith('\n')) this.pendingBreakWritten = true;
    }
  }

  /** Set after a literal block that ended with its own line break. */
  pendingBreakWritten = false;

  /** Starts a new line at `indent`, unless a literal block already ended the line. */
  lineAt(indent: number): void {
    if (this.pendingBreakWritten) {
      this.pendingBreakWritten = false;
      this.write(' '.repeat(indent));
    } else this.newline(indent);
  }

  value(value: Value, indent: number): void {
    if (value === null || value === undefined) this.write('null');
    else if (typeof value === 'boolean') this.write(value ? 'true' : 'false');
    else if (typeof value === 'number') this.write(formatNumber(value));
    else this.scalar(String(value), indent, false);
  }

  mapping(map: Record<string, Value>, indent: number, inline: boolean): void {
    sortedKeys(map).forEach((key, i) => {
      if (i > 0 || !inline) this.lineAt(indent);
      this.scalar(key, indent, true);
      this.write(':');
      this.member(map[key], indent, true);
    });
  }

  sequence(items: Value[], indent: number, inline: boolean): void {
    items.forEach((item, i) => {
      if (i > 0 || !inline) this.lineAt(indent);
      this.write('-');
      this.member(item, indent, false);
    });
  }

  /** Writes what follows `key:` (inMapping) or `-`. */
  member(value: Value, indent: number, inMapping: boolean): void {
    if (Array.isArray(value)) {
      if (value.length === 0) this.write(' []');
      else if (inMapping) this.sequence(value, indent, false);
      else {
        this.write(' ');
        this.sequence(value, indent + 2, true);
      }
    } else if (isPlainObject(value)) {
      if (sortedKeys(value).length === 0) this.write(' {}');
      else if (inMapping) this.mapping(value, indent + 2, false);
      else {
        this.write(' ');
        this.mapping(value, indent + 2, true);
      }
    } else {
      this.write(' ');
      this.value(value, indent + 2);
    }
  }
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  if (!Number.isFinite(n)) return Number.isNaN(n) ? '.nan' : n > 0 ? '+.inf' : '-.inf';
  return String(n);
}

/** A JSON-compatible value as YAML text, ending with a newline. */
export function toYaml(value: Value): string {
  const writer = new YamlWriter();
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]\n';
    writer.sequence(value, 0, true);
  } else if (isPlainObject(value)) {
    if (sortedKeys(value).length === 0) return '{}\n';
    writer.mapping(value, 0, true);
  } else writer.value(value, 0);
  return writer.pendingBreakWritten ? writer.text : writer.text + '\n';
}

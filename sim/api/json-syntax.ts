// A JSON reader that fails with Go's encoding/json wording (`invalid character '}' looking for
// beginning of object key string`), so a broken .json manifest reads as kubectl reports it.
import { setOwn } from './object-utils';
import type { Json } from './types';

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    /** Bytes read when the error was found, as Go's SyntaxError.Offset. */
    readonly offset: number | undefined,
  ) {
    super(message);
  }
}

function describeChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return `'"'`;
  if (c < ' ') return `'\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}'`;
  return `'${c}'`;
}

class Reader {
  pos = 0;
  constructor(private readonly text: string) {}

  fail(context: string): never {
    if (this.pos >= this.text.length) throw new JsonSyntaxError('unexpected EOF', undefined);
    throw new JsonSyntaxError(`invalid character ${describeChar(this.text[this.pos])} ${context}`, this.pos + 1);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\r\n'.includes(this.text[this.pos])) this.pos++;
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }

  value(): Json {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === 't') return this.literal('true', true);
    if (c === 'f') return this.literal('false', false);
    if (c === 'n') return this.literal('null', null);
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    return this.fail('looking for beginning of value');
  }

  private literal(word: string, result: Json): Json {
    for (let i = 0; i < word.length; i++, this.pos++) {
      if (this.text[this.pos] !== word[i]) this.fail(`in literal ${word} (expecting '${word[i]}')`);
    }
    return result;
  }

  private number(): Json {
    const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/.exec(this.text.slice(this.pos));
    if (!match) {
      this.pos++;
      return this.fail('in numeric literal');
    }
    this.pos += match[0].length;
    return Number(match[0]);
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === '"') {
        this.pos++;
        return JSON.parse(this.text.slice(start, this.pos)) as string;
      }
      if (c === '\\') {
        const next = this.text[this.pos + 1];
        if (next === undefined) break;
        if (!'"\\/bfnrtu'.includes(next)) {
          this.pos++;
          this.fail('in string escape code');
        }
        this.pos += 2;
        continue;
      }
      if (c < ' ') this.fail('in string literal');
      this.pos++;
    }
    return this.fail('in string literal');
  }

  private object(): Json {
    const result: Record<string, Json> = {};
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') this.fail('looking for beginning of object key string');
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail('after object key');
      this.pos++;
      setOwn(result, key, this.value());
      this.skipSpace();
      if (this.text[this.pos] === ',') {
        this.pos++;
        continue;
      }
      if (this.text[this.pos] === '}') {
        this.pos++;
        return result;
      }
      this.fail('after object key:value pair');
    }
  }

  private array(): Json {
    const result: Json[] = [];
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return result;
    }
    for (;;) {
      result.push(this.value());
      this.skipSpace();
      if (this.text[this.pos] === ',') {
        this.pos++;
        continue;
      }
      if (this.text[this.pos] === ']') {
        this.pos++;
        return result;
      }
      this.fail('after array element');
    }
  }
}

/**
 * Reads a stream of JSON values (one or several, one after another) as Go's json.Decoder does.
 * Returns the values read before any error, and the error in Go's wording.
 */
export function readJsonStream(text: string): { values: Json[]; error?: string } {
  const reader = new Reader(text);
  const values: Json[] = [];
  try {
    while (!reader.atEnd()) values.push(reader.value());
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      return { values, error: error.offset === undefined ? error.message : `json: offset ${error.offset}: ${error.message}` };
    }
    throw error;
  }
  return { values };
}

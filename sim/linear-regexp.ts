// Regular expressions written by learners (grep, sed, awk) and by lesson packs run on a
// linear-time engine, a port of RE2: matching takes time proportional to the text whatever the
// pattern, so `^(a+)+$` cannot freeze the terminal. RE2 has no back-references and no lookahead;
// such patterns are refused with the engine's own message. POSIX classes ([[:digit:]]) work.

import { RE2JS } from 're2js';

export interface LinearMatch {
  /** Where the match starts and ends (UTF-16 offsets, as String indices). */
  index: number;
  end: number;
  text: string;
  /** Capturing groups 1..n; undefined for a group that did not take part. */
  groups: (string | undefined)[];
}

export class LinearRegExpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LinearRegExpError';
  }
}

export interface LinearRegExpOptions {
  ignoreCase?: boolean;
}

export class LinearRegExp {
  private readonly compiled: RE2JS;

  constructor(
    readonly source: string,
    options: LinearRegExpOptions = {},
  ) {
    try {
      this.compiled = RE2JS.compile(source, RE2JS.LOOKBEHINDS | (options.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0));
    } catch (error) {
      throw new LinearRegExpError(error instanceof Error ? error.message : String(error));
    }
  }

  test(text: string): boolean {
    return this.compiled.matcher(text).find();
  }

  /** The first match at or after `from`, or undefined. */
  exec(text: string, from = 0): LinearMatch | undefined {
    const matcher = this.compiled.matcher(text);
    return matcher.find(from) ? matchOf(matcher) : undefined;
  }

  /** Every match from left to right, without overlaps; an empty match moves on by one character. */
  *matchAll(text: string): Generator<LinearMatch> {
    const matcher = this.compiled.matcher(text);
    while (matcher.find()) yield matchOf(matcher);
  }

  /** Replaces the matches `replacer` returns a text for (undefined keeps a match as it is). */
  replace(text: string, replacer: (match: LinearMatch, ordinal: number) => string | undefined): string {
    let out = '';
    let last = 0;
    let ordinal = 0;
    for (const match of this.matchAll(text)) {
      const replacement = replacer(match, ++ordinal);
      if (replacement === undefined) continue;
      out += text.slice(last, match.index) + replacement;
      last = match.end;
    }
    return out + text.slice(last);
  }

  /** Splits at every non-empty match, as String.prototype.split does with a RegExp without groups. */
  split(text: string): string[] {
    const parts: string[] = [];
    let last = 0;
    for (const match of this.matchAll(text)) {
      if (match.end === match.index) continue;
      parts.push(text.slice(last, match.index));
      last = match.end;
    }
    parts.push(text.slice(last));
    return parts;
  }
}

function matchOf(matcher: ReturnType<RE2JS['matcher']>): LinearMatch {
  const groups: (string | undefined)[] = [];
  for (let group = 1; group <= matcher.groupCount(); group++) groups.push(matcher.group(group) ?? undefined);
  return { index: matcher.start(), end: matcher.end(), text: matcher.group() ?? '', groups };
}

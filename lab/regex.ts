// Lesson patterns are regular expressions in RE2's syntax (JavaScript's, less back-references and
// lookahead), matched in linear time so that no pack can hang the grader; a leading `(?i)` (as
// authors know it from other tools) makes the whole pattern case-insensitive.

import { LinearRegExp } from '../sim/linear-regexp';

export function compilePattern(pattern: string): LinearRegExp {
  if (pattern.startsWith('(?i)')) return new LinearRegExp(pattern.slice(4), { ignoreCase: true });
  return new LinearRegExp(pattern);
}

/** The error text when the pattern does not compile, else undefined. */
export function patternError(pattern: string): string | undefined {
  try {
    compilePattern(pattern);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

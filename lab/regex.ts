// Lesson patterns are JavaScript regular expressions; a leading `(?i)` (as authors know it from
// other tools) makes the whole pattern case-insensitive.

export function compilePattern(pattern: string): RegExp {
  if (pattern.startsWith('(?i)')) return new RegExp(pattern.slice(4), 'i');
  return new RegExp(pattern);
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

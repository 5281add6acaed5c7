// Whether a terminal should ask for more input (`> `) instead of running the line.

import { parse } from './parser';
import { ShellSyntaxError } from './syntax-error';

export function isIncomplete(source: string): boolean {
  return incompleteReason(source) !== undefined;
}

/**
 * Why more input is needed, or undefined when the source is complete (or wrong for good):
 * `heredoc` names the delimiter an open here-document waits for. Until a line with that
 * delimiter arrives, more lines cannot complete the source, so a caller adding lines one at a
 * time need not parse again (a here-document of 10 000 documents stays linear).
 */
export function incompleteReason(source: string): { heredoc?: string } | undefined {
  if (/(^|[^\\])(\\\\)*\\$/.test(source)) return {};
  try {
    parse(source);
    return undefined;
  } catch (error) {
    if (!(error instanceof ShellSyntaxError) || !error.atEnd) return undefined;
    return error.problem.kind === 'heredoc' ? { heredoc: error.problem.delimiter } : {};
  }
}

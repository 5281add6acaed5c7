// Whether a terminal should ask for more input (`> `) instead of running the line.

import { parse } from './parser';
import { ShellSyntaxError } from './syntax-error';

export function isIncomplete(source: string): boolean {
  if (/(^|[^\\])(\\\\)*\\$/.test(source)) return true;
  try {
    parse(source);
    return false;
  } catch (error) {
    return error instanceof ShellSyntaxError && error.atEnd;
  }
}

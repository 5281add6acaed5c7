// Syntax errors, printed in the wording of the shell that found them.

export type SyntaxProblem =
  /** An unexpected token (`fi`, `)`, `newline` ...); keywords are quoted by busybox. */
  | { kind: 'token'; token: string; keyword?: boolean }
  /** The script ended inside something (if, quote, pipeline ...). */
  | { kind: 'eof'; expecting?: string }
  | { kind: 'quote'; quote: string }
  | { kind: 'heredoc'; delimiter: string }
  | { kind: 'substitution'; text: string };

export class ShellSyntaxError extends Error {
  /** The line of the script the parser stopped on, from 1. */
  line?: number;

  constructor(readonly problem: SyntaxProblem) {
    super(describe(problem, 'busybox', 'sh'));
    this.name = 'ShellSyntaxError';
  }

  /** True when more input could complete the script (the terminal shows `> `). */
  get atEnd(): boolean {
    return this.problem.kind === 'eof' || this.problem.kind === 'quote' || this.problem.kind === 'heredoc';
  }

  /**
   * The line the shell prints, e.g. `sh: syntax error: unexpected "fi"`; dash's (`dash`) names
   * the line: `sh: 1: Syntax error: "fi" unexpected`.
   */
  format(dialect: 'busybox' | 'bash', shellName: string, dash = false): string {
    const words = dash ? describeDash(this.problem) : undefined;
    return words === undefined ? describe(this.problem, dialect, shellName) : `${shellName}: ${this.line ?? 1}: ${words}`;
  }
}

/** dash's words (Debian's /bin/sh): ash's token names, as `Syntax error: X unexpected`. */
function describeDash(problem: SyntaxProblem): string | undefined {
  switch (problem.kind) {
    case 'token':
      return `Syntax error: ${tokenName(problem.token, problem.keyword)} unexpected`;
    case 'eof':
      return 'Syntax error: end of file unexpected' + (problem.expecting ? ` (expecting "${problem.expecting}")` : '');
    case 'quote':
      return 'Syntax error: Unterminated quoted string';
    case 'substitution':
      return 'Bad substitution';
    case 'heredoc':
      return undefined;
  }
}

const ashOperators = new Set([';', '&', '&&', '||', '|', '(', ')', ';;', '`']);

/** How ash and dash name a token: keywords and operators quoted, else its class. */
function tokenName(token: string, keyword: boolean | undefined): string {
  if (token === 'newline') return 'newline';
  if (keyword || ashOperators.has(token)) return `"${token}"`;
  return /^[<>&]/.test(token) ? 'redirection' : 'word';
}

function describe(problem: SyntaxProblem, dialect: 'busybox' | 'bash', shellName: string): string {
  if (dialect === 'bash') {
    switch (problem.kind) {
      case 'token':
        return `${shellName}: syntax error near unexpected token \`${problem.token}'`;
      case 'eof':
        return `${shellName}: syntax error: unexpected end of file`;
      case 'quote':
        return `${shellName}: unexpected EOF while looking for matching \`${problem.quote}'`;
      case 'heredoc':
        return `${shellName}: warning: here-document delimited by end-of-file (wanted \`${problem.delimiter}')`;
      case 'substitution':
        return `${shellName}: ${problem.text}: bad substitution`;
    }
  }
  switch (problem.kind) {
    case 'token':
      return `${shellName}: syntax error: unexpected ${tokenName(problem.token, problem.keyword)}`;
    case 'eof':
      return `${shellName}: syntax error: unexpected end of file` + (problem.expecting ? ` (expecting "${problem.expecting}")` : '');
    case 'quote':
      return `${shellName}: syntax error: unterminated quoted string`;
    case 'heredoc':
      return `${shellName}: syntax error: unexpected end of file (expecting "${problem.delimiter}")`;
    case 'substitution':
      return `${shellName}: syntax error: bad substitution`;
  }
}

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
  constructor(readonly problem: SyntaxProblem) {
    super(describe(problem, 'busybox', 'sh'));
    this.name = 'ShellSyntaxError';
  }

  /** True when more input could complete the script (the terminal shows `> `). */
  get atEnd(): boolean {
    return this.problem.kind === 'eof' || this.problem.kind === 'quote' || this.problem.kind === 'heredoc';
  }

  /** The line the shell prints, e.g. `sh: syntax error: unexpected "fi"`. */
  format(dialect: 'busybox' | 'bash', shellName: string): string {
    return describe(this.problem, dialect, shellName);
  }
}

const busyboxOperators = new Set([';', '&', '&&', '||', '|', '(', ')', ';;', '`']);

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
    case 'token': {
      const quoted = problem.keyword || busyboxOperators.has(problem.token);
      const name = problem.token === 'newline' ? 'newline' : quoted ? `"${problem.token}"` : problem.token.match(/^[<>&]/) ? 'redirection' : 'word';
      return `${shellName}: syntax error: unexpected ${name}`;
    }
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

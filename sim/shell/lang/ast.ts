// The syntax tree of a shell script. Parsed once, run many times: nothing here changes at run time.

export type WordPart =
  /** Unquoted text: subject to globbing (and tilde at the start of a word). */
  | { kind: 'literal'; text: string }
  /** Single-quoted or backslash-escaped text: taken as is. */
  | { kind: 'quoted'; text: string }
  /** "...": expansions inside, no field splitting or globbing. */
  | { kind: 'double'; parts: WordPart[] }
  /** `index`: bash's `${name[...]}`, `@` and `*` for all elements. */
  | { kind: 'param'; name: string; op?: ParamOp; arg?: Word; index?: Word | '@' | '*' }
  | { kind: 'command'; script: Script }
  | { kind: 'arith'; expression: Word };

/** `${#x}` is 'length'; the others are the POSIX operators. */
export type ParamOp = 'length' | ':-' | '-' | ':=' | '=' | ':+' | '+' | ':?' | '?' | '#' | '##' | '%' | '%%';

export interface Word {
  parts: WordPart[];
  /** The source text, for alias expansion and messages. */
  raw: string;
  /** Set when the word is plain text needing no expansion at all (fast path). */
  literal?: string;
}

export interface Assignment {
  name: string;
  value: Word;
  /** bash: `name[index]=value`. */
  index?: Word;
  /** bash: `name+=value` appends (to the string, or to the array with `+=(...)`). */
  append?: boolean;
  /** bash: `name=(a b c)`. */
  elements?: Word[];
}

export type RedirectOp = '<' | '>' | '>>' | '>|' | '<>' | '>&' | '<&' | '&>' | '&>>' | '<<' | '<<-';

export interface Redirect {
  fd: number;
  op: RedirectOp;
  target: Word;
  /** For here-documents: the body, filled in when the parser reaches the end of the line. */
  heredoc?: { body: Word; quoted: boolean };
}

export interface SimpleCommand {
  kind: 'simple';
  assignments: Assignment[];
  words: Word[];
  redirects: Redirect[];
  /** All words literal, no assignments or redirections: argv known at parse time. */
  literalArgv?: string[];
  /** The line of the script it starts on, from 1 (dash names it in its messages). */
  line: number;
}

export interface Pipeline {
  kind: 'pipeline';
  negate: boolean;
  commands: Command[];
}

export interface AndOr {
  kind: 'andor';
  first: Command;
  rest: { op: '&&' | '||'; command: Command }[];
}

export interface ListItem {
  command: Command;
  background: boolean;
  /** A background command's source text, as `jobs` shows it. */
  text?: string;
}

export interface List {
  kind: 'list';
  items: ListItem[];
}

export interface IfCommand {
  kind: 'if';
  clauses: { condition: List; body: List }[];
  elseBody?: List;
  redirects: Redirect[];
}

export interface LoopCommand {
  kind: 'loop';
  until: boolean;
  condition: List;
  body: List;
  redirects: Redirect[];
}

export interface ForCommand {
  kind: 'for';
  name: string;
  /** Undefined means "$@". */
  words?: Word[];
  body: List;
  redirects: Redirect[];
}

export interface CaseCommand {
  kind: 'case';
  subject: Word;
  items: { patterns: Word[]; body: List }[];
  redirects: Redirect[];
}

export interface GroupCommand {
  kind: 'group';
  subshell: boolean;
  body: List;
  redirects: Redirect[];
}

export interface FunctionDefinition {
  kind: 'function';
  name: string;
  body: Command;
}

export type Command = SimpleCommand | Pipeline | AndOr | List | IfCommand | LoopCommand | ForCommand | CaseCommand | GroupCommand | FunctionDefinition;

export type Script = List;

// Checks the `terminal` code blocks of lesson Markdown: the blocks the app offers to run in the
// learner's terminal (docs/lesson-format.md). Each block must be shell the terminal accepts, line by
// line as a learner would type it, and a file it reads (`kubectl apply|create|replace|delete -f FILE`,
// `cat FILE`) must be in the learner's workspace at that point. Only literal relative paths are
// checked: `-f -`, URLs, absolute paths and words with `$`, globs or substitutions are left alone.

import MarkdownIt from 'markdown-it';
import type { Command, Script, Word } from '../sim/shell/lang/ast';
import { incompleteReason } from '../sim/shell/lang/incomplete';
import { parse } from '../sim/shell/lang/parser';

/** The fence info string of a block of commands for the learner. */
export const terminalFence = 'terminal';

const markdown = new MarkdownIt({ html: false });

export interface TerminalBlock {
  /** 1-based, counting only terminal blocks. */
  index: number;
  /** 1-based line of the opening fence in the Markdown source. */
  line: number;
  code: string;
}

export function terminalBlocks(text: string): TerminalBlock[] {
  const blocks: TerminalBlock[] = [];
  for (const token of markdown.parse(text, {})) {
    if (token.type !== 'fence' || (token.info.trim().split(/\s+/)[0] ?? '') !== terminalFence) continue;
    blocks.push({ index: blocks.length + 1, line: (token.map?.[0] ?? 0) + 1, code: token.content });
  }
  return blocks;
}

/** Where the files a block may read come from, for the message when one is missing. */
export interface WorkspaceFiles {
  files: ReadonlySet<string>;
  /** e.g. `the exercise's start files or the files its solution writes`. */
  describe: string;
}

/** Problems with every terminal block of `text`, each naming the block (its number and line). */
export function terminalBlockProblems(text: string, workspace: WorkspaceFiles): string[] {
  const problems: string[] = [];
  for (const block of terminalBlocks(text)) {
    const name = `terminal block ${block.index} (line ${block.line})`;
    for (const problem of blockProblems(block.code, workspace)) problems.push(`${name}: ${problem}`);
  }
  return problems;
}

function blockProblems(code: string, workspace: WorkspaceFiles): string[] {
  const problems: string[] = [];
  const lines = code.replace(/\n$/, '').split('\n');
  if (lines.every((line) => line.trim() === '')) return ['the block is empty'];
  // Lines are joined the way the terminal joins them: while the source is incomplete (an open
  // quote, a trailing `\`, a here-document), the next line continues the same command.
  let source = '';
  let firstLine = 0;
  lines.forEach((line, index) => {
    if (source === '') firstLine = index + 1;
    source = source === '' ? line : `${source}\n${line}`;
    if (incompleteReason(source) !== undefined) return;
    const at = firstLine === index + 1 ? `line ${firstLine}` : `lines ${firstLine}-${index + 1}`;
    let script: Script;
    try {
      script = parse(source);
    } catch (error) {
      problems.push(`${at} does not parse as a shell command: ${error instanceof Error ? error.message : String(error)}`);
      source = '';
      return;
    }
    for (const file of filesRead(script)) {
      if (!workspace.files.has(file)) problems.push(`${at} reads ${file}, which is not among ${workspace.describe}`);
    }
    source = '';
  });
  if (source !== '') problems.push(`the block ends in the middle of a command (from line ${firstLine})`);
  return problems;
}

const kubectlFileCommands = new Set(['apply', 'create', 'replace', 'delete']);

/** Workspace-relative files the commands of `script` read with `kubectl … -f FILE` or `cat FILE`. */
export function filesRead(script: Script): string[] {
  const files: string[] = [];
  for (const command of simpleCommands(script)) {
    const argv = command.words.map(literalOf);
    const [program, ...args] = argv;
    if (program === 'cat') {
      for (const arg of args) if (arg !== undefined && !arg.startsWith('-')) files.push(arg);
    } else if (program === 'kubectl' && args.some((arg) => arg !== undefined && kubectlFileCommands.has(arg))) {
      args.forEach((arg, index) => {
        if (arg === '-f' || arg === '--filename') files.push(args[index + 1] ?? '');
        else if (arg?.startsWith('--filename=')) files.push(arg.slice('--filename='.length));
        else if (arg?.startsWith('-f=')) files.push(arg.slice(3));
      });
    }
  }
  return files.filter(checkable).map((file) => file.replace(/^(\.\/)+/, ''));
}

function checkable(file: string | undefined): file is string {
  return file !== undefined && file !== '' && file !== '-' && !file.startsWith('/') && !file.startsWith('~') && !/^[a-z]+:\/\//i.test(file) && !/[*?[]/.test(file);
}

/** The word's text when it has no expansion in it, else undefined. */
function literalOf(word: Word): string | undefined {
  if (word.literal !== undefined) return word.literal;
  let text = '';
  for (const part of word.parts) {
    if (part.kind === 'literal' || part.kind === 'quoted') text += part.text;
    else if (part.kind === 'double' && part.parts.every((inner) => inner.kind === 'literal' || inner.kind === 'quoted')) {
      text += part.parts.map((inner) => (inner as { text: string }).text).join('');
    } else return undefined;
  }
  return text;
}

function* simpleCommands(command: Command): Generator<Extract<Command, { kind: 'simple' }>> {
  switch (command.kind) {
    case 'simple':
      yield command;
      return;
    case 'pipeline':
      for (const inner of command.commands) yield* simpleCommands(inner);
      return;
    case 'andor':
      yield* simpleCommands(command.first);
      for (const { command: inner } of command.rest) yield* simpleCommands(inner);
      return;
    case 'list':
      for (const item of command.items) yield* simpleCommands(item.command);
      return;
    case 'if':
      for (const clause of command.clauses) {
        yield* simpleCommands(clause.condition);
        yield* simpleCommands(clause.body);
      }
      if (command.elseBody) yield* simpleCommands(command.elseBody);
      return;
    case 'loop':
      yield* simpleCommands(command.condition);
      yield* simpleCommands(command.body);
      return;
    case 'for':
    case 'group':
      yield* simpleCommands(command.body);
      return;
    case 'case':
      for (const item of command.items) yield* simpleCommands(item.body);
      return;
    case 'function':
      yield* simpleCommands(command.body);
      return;
  }
}

// The learner's line editor: keys in, ANSI out. No DOM: it only knows the terminal's width and
// the text it has written, so it runs the same under xterm.js in the page and @xterm/headless in tests.
//
// It redraws the whole input (prompt + buffer) after each change. That keeps wrapping and wide
// characters simple: it always knows where the input starts relative to the cursor.

import { charWidth, textWidth } from './char-width';

export interface CompletionResult {
  /** Index (UTF-16) in the line where the word being completed starts. */
  from: number;
  candidates: string[];
}

export interface LineEditorHost {
  write(data: string): void;
  prompt(): string;
  complete(line: string, cursor: number): CompletionResult;
  /** True when the text so far is not a whole command yet (an open heredoc or quote). */
  needsMoreInput(text: string): boolean;
  /** Runs a command line. The host calls `commandFinished()` when it is done. */
  run(text: string): void;
  /** Ctrl-C while a command runs. */
  interrupt(): void;
  /** Ctrl-D on an empty line. */
  endOfInput?(): void;
  /** True while the running command reads what is typed (`kubectl attach -i`): lines go to `input`. */
  readsInput?(): boolean;
  /** A line typed to the running command, with its newline. */
  input?(text: string): void;
  /** Ctrl-D on an empty line typed to the running command. */
  endInput?(): void;
}

export type EditorMode = 'editing' | 'searching' | 'running';

const continuationPrompt = '> ';
const pasteStart = '\x1b[200~';
const pasteEnd = '\x1b[201~';

type Key =
  | { kind: 'text'; text: string }
  | { kind: 'paste'; text: string }
  | { kind: 'control'; name: string };

/** Splits raw terminal input into keys. */
export function parseKeys(data: string): Key[] {
  const keys: Key[] = [];
  let index = 0;
  const named: Record<string, string> = {
    '\x1b[A': 'up',
    '\x1b[B': 'down',
    '\x1b[C': 'right',
    '\x1b[D': 'left',
    '\x1bOA': 'up',
    '\x1bOB': 'down',
    '\x1bOC': 'right',
    '\x1bOD': 'left',
    '\x1b[H': 'home',
    '\x1b[F': 'end',
    '\x1bOH': 'home',
    '\x1bOF': 'end',
    '\x1b[1~': 'home',
    '\x1b[7~': 'home',
    '\x1b[4~': 'end',
    '\x1b[8~': 'end',
    '\x1b[3~': 'delete',
    '\x1b[1;5C': 'word-right',
    '\x1b[1;5D': 'word-left',
    '\x1bf': 'word-right',
    '\x1bb': 'word-left',
    '\x1b\x7f': 'delete-word-back',
  };
  while (index < data.length) {
    const char = data[index]!;
    if (data.startsWith(pasteStart, index)) {
      const end = data.indexOf(pasteEnd, index + pasteStart.length);
      const stop = end < 0 ? data.length : end;
      keys.push({ kind: 'paste', text: data.slice(index + pasteStart.length, stop) });
      index = end < 0 ? data.length : end + pasteEnd.length;
      continue;
    }
    if (char === '\x1b') {
      const sequence = Object.keys(named)
        .filter((candidate) => data.startsWith(candidate, index))
        .sort((a, b) => b.length - a.length)[0];
      if (sequence) {
        keys.push({ kind: 'control', name: named[sequence]! });
        index += sequence.length;
        continue;
      }
      // An unknown CSI sequence: skip it whole rather than insert its letters.
      const csi = /^\x1b\[[0-9;?]*[ -\/]*[@-~]/.exec(data.slice(index));
      if (csi) {
        index += csi[0].length;
        continue;
      }
      keys.push({ kind: 'control', name: 'escape' });
      index += 1;
      continue;
    }
    const code = char.charCodeAt(0);
    if (char === '\r' || char === '\n') {
      keys.push({ kind: 'control', name: 'enter' });
      // \r\n from a paste is one line end.
      index += char === '\r' && data[index + 1] === '\n' ? 2 : 1;
      continue;
    }
    if (code === 0x7f || code === 0x08) {
      keys.push({ kind: 'control', name: 'backspace' });
      index += 1;
      continue;
    }
    if (char === '\t') {
      keys.push({ kind: 'control', name: 'tab' });
      index += 1;
      continue;
    }
    if (code < 0x20) {
      keys.push({ kind: 'control', name: 'ctrl-' + String.fromCharCode(code + 0x60) });
      index += 1;
      continue;
    }
    const codePoint = data.codePointAt(index)!;
    const text = String.fromCodePoint(codePoint);
    const last = keys[keys.length - 1];
    if (last && last.kind === 'text') last.text += text;
    else keys.push({ kind: 'text', text });
    index += text.length;
  }
  return keys;
}

function commonPrefix(words: string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0]!;
  for (const word of words.slice(1)) {
    let length = 0;
    while (length < prefix.length && length < word.length && prefix[length] === word[length]) length++;
    prefix = prefix.slice(0, length);
  }
  return prefix;
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && !/\s/.test(char);
}

export class LineEditor {
  /** The line being edited, one entry per code point. */
  private chars: string[] = [];
  private cursor = 0;
  private columns: number;
  /** Lines of a multi-line command already entered (heredoc body so far). */
  private pendingLines: string[] = [];
  private historyEntries: string[] = [];
  /** Position while walking history with Up/Down; equals historyEntries.length when on the draft. */
  private historyIndex = 0;
  private draft: string[] = [];
  private searchQuery = '';
  private searchIndex = -1;
  private searchFailed = false;
  private lastKeyWasTab = false;
  /** Keys typed while a command runs; replayed when it finishes. */
  private typeAhead: string[] = [];
  /** Cell offset of the cursor from the start of what was last drawn. */
  private drawnCursorCells = 0;
  private currentMode: EditorMode = 'editing';
  private started = false;
  /** False when the last output left the cursor after text on its row (`printf abc`). */
  private outputEndedLine = true;

  constructor(
    private readonly host: LineEditorHost,
    options: { columns?: number; history?: readonly string[] } = {},
  ) {
    this.columns = Math.max(options.columns ?? 80, 2);
    this.historyEntries = [...(options.history ?? [])];
    this.historyIndex = this.historyEntries.length;
  }

  get mode(): EditorMode {
    return this.currentMode;
  }

  get line(): string {
    return this.chars.join('');
  }

  get cursorIndex(): number {
    return this.cursor;
  }

  private isRunning(): boolean {
    return this.currentMode === 'running';
  }

  get history(): readonly string[] {
    return this.historyEntries;
  }

  /** Writes the first prompt. */
  start(): void {
    this.started = true;
    this.drawnCursorCells = 0;
    this.redraw();
  }

  resize(columns: number): void {
    if (columns < 2 || columns === this.columns) return;
    this.columns = columns;
  }

  /** Raw input from the terminal (keys, escape sequences, pastes). */
  feed(data: string): void {
    if (!this.started) this.start();
    if (this.currentMode === 'running') {
      this.bufferWhileRunning(data);
      return;
    }
    const keys = parseKeys(data);
    for (let index = 0; index < keys.length; index++) {
      if (this.isRunning()) {
        // Enter started a command: the rest waits for it, as a tty's type-ahead does.
        this.typeAhead.push(...keys.slice(index).map(keyToData));
        return;
      }
      this.handleKey(keys[index]!);
    }
  }

  /** Text as if pasted: each line runs in turn. */
  paste(text: string): void {
    this.feed(pasteStart + text + pasteEnd);
  }

  /** Output from the running command (or any message), with \n turned into \r\n. */
  print(text: string): void {
    this.host.write(text.replace(/\r?\n/g, '\r\n'));
    // Escape sequences move or colour, they leave no text: only what is left counts.
    const visible = text.replace(/\x1b\[[0-9;?]*[ -\/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[@-_]/g, '');
    if (visible !== '') this.outputEndedLine = /[\n\r]$/.test(visible);
  }

  /**
   * A message from the app (`undone: …`) on its own line: above the prompt and the line being
   * typed, which are drawn again below it, or after the output of a running command.
   */
  announce(text: string): void {
    if (this.currentMode === 'running' || !this.started) {
      this.print(`${this.outputEndedLine ? '' : '\n'}${text}\n`);
      return;
    }
    const rowsUp = Math.floor(this.drawnCursorCells / this.columns);
    this.host.write(`${rowsUp > 0 ? `\x1b[${rowsUp}A` : ''}\r\x1b[J${text.replace(/\r?\n/g, '\r\n')}\r\n`);
    this.drawnCursorCells = 0;
    this.redraw();
  }

  /** The host says the command started by `run` is over: show a fresh prompt and replay type-ahead. */
  commandFinished(): void {
    if (this.currentMode !== 'running') return;
    this.currentMode = 'editing';
    this.inputLine = [];
    // Output without a final newline stays on screen: the prompt starts on a fresh line, as zsh does.
    if (!this.outputEndedLine) this.host.write('\r\n');
    this.outputEndedLine = true;
    this.chars = [];
    this.cursor = 0;
    this.drawnCursorCells = 0;
    this.redraw();
    const pending = this.typeAhead.join('');
    this.typeAhead = [];
    if (pending) this.feed(pending);
  }

  /** The line being typed to a running command that reads input (cooked mode: sent on Enter). */
  private inputLine: string[] = [];

  private bufferWhileRunning(data: string): void {
    if (this.host.readsInput?.()) {
      this.typeToCommand(data);
      return;
    }
    for (const key of parseKeys(data)) {
      if (key.kind === 'control' && key.name === 'ctrl-c') {
        // The shell prints `^C` for the interrupted command, as a tty's echo would.
        this.typeAhead = [];
        this.host.interrupt();
      } else {
        this.typeAhead.push(keyToData(key));
      }
    }
  }

  /** Keys for the running command, edited as a terminal in cooked mode does: echoed, sent a line at a time. */
  private typeToCommand(data: string): void {
    for (const key of parseKeys(data)) {
      if (key.kind === 'text' || key.kind === 'paste') {
        const lines = key.text.split(/\r\n|\r|\n/);
        lines.forEach((text, index) => {
          if (index > 0) this.sendInputLine();
          this.inputLine.push(...text);
          this.print(text);
        });
        continue;
      }
      switch (key.name) {
        case 'enter':
          this.sendInputLine();
          break;
        case 'backspace':
          if (this.inputLine.length > 0) {
            const removed = this.inputLine.pop()!;
            const cells = Math.max(charWidth(removed), 1);
            this.host.write('\b \b'.repeat(cells));
          }
          break;
        case 'ctrl-c':
          this.inputLine = [];
          this.host.interrupt();
          break;
        case 'ctrl-d':
          if (this.inputLine.length === 0) this.host.endInput?.();
          break;
        default:
          break;
      }
    }
  }

  private sendInputLine(): void {
    const text = this.inputLine.join('');
    this.inputLine = [];
    this.print('\n');
    this.host.input?.(`${text}\n`);
  }

  private handleKey(key: Key): void {
    const wasTab = this.lastKeyWasTab;
    this.lastKeyWasTab = false;
    if (this.currentMode === 'searching') {
      this.handleSearchKey(key);
      return;
    }
    if (key.kind === 'text') {
      this.insert(key.text);
      return;
    }
    if (key.kind === 'paste') {
      this.handlePaste(key.text);
      return;
    }
    switch (key.name) {
      case 'enter':
        this.submit();
        return;
      case 'left':
      case 'ctrl-b':
        if (this.cursor > 0) this.moveCursor(this.cursor - 1);
        return;
      case 'right':
      case 'ctrl-f':
        if (this.cursor < this.chars.length) this.moveCursor(this.cursor + 1);
        return;
      case 'home':
      case 'ctrl-a':
        this.moveCursor(0);
        return;
      case 'end':
      case 'ctrl-e':
        this.moveCursor(this.chars.length);
        return;
      case 'word-left':
        this.moveCursor(this.wordStartBefore(this.cursor));
        return;
      case 'word-right':
        this.moveCursor(this.wordEndAfter(this.cursor));
        return;
      case 'backspace':
        if (this.cursor > 0) {
          this.chars.splice(this.cursor - 1, 1);
          this.cursor--;
          this.redraw();
        }
        return;
      case 'delete':
        if (this.cursor < this.chars.length) {
          this.chars.splice(this.cursor, 1);
          this.redraw();
        }
        return;
      case 'ctrl-d':
        if (this.chars.length === 0 && this.pendingLines.length === 0) {
          this.host.endOfInput?.();
        } else if (this.cursor < this.chars.length) {
          this.chars.splice(this.cursor, 1);
          this.redraw();
        }
        return;
      case 'ctrl-u':
        this.chars.splice(0, this.cursor);
        this.cursor = 0;
        this.redraw();
        return;
      case 'ctrl-k':
        this.chars.splice(this.cursor);
        this.redraw();
        return;
      case 'ctrl-w':
      case 'delete-word-back': {
        const start = this.wordStartBefore(this.cursor);
        this.chars.splice(start, this.cursor - start);
        this.cursor = start;
        this.redraw();
        return;
      }
      case 'ctrl-l':
        this.host.write('\x1b[H\x1b[2J');
        this.drawnCursorCells = 0;
        this.redraw();
        return;
      case 'ctrl-c':
        this.moveCursor(this.chars.length);
        this.host.write('^C\r\n');
        this.chars = [];
        this.cursor = 0;
        this.pendingLines = [];
        this.historyIndex = this.historyEntries.length;
        this.drawnCursorCells = 0;
        this.redraw();
        return;
      case 'up':
      case 'ctrl-p':
        this.historyStep(-1);
        return;
      case 'down':
      case 'ctrl-n':
        this.historyStep(1);
        return;
      case 'ctrl-r':
        this.currentMode = 'searching';
        this.searchQuery = '';
        this.searchIndex = -1;
        this.searchFailed = false;
        this.redraw();
        return;
      case 'tab':
        this.completeWord(wasTab);
        this.lastKeyWasTab = true;
        return;
      default:
        return;
    }
  }

  private handlePaste(text: string): void {
    const lines = text.replace(/\r\n?/g, '\n').split('\n');
    lines.forEach((line, index) => {
      if (this.currentMode === 'running') {
        this.typeAhead.push(pasteStart + lines.slice(index).join('\n') + pasteEnd);
        lines.length = 0;
        return;
      }
      if (line) this.insert(line.replace(/\t/g, '    '));
      if (index < lines.length - 1) this.submit();
    });
  }

  private insert(text: string): void {
    const added = Array.from(text).filter((char) => char >= ' ' || char === '\t');
    this.chars.splice(this.cursor, 0, ...added);
    this.cursor += added.length;
    this.redraw();
  }

  private moveCursor(to: number): void {
    this.cursor = to;
    this.redraw();
  }

  private wordStartBefore(position: number): number {
    let index = position;
    while (index > 0 && !isWordChar(this.chars[index - 1])) index--;
    while (index > 0 && isWordChar(this.chars[index - 1])) index--;
    return index;
  }

  private wordEndAfter(position: number): number {
    let index = position;
    while (index < this.chars.length && !isWordChar(this.chars[index])) index++;
    while (index < this.chars.length && isWordChar(this.chars[index])) index++;
    return index;
  }

  private historyStep(direction: number): void {
    const target = this.historyIndex + direction;
    if (target < 0 || target > this.historyEntries.length) return;
    if (this.historyIndex === this.historyEntries.length) this.draft = [...this.chars];
    this.historyIndex = target;
    this.chars = target === this.historyEntries.length ? [...this.draft] : Array.from(this.historyEntries[target]!);
    this.cursor = this.chars.length;
    this.redraw();
  }

  private submit(): void {
    this.moveCursor(this.chars.length);
    this.host.write('\r\n');
    this.drawnCursorCells = 0;
    const text = [...this.pendingLines, this.line].join('\n');
    if (this.host.needsMoreInput(text)) {
      this.pendingLines.push(this.line);
      this.chars = [];
      this.cursor = 0;
      this.redraw();
      return;
    }
    this.pendingLines = [];
    this.chars = [];
    this.cursor = 0;
    if (text.trim() !== '' && this.historyEntries[this.historyEntries.length - 1] !== text) {
      this.historyEntries.push(text);
    }
    this.historyIndex = this.historyEntries.length;
    this.draft = [];
    if (text.trim() === '') {
      this.redraw();
      return;
    }
    this.currentMode = 'running';
    this.host.run(text);
  }

  private completeWord(secondTab: boolean): void {
    const line = this.line;
    const cursorOffset = this.chars.slice(0, this.cursor).join('').length;
    const { from, candidates } = this.host.complete(line, cursorOffset);
    if (candidates.length === 0) {
      this.host.write('\x07');
      return;
    }
    const typed = line.slice(from, cursorOffset);
    const replaceWith = (text: string) => {
      const before = line.slice(0, from) + text;
      const after = line.slice(cursorOffset);
      this.chars = Array.from(before + after);
      this.cursor = Array.from(before).length;
      this.redraw();
    };
    if (candidates.length === 1) {
      const only = candidates[0]!;
      replaceWith(only.endsWith('/') || only.endsWith('=') ? only : only + ' ');
      return;
    }
    const prefix = commonPrefix(candidates);
    if (prefix.length > typed.length) {
      replaceWith(prefix);
      return;
    }
    if (secondTab) {
      this.listCandidates(candidates);
    } else {
      this.host.write('\x07');
    }
  }

  private listCandidates(candidates: string[]): void {
    this.moveCursor(this.chars.length);
    const width = Math.max(...candidates.map(textWidth)) + 2;
    const perRow = Math.max(1, Math.floor(this.columns / width));
    const rows = Math.ceil(candidates.length / perRow);
    let out = '\r\n';
    for (let row = 0; row < rows; row++) {
      let text = '';
      for (let column = 0; column < perRow; column++) {
        // Column-major, as bash lists completions.
        const candidate = candidates[column * rows + row];
        if (candidate === undefined) continue;
        const isLast = column === perRow - 1 || candidates[(column + 1) * rows + row] === undefined;
        text += isLast ? candidate : candidate + ' '.repeat(width - textWidth(candidate));
      }
      out += text + '\r\n';
    }
    this.host.write(out);
    this.drawnCursorCells = 0;
    this.redraw();
  }

  private handleSearchKey(key: Key): void {
    if (key.kind === 'text' || key.kind === 'paste') {
      this.searchQuery += key.text;
      this.search(this.searchIndex < 0 ? this.historyEntries.length - 1 : this.searchIndex);
      return;
    }
    switch (key.name) {
      case 'ctrl-r':
        this.search(this.searchIndex < 0 ? this.historyEntries.length - 1 : this.searchIndex - 1);
        return;
      case 'backspace':
        this.searchQuery = Array.from(this.searchQuery).slice(0, -1).join('');
        this.search(this.historyEntries.length - 1);
        return;
      case 'ctrl-c':
      case 'ctrl-g':
        this.currentMode = 'editing';
        this.chars = [...this.draft];
        this.cursor = this.chars.length;
        this.redraw();
        return;
      case 'enter':
        this.currentMode = 'editing';
        this.submit();
        return;
      default:
        // Any other key accepts the match for editing, then acts as usual (bash does the same).
        this.currentMode = 'editing';
        this.redraw();
        if (key.name !== 'escape') this.handleKey(key);
    }
  }

  private search(startAt: number): void {
    if (this.searchIndex < 0) this.draft = [...this.chars];
    for (let index = Math.min(startAt, this.historyEntries.length - 1); index >= 0; index--) {
      const entry = this.historyEntries[index]!;
      const position = entry.indexOf(this.searchQuery);
      if (position >= 0) {
        this.searchIndex = index;
        this.searchFailed = false;
        this.chars = Array.from(entry);
        this.cursor = Array.from(entry.slice(0, position)).length;
        this.redraw();
        return;
      }
    }
    this.searchFailed = true;
    this.host.write('\x07');
    this.redraw();
  }

  private promptText(): string {
    if (this.currentMode === 'searching') {
      return `(${this.searchFailed ? 'failed ' : ''}reverse-i-search)\`${this.searchQuery}': `;
    }
    return this.pendingLines.length > 0 ? continuationPrompt : this.host.prompt();
  }

  /** Cell positions (row, column) of each character, with a wide character moved to the next row when it does not fit. */
  private layout(startCells: number): { positions: { row: number; column: number }[]; end: { row: number; column: number } } {
    let row = Math.floor(startCells / this.columns);
    let column = startCells % this.columns;
    const positions: { row: number; column: number }[] = [];
    for (const char of this.chars) {
      const width = charWidth(char);
      if (column + width > this.columns) {
        row++;
        column = 0;
      }
      positions.push({ row, column });
      column += width;
      if (column >= this.columns) {
        row++;
        column = 0;
      }
    }
    return { positions, end: { row, column } };
  }

  private redraw(): void {
    const prompt = this.promptText();
    const promptCells = textWidth(prompt);
    let out = '';
    const rowsUp = Math.floor(this.drawnCursorCells / this.columns);
    if (rowsUp > 0) out += `\x1b[${rowsUp}A`;
    out += '\r\x1b[J' + prompt + this.line;
    const { positions, end } = this.layout(promptCells);
    // At an exact row end the terminal waits to wrap; step onto the next row so positions agree.
    const totalCells = end.row * this.columns + end.column;
    if (end.column === 0 && totalCells > 0 && (this.chars.length > 0 || promptCells > 0)) out += '\r\n';
    const target = this.cursor < positions.length ? positions[this.cursor]! : end;
    const up = end.row - target.row;
    if (up > 0) out += `\x1b[${up}A`;
    out += '\r';
    if (target.column > 0) out += `\x1b[${target.column}C`;
    this.drawnCursorCells = target.row * this.columns + target.column;
    this.host.write(out);
  }
}

function keyToData(key: Key): string {
  if (key.kind === 'text') return key.text;
  if (key.kind === 'paste') return pasteStart + key.text + pasteEnd;
  const names: Record<string, string> = {
    enter: '\r',
    backspace: '\x7f',
    tab: '\t',
    escape: '\x1b',
    up: '\x1b[A',
    down: '\x1b[B',
    right: '\x1b[C',
    left: '\x1b[D',
    home: '\x1b[H',
    end: '\x1b[F',
    delete: '\x1b[3~',
    'word-right': '\x1b[1;5C',
    'word-left': '\x1b[1;5D',
    'delete-word-back': '\x1b\x7f',
  };
  if (names[key.name]) return names[key.name]!;
  if (key.name.startsWith('ctrl-')) return String.fromCharCode(key.name.charCodeAt(5) - 0x60);
  return '';
}

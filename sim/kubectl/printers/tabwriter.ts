// Go's text/tabwriter, as kubectl uses it (left-aligned, space padding, no flags).
// Cells are separated by tabs; only tab-terminated cells belong to a column, so the last cell of a
// line is never padded. A column block is a run of consecutive lines that all have a cell in that
// column; a line without one ends the block, which is why `describe` re-aligns after `Containers:`.

export interface TabwriterSettings {
  minWidth: number;
  padding: number;
}

/** `kubectl get` tables: minimum width 6, padding 3. */
export const tableSettings: TabwriterSettings = { minWidth: 6, padding: 3 };
/** `kubectl describe`: minimum width 0, padding 2. */
export const describeSettings: TabwriterSettings = { minWidth: 0, padding: 2 };

function textWidth(text: string): number {
  return [...text].length;
}

/** Aligns `text` (lines of tab-separated cells) the way a flushed tabwriter would. */
export function tabwrite(text: string, settings: TabwriterSettings): string {
  const endsWithNewline = text.endsWith('\n');
  const body = endsWithNewline ? text.slice(0, -1) : text;
  if (body === '' && endsWithNewline) return '\n';
  const lines = body.split('\n').map((line) => line.split('\t'));
  const widths: number[][] = lines.map(() => []);

  const layoutColumn = (first: number, last: number, column: number): void => {
    let line = first;
    while (line < last) {
      if (column >= lines[line].length - 1) {
        line++;
        continue;
      }
      let width = settings.minWidth;
      let end = line;
      while (end < last && column < lines[end].length - 1) {
        width = Math.max(width, textWidth(lines[end][column]) + settings.padding);
        end++;
      }
      for (let i = line; i < end; i++) widths[i][column] = width;
      layoutColumn(line, end, column + 1);
      line = end;
    }
  };
  layoutColumn(0, lines.length, 0);

  const out = lines.map((cells, i) =>
    cells.map((cell, column) => (column < cells.length - 1 ? cell + ' '.repeat(Math.max(0, widths[i][column] - textWidth(cell))) : cell)).join(''),
  );
  return out.join('\n') + (endsWithNewline ? '\n' : '');
}

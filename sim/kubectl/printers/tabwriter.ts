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

/** Code points in `text` (a surrogate pair is one), counted without building an array per cell. */
function textWidth(text: string): number {
  let width = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        width--;
        i++;
      }
    }
  }
  return width;
}

/** Aligns `text` (lines of tab-separated cells) the way a flushed tabwriter would. */
export function tabwrite(text: string, settings: TabwriterSettings): string {
  const endsWithNewline = text.endsWith('\n');
  const body = endsWithNewline ? text.slice(0, -1) : text;
  if (body === '' && endsWithNewline) return '\n';
  const aligned = alignCells(body.split('\n').map((line) => line.split('\t')), settings);
  return aligned + (endsWithNewline ? '\n' : '');
}

/**
 * The same for lines already split into cells (what `cells.join('\t')` per line would give), so a
 * 1,000-row table is not joined into one text only to be split again. Lines are joined with `\n`,
 * with none after the last.
 */
export function alignCells(lines: string[][], settings: TabwriterSettings): string {
  if (lines.every((cells) => cells.length === lines[0].length)) return alignUniform(lines, settings);
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

  const parts: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) parts.push('\n');
    const cells = lines[i];
    const lineWidths = widths[i];
    for (let column = 0; column < cells.length - 1; column++) parts.push(cells[column], spaces(lineWidths[column] - textWidth(cells[column])));
    if (cells.length > 0) parts.push(cells[cells.length - 1]);
  }
  return parts.join('');
}

/** Every line has the same number of cells (a `get` table): each column is one block, one width. */
function alignUniform(lines: string[][], settings: TabwriterSettings): string {
  const columns = lines.length > 0 ? Math.max(lines[0].length - 1, 0) : 0;
  const widths: number[] = [];
  for (let column = 0; column < columns; column++) {
    let width = settings.minWidth;
    for (const cells of lines) width = Math.max(width, textWidth(cells[column]) + settings.padding);
    widths.push(width);
  }
  // One join at the end: a thousand rows of `+=` would leave a deep tree of string pieces.
  const parts: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) parts.push('\n');
    const cells = lines[i];
    for (let column = 0; column < columns; column++) parts.push(cells[column], spaces(widths[column] - textWidth(cells[column])));
    parts.push(cells[columns] ?? '');
  }
  return parts.join('');
}

/** Padding strings are reused: a 1,000-row table pads thousands of cells to a handful of widths. */
const paddings: string[] = [];
function spaces(count: number): string {
  if (count <= 0) return '';
  return (paddings[count] ??= ' '.repeat(count));
}

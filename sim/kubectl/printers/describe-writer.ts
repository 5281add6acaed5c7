// The writer `kubectl describe` prints through: lines at indent levels of two spaces, cells split
// by tabs and aligned by a tabwriter with padding 2 when the text is finished.

import { tabwrite, describeSettings } from './tabwriter';

export class DescribeWriter {
  private text = '';
  private flushed = '';

  /** Writes `format` at `level` (0-3, two spaces each); `\t` separates aligned cells. */
  write(level: number, format: string): void {
    this.text += '  '.repeat(level) + format;
  }

  /** One line: cells joined by tabs, then a line break. */
  line(level: number, ...cells: (string | number)[]): void {
    this.write(level, cells.join('\t') + '\n');
  }

  /** Ends the current alignment (kubectl flushes before the events table). */
  flush(): void {
    this.flushed += tabwrite(this.text, describeSettings);
    this.text = '';
  }

  /** The text with its cells still split by tabs: what kubectl prints where it writes describe's lines without a tabwriter. */
  untabbed(): string {
    return this.flushed + this.text;
  }

  toString(): string {
    this.flush();
    return this.flushed;
  }
}

// A container's log as the kubelet's rotation keeps it: the newest lines up to a limit. A ring, so
// that a container printing a line a second for days adds each line in constant time.

import type { LogLine } from '../api/server';

export class LogBuffer {
  /** Grows to `capacity`, then the oldest line is overwritten in place. */
  private readonly lines: LogLine[] = [];
  /** Index of the oldest line once the ring is full. */
  private oldest = 0;
  private textBytes = 0;

  constructor(readonly capacity: number) {}

  get length(): number {
    return this.lines.length;
  }

  /** Bytes the kept lines take with their newlines, as a log file would hold them. */
  get bytes(): number {
    return this.textBytes;
  }

  push(line: LogLine): void {
    this.textBytes += line.text.length + 1;
    if (this.lines.length < this.capacity) {
      this.lines.push(line);
      return;
    }
    this.textBytes -= this.lines[this.oldest].text.length + 1;
    this.lines[this.oldest] = line;
    this.oldest = (this.oldest + 1) % this.capacity;
  }

  /** The newest `count` lines (all of them by default), oldest first. */
  toArray(count = this.lines.length): LogLine[] {
    const size = this.lines.length;
    const take = Math.max(0, Math.min(count, size));
    const result: LogLine[] = new Array(take);
    for (let i = 0; i < take; i++) result[i] = this.lines[(this.oldest + size - take + i) % size];
    return result;
  }
}

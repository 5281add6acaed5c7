// A container's log as the kubelet's rotation keeps it: the newest lines up to a limit. Lines are
// kept in chunks of a few hundred, oldest chunk dropped first, so that a container printing a line
// a second for days adds each line in constant time. A server's access log repeats one line that
// differs only by its time (a probe every few seconds): such a line is stored once per chunk and
// each repeat costs five bytes, its text formatted only when the log is read.

import type { LogLine } from '../api/server';
import type { TimedLine } from '../process';

type Entry = LogLine | TimedLine;

const chunkLines = 256;
/** Times are kept as ms after the chunk's first line, in 32 bits. */
const maxOffset = 2 ** 32 - 1;

class Chunk {
  /** Each line's time, as ms after `base`. */
  readonly offsets = new Uint32Array(chunkLines);
  /** Each line's entry in `entries`: a chunk holds at most 256 lines, so a byte is enough. */
  readonly which = new Uint8Array(chunkLines);
  readonly entries: Entry[] = [];
  /** Lines written into the chunk. */
  size = 0;
  /** Lines dropped from its front. */
  dropped = 0;
  /** Index in `entries` of the last timed line, reused while the same one repeats. */
  lastTimed = -1;

  constructor(readonly base: number) {}

  accepts(time: number): boolean {
    return this.size < chunkLines && time >= this.base && time - this.base <= maxOffset;
  }

  add(time: number, entry: Entry): void {
    let index: number;
    if ('time' in entry) {
      index = this.entries.push(entry) - 1;
    } else if (this.lastTimed >= 0 && this.entries[this.lastTimed] === entry) {
      index = this.lastTimed;
    } else {
      index = this.lastTimed = this.entries.push(entry) - 1;
    }
    this.offsets[this.size] = time - this.base;
    this.which[this.size] = index;
    this.size++;
  }

  entryAt(i: number): Entry {
    return this.entries[this.which[i]];
  }

  lineAt(i: number): LogLine {
    const entry = this.entryAt(i);
    if ('time' in entry) return entry;
    const time = this.base + this.offsets[i];
    return { time, stream: entry.stream, text: entry.text(time) };
  }
}

const lengthOf = (entry: Entry) => ('time' in entry ? entry.text.length : entry.length);

export class LogBuffer {
  /** Oldest first; only the first has dropped lines, only the last may have room. */
  private readonly chunks: Chunk[] = [];
  private count = 0;
  private textBytes = 0;

  constructor(readonly capacity: number) {}

  get length(): number {
    return this.count;
  }

  /** Bytes the kept lines take with their newlines, as a log file would hold them. */
  get bytes(): number {
    return this.textBytes;
  }

  push(line: LogLine): void {
    this.add(line.time, line);
  }

  /** A line formatted from its time only when read. */
  pushTimed(time: number, line: TimedLine): void {
    this.add(time, line);
  }

  private add(time: number, entry: Entry): void {
    let last = this.chunks[this.chunks.length - 1];
    if (!last?.accepts(time)) this.chunks.push((last = new Chunk(time)));
    last.add(time, entry);
    this.count++;
    this.textBytes += lengthOf(entry) + 1;
    if (this.count > this.capacity) this.dropOldest();
  }

  private dropOldest(): void {
    const oldest = this.chunks[0];
    this.textBytes -= lengthOf(oldest.entryAt(oldest.dropped)) + 1;
    oldest.dropped++;
    this.count--;
    if (oldest.dropped === oldest.size) this.chunks.shift();
  }

  /** The newest `count` lines (all of them by default), oldest first. */
  toArray(count = this.count): LogLine[] {
    let skip = this.count - Math.max(0, Math.min(count, this.count));
    const result: LogLine[] = [];
    for (const chunk of this.chunks) {
      const kept = chunk.size - chunk.dropped;
      if (skip >= kept) {
        skip -= kept;
        continue;
      }
      for (let i = chunk.dropped + skip; i < chunk.size; i++) result.push(chunk.lineAt(i));
      skip = 0;
    }
    return result;
  }
}

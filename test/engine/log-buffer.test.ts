import { describe, expect, it } from 'vitest';
import { LogBuffer } from '../../sim/runtime/log-buffer';

const line = (n: number) => ({ time: n, stream: 'stdout' as const, text: `line ${n}` });

describe('a container log buffer', () => {
  it('keeps the newest lines, oldest first, and counts their bytes', () => {
    const log = new LogBuffer(3);
    expect(log.toArray()).toEqual([]);
    log.push(line(1));
    log.push(line(2));
    expect(log.toArray().map((l) => l.time)).toEqual([1, 2]);
    for (let n = 3; n <= 10; n++) log.push(line(n));
    expect(log.length).toBe(3);
    expect(log.toArray().map((l) => l.time)).toEqual([8, 9, 10]);
    expect(log.toArray(2).map((l) => l.time)).toEqual([9, 10]);
    expect(log.toArray(80).map((l) => l.time)).toEqual([8, 9, 10]);
    expect(log.bytes).toBe(3 * ('line 8'.length + 1) + 1);
  });
});

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

describe('timed lines in a container log', () => {
  const probeLine = { stream: 'stdout' as const, length: 'GET at '.length + 4, text: (time: number) => `GET at ${String(time).padStart(4, '0')}` };

  it('reads back each repeat of a timed line formatted at its own time, between plain lines', () => {
    const log = new LogBuffer(1000);
    log.push(line(1));
    for (let t = 2; t <= 600; t++) log.pushTimed(t, probeLine);
    log.push(line(601));
    const lines = log.toArray();
    expect(lines).toHaveLength(601);
    expect(lines[0]).toEqual(line(1));
    expect(lines[1]).toEqual({ time: 2, stream: 'stdout', text: 'GET at 0002' });
    expect(lines[599]).toEqual({ time: 600, stream: 'stdout', text: 'GET at 0600' });
    expect(lines[600]).toEqual(line(601));
    expect(log.bytes).toBe('line 1\n'.length + 'line 601\n'.length + 599 * 'GET at 0000\n'.length);
  });

  it('drops the oldest lines across many chunks and keeps the byte count of what is left', () => {
    const log = new LogBuffer(300);
    for (let t = 1; t <= 1000; t++) {
      if (t % 7 === 0) log.push(line(t));
      else log.pushTimed(t, probeLine);
    }
    expect(log.length).toBe(300);
    const lines = log.toArray();
    expect(lines.map((l) => l.time)).toEqual(Array.from({ length: 300 }, (_, i) => 701 + i));
    expect(lines.find((l) => l.time === 707)?.text).toBe('line 707');
    expect(lines.find((l) => l.time === 708)?.text).toBe('GET at 0708');
    expect(log.bytes).toBe(lines.reduce((sum, l) => sum + l.text.length + 1, 0));
    expect(log.toArray(7).map((l) => l.text)).toEqual(['line 994', 'GET at 0995', 'GET at 0996', 'GET at 0997', 'GET at 0998', 'GET at 0999', 'GET at 1000']);
  });
});

import { describe, expect, it } from 'vitest';
import { ProbeHistory } from '../../sim/kubelet/probe-history';

describe('the probe history', () => {
  it('keeps the newest records, oldest first, once it is full', () => {
    const history = new ProbeHistory(3);
    for (let i = 1; i <= 5; i++) history.add(i * 1000, 'liveness', i === 4 ? 'failure' : 'success', i === 4 ? 'cat: boom' : '');
    expect(history.size).toBe(3);
    expect(history.toArray()).toEqual([
      { time: 3000, probe: 'liveness', result: 'success', message: '' },
      { time: 4000, probe: 'liveness', result: 'failure', message: 'cat: boom' },
      { time: 5000, probe: 'liveness', result: 'success', message: '' },
    ]);
  });

  it('hands out copies that later probes do not change', () => {
    const history = new ProbeHistory(2);
    history.add(1, 'readiness', 'success', '');
    history.add(2, 'readiness', 'success', '');
    const before = history.toArray();
    history.add(3, 'readiness', 'failure', 'no');
    expect(before.map((r) => r.time)).toEqual([1, 2]);
    expect(history.toArray().map((r) => r.time)).toEqual([2, 3]);
  });
});

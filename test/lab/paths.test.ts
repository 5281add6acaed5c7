import { describe, expect, it } from 'vitest';
import { lastKeyOf, lookupPath, parsePath } from '../../lab/paths';

const pod = {
  metadata: { name: 'web', labels: { app: 'web', 'app.kubernetes.io/name': 'shop' } },
  spec: { containers: [{ name: 'app', image: 'nginx:1.27' }, { name: 'sidecar', image: 'busybox' }] },
  status: {
    conditions: [
      { type: 'PodScheduled', status: 'True' },
      { type: 'Ready', status: 'False', reason: 'ContainersNotReady' },
    ],
    containerStatuses: [
      { name: 'app', restartCount: 0 },
      { name: 'sidecar', restartCount: 3 },
    ],
  },
};

describe('field paths', () => {
  it('follows keys, indexes and name= / type= selections', () => {
    expect(lookupPath(pod, 'spec.containers[0].image')).toEqual({ found: true, value: 'nginx:1.27' });
    expect(lookupPath(pod, 'metadata.labels.app')).toEqual({ found: true, value: 'web' });
    expect(lookupPath(pod, 'status.containerStatuses[name=sidecar].restartCount')).toEqual({ found: true, value: 3 });
    expect(lookupPath(pod, 'status.containerStatuses[name=app].restartCount')).toEqual({ found: true, value: 0 });
    expect(lookupPath(pod, 'status.conditions[type=Ready].reason')).toEqual({ found: true, value: 'ContainersNotReady' });
    expect(lookupPath(pod, 'metadata.labels["app.kubernetes.io/name"]')).toEqual({ found: true, value: 'shop' });
  });

  it('reports missing steps as not found', () => {
    expect(lookupPath(pod, 'spec.containers[2].image')).toEqual({ found: false });
    expect(lookupPath(pod, 'status.containerStatuses[name=db].restartCount')).toEqual({ found: false });
    expect(lookupPath(pod, 'metadata.annotations.note')).toEqual({ found: false });
    expect(lookupPath(pod, 'spec.containers.image')).toEqual({ found: false });
  });

  it('rejects malformed paths with a reason', () => {
    expect(() => parsePath('spec..containers')).toThrow('invalid path "spec..containers": misplaced . at position 4');
    expect(() => parsePath('spec.containers[0')).toThrow('invalid path "spec.containers[0": missing ] after position 15');
    expect(() => parsePath('spec.containers[x]')).toThrow('[x] is neither an index, a "key" nor field=value');
    expect(parsePath('a[1][name=b].c')).toEqual([
      { kind: 'key', key: 'a' },
      { kind: 'index', index: 1 },
      { kind: 'match', field: 'name', value: 'b' },
      { kind: 'key', key: 'c' },
    ]);
  });

  it('names the last key for messages', () => {
    expect(lastKeyOf('status.containerStatuses[name=app].restartCount')).toBe('restartCount');
    expect(lastKeyOf('spec.containers[0].image')).toBe('image');
  });
});

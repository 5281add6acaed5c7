import { describe, expect, it } from 'vitest';
import type { Pod } from '../../sim/api/types';
import { hasLocalStorageLimits, localStorageEviction } from '../../sim/kubelet/local-storage';

const Mi = 1024 * 1024;

function pod(containers: { name: string; limit?: string }[], volumes: { name: string; sizeLimit?: string; medium?: string }[] = []): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: {
      containers: containers.map((c) => ({ name: c.name, image: 'busybox:1.36', ...(c.limit ? { resources: { limits: { 'ephemeral-storage': c.limit } } } : {}) })),
      volumes: volumes.map((v) => ({ name: v.name, emptyDir: { ...(v.sizeLimit ? { sizeLimit: v.sizeLimit } : {}), ...(v.medium ? { medium: v.medium } : {}) } })),
    },
  } as Pod;
}

describe('the eviction manager\'s local storage checks', () => {
  it('measures only pods that set a limit it enforces', () => {
    expect(hasLocalStorageLimits(pod([{ name: 'a' }]))).toBe(false);
    expect(hasLocalStorageLimits(pod([{ name: 'a' }], [{ name: 'ram', sizeLimit: '1Mi', medium: 'Memory' }]))).toBe(false);
    expect(hasLocalStorageLimits(pod([{ name: 'a', limit: '50Mi' }]))).toBe(true);
    expect(hasLocalStorageLimits(pod([{ name: 'a' }], [{ name: 'cache', sizeLimit: '10Mi' }]))).toBe(true);
  });

  it('checks an emptyDir first, then the pod\'s total, then each container, with the kubelet\'s messages', () => {
    const spec = pod([{ name: 'app', limit: '50Mi' }, { name: 'log', limit: '100Mi' }], [{ name: 'cache', sizeLimit: '10Mi' }]);
    expect(localStorageEviction(spec, [{ name: 'app', usedBytes: 40 * Mi }, { name: 'log', usedBytes: 0 }], [{ name: 'cache', usedBytes: 11 * Mi }])).toBe(
      'Usage of EmptyDir volume "cache" exceeds the limit "10Mi". ',
    );
    expect(localStorageEviction(spec, [{ name: 'app', usedBytes: 100 * Mi }, { name: 'log', usedBytes: 60 * Mi }], [{ name: 'cache', usedBytes: 0 }])).toBe(
      'Pod ephemeral local storage usage exceeds the total limit of containers 150Mi. ',
    );
    expect(localStorageEviction(spec, [{ name: 'app', usedBytes: 51 * Mi }, { name: 'log', usedBytes: 0 }], [{ name: 'cache', usedBytes: 0 }])).toBe(
      'Container app exceeded its local ephemeral storage limit "50Mi". ',
    );
    expect(localStorageEviction(spec, [{ name: 'app', usedBytes: 50 * Mi }, { name: 'log', usedBytes: 0 }], [{ name: 'cache', usedBytes: 10 * Mi }])).toBeUndefined();
  });

  it('leaves a memory-backed emptyDir to the memory limit', () => {
    const spec = pod([{ name: 'app' }], [{ name: 'ram', sizeLimit: '1Mi', medium: 'Memory' }]);
    expect(localStorageEviction(spec, [{ name: 'app', usedBytes: 0 }], [{ name: 'ram', usedBytes: 5 * Mi }])).toBeUndefined();
  });
});

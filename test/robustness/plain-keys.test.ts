// Keys of Kubernetes maps are plain keys: `constructor`, `toString` or `__proto__` as a label or a
// ConfigMap key are stored and printed like any other, never JavaScript's own properties.
import { describe, expect, it } from 'vitest';
import { attack } from './budget';

describe('keys that JavaScript objects know', () => {
  it('labels named constructor and toString', () => {
    const result = attack('kubectl create cm x\nkubectl label cm x constructor=y toString=z\nkubectl get cm -l constructor=y --show-labels');
    expect(result.output).toContain('$ kubectl label cm x constructor=y toString=z\nconfigmap/x labeled\n');
    expect(result.output).toMatch(/x\s+0\s+0s\s+constructor=y,toString=z\n$/);
    expect(result.output).not.toContain('function');
  });

  it('a ConfigMap key __proto__ is kept, printed and patched like any key', () => {
    const result = attack(
      [
        'kubectl create cm y --from-literal=__proto__=x --from-literal=constructor=c',
        'kubectl get cm y -o jsonpath={.data}',
        'kubectl patch cm y --type=merge -p \'{"data":{"__proto__":"patched"}}\'',
        'kubectl get cm y -o json | grep __proto__',
      ].join('\n'),
    );
    expect(result.output).toContain('configmap/y created\n');
    expect(result.output).toContain('{"__proto__":"x","constructor":"c"}');
    expect(result.output).toContain('configmap/y patched\n');
    expect(result.output).toMatch(/"__proto__": "patched",\n$/);
  });
});

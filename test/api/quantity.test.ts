import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { canonicalize, parseQuantity, QuantityError } from '../../sim/api/quantity';

// Each line: what was typed, then what `kubectl set resources --local ... -o yaml` printed.
const goldenPath = join(__dirname, '../golden-files/api/quantities.tsv');
const golden = readFileSync(goldenPath, 'utf8')
  .trimEnd()
  .split('\n')
  .map((line) => line.split('\t') as [string, string]);

function ourOutput(input: string): string {
  try {
    return canonicalize(input);
  } catch (error) {
    if (error instanceof QuantityError) return `error: ${error.message}`;
    throw error;
  }
}

describe('quantities print like kubectl', () => {
  it.each(golden)('%s → %s', (input, expected) => {
    expect(ourOutput(input)).toBe(expected);
  });
});

describe('quantity arithmetic', () => {
  it('gives cpu in millicores and memory in bytes, rounding up', () => {
    expect(parseQuantity('0.5').milliValue()).toBe(500);
    expect(parseQuantity('1').milliValue()).toBe(1000);
    expect(parseQuantity('1.2345m').milliValue()).toBe(2);
    expect(parseQuantity('128Mi').value()).toBe(134217728);
    expect(parseQuantity('400m').value()).toBe(1);
  });

  it('adds and compares exactly', () => {
    const sum = parseQuantity('0.1').add(parseQuantity('200m'));
    expect(sum.milliValue()).toBe(300);
    expect(sum.cmp(parseQuantity('300m'))).toBe(0);
    expect(parseQuantity('1Gi').cmp(parseQuantity('1G'))).toBe(1);
    expect(parseQuantity('1Mi').cmp(parseQuantity('2Mi'))).toBe(-1);
  });

  it('rounds up to milli precision as the server does', () => {
    expect(parseQuantity('1.2345m').roundUpToMilli().toString()).toBe('2m');
    expect(parseQuantity('250m').roundUpToMilli().toString()).toBe('250m');
  });
});

const kubectl = '/usr/bin/kubectl';
describe.skipIf(!existsSync(kubectl))('quantities against the live kubectl', () => {
  it('matches for every golden input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'podlab-quantity-'));
    const pod = join(dir, 'pod.yaml');
    writeFileSync(pod, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n');
    // One invocation per quantity is slow; a sample covers each code path.
    for (const [input] of golden.filter((_, i) => i % 4 === 0)) {
      let printed: string;
      try {
        const yaml = execFileSync(kubectl, ['set', 'resources', '--local', '-f', pod, `--limits=cpu=${input}`, '-o', 'yaml'], {
          encoding: 'utf8',
          env: { HOME: dir, PATH: '/usr/bin:/bin' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        printed = /limits:\n\s+cpu: "?([^"\n]*)"?/.exec(yaml)![1];
      } catch (error) {
        printed = String((error as { stderr: string }).stderr).trim();
      }
      expect(ourOutput(input), input).toBe(printed);
    }
  });
});

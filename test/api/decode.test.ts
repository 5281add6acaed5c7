import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeManifests } from '../../sim/api/decode';
import { kubectlAvailable } from './kubectl-offline';
import { kubectlExpectation } from './decode-expectation';

const dir = join(__dirname, '../golden-files/api/decode');
const cases = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f));

function withoutNamespace(object: any): any {
  const copy = JSON.parse(JSON.stringify(object));
  delete copy.metadata?.namespace;
  return copy;
}

/** Our result in the same form as the golden: objects as JSON, then the error line. */
function ourExpectation(file: string): string {
  const result = decodeManifests(readFileSync(join(dir, file), 'utf8'), file);
  return `${JSON.stringify(result.objects.map(withoutNamespace), sortedKeys)}\n${result.error ?? ''}\n`;
}

function sortedKeys(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return value;
}

function normalizedGolden(text: string): string {
  const [objects, ...rest] = text.split('\n');
  return `${JSON.stringify(JSON.parse(objects), sortedKeys)}\n${rest.join('\n')}`;
}

describe('manifests decode as kubectl decodes them', () => {
  it.each(cases)('%s', (file) => {
    const golden = readFileSync(join(dir, `${file}.expected`), 'utf8');
    expect(ourExpectation(file)).toBe(normalizedGolden(golden));
  });

  it('skips a file of only comments and separators', () => {
    expect(decodeManifests('# nothing\n---\n---\n', 'x.yaml')).toEqual({ objects: [] });
  });
});

describe.skipIf(!kubectlAvailable)('manifests against the live kubectl', () => {
  it('agrees on a sample of the goldens', () => {
    for (const file of cases.filter((_, i) => i % 6 === 0)) {
      const live = kubectlExpectation(file, readFileSync(join(dir, file), 'utf8'));
      expect(ourExpectation(file), file).toBe(normalizedGolden(live));
    }
  });
});

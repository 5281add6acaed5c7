// Client-side output (generators, usage errors) compared with captures from the real kubectl 1.32.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenSuite, readGoldenCases } from './golden-suite';

const dir = join(__dirname, '../golden-files/kubectl');
const cases = readGoldenCases(dir);

describe('the captured kubectl cases', () => {
  it('has at least 25 captured cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });
});

goldenSuite('kubectl', dir, cases);

// Golden files for printed text: test/golden-files/printers/<name>.txt.
// Run with UPDATE_GOLDEN=1 to write them after checking the output by eye.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

const goldenDir = join(__dirname, '..', 'golden-files', 'printers');

export function goldenPath(name: string): string {
  return join(goldenDir, `${name}.txt`);
}

export function expectGolden(name: string, actual: string): void {
  const path = goldenPath(name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`missing golden file ${path} (run with UPDATE_GOLDEN=1)`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

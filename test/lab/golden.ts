// Golden files for printed output: test/golden-files/lab/<name>.txt. Run with UPDATE_GOLDEN=1 to rewrite them.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const goldenDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden-files', 'lab');

export function expectGolden(name: string, actual: string): void {
  const file = join(goldenDir, `${name}.txt`);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(file, actual);
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`golden file ${name}.txt was missing and has been written: check it and run again`);
    return;
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

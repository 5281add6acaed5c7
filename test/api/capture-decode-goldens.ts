// Regenerates test/golden-files/api/decode/*.expected from the real kubectl:
//   npx tsx test/api/capture-decode-goldens.ts
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kubectlExpectation } from './decode-expectation';

const dir = join(fileURLToPath(new URL('.', import.meta.url)), '../golden-files/api/decode');
for (const file of readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f))) {
  const expected = kubectlExpectation(file, readFileSync(join(dir, file), 'utf8'));
  writeFileSync(join(dir, `${file}.expected`), expected);
  console.log(`${file}: ${expected.split('\n')[0]}`);
}

// Captures test/golden-files/kustomize/expected from the real kubectl:
//   node node_modules/tsx/dist/cli.mjs test/kubectl/kustomize-capture.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { expectedFile, expectedRoot, formatExpected, kustomizeCases, realKustomize } from './kustomize-goldens';

mkdirSync(expectedRoot, { recursive: true });
for (const name of kustomizeCases) writeFileSync(expectedFile(name), formatExpected(realKustomize(name)));
console.log(`captured ${kustomizeCases.length} cases`);

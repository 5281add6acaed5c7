// Packs the kubernetes.io examples under examples/kubernetes.io into one JSON file the engine
// imports, so `kubectl apply -f https://k8s.io/examples/…` finds them offline. Run it after adding
// an example; a test fails while the packed copy and the folder differ.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = join(root, 'examples/kubernetes.io');
const target = join(root, 'sim/kubernetes-io/examples.json');

function files(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}

export function packedExamples() {
  const packed = {};
  for (const path of files(source).sort()) packed[relative(source, path).split('\\').join('/')] = readFileSync(path, 'utf8');
  return `${JSON.stringify(packed, null, 1)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(target, packedExamples());
  console.log(`Packed ${Object.keys(JSON.parse(packedExamples())).length} examples into ${relative(root, target)}`);
}

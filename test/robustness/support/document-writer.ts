// Writes a document through the desktop app's DocumentStore as fast as it can, for the kill -9 test.
import { DocumentStore } from '../../../electron/main/documents';

const store = new DocumentStore(process.argv[2]!);
const padding = 'x'.repeat(200_000);
for (let n = 1; ; n++) {
  await store.write('progress', { n, padding });
  if (n === 1) process.stdout.write('ready\n');
}

// Saves progress through podlab's own file storage as fast as it can, for the kill -9 test.
import { fileStorage } from '../../../cli/podlab';

const storage = fileStorage(process.argv[2]!);
const padding = 'x'.repeat(200_000);
for (let n = 1; ; n++) {
  storage.save(JSON.stringify({ n, padding }));
  if (n === 1) process.stdout.write('ready\n');
}

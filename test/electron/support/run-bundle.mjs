// Loads the built dist/electron/main.js with `electron` replaced by the recording stand-in
// (compiled to FAKE_ELECTRON) and prints what it set up, as JSON.
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';

const fakeUrl = pathToFileURL(process.env.FAKE_ELECTRON).href;
register(
  'data:text/javascript,' +
    encodeURIComponent(`export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: ${JSON.stringify(fakeUrl)}, shortCircuit: true };
  return next(specifier, context);
}`),
);
const fake = await import('electron');
await import(pathToFileURL(process.env.MAIN_BUNDLE).href);
const deadline = Date.now() + 10_000;
while (fake.BrowserWindow.created.length === 0 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
const window = fake.BrowserWindow.created[0];
const ourPage = { senderFrame: { url: 'app://podlab/index.html', parent: null } };
const packs = await fake.ipcMain.handlers.get('lesson-packs:list')(ourPage);
console.log(
  JSON.stringify({
    url: window?.loadedUrl,
    preload: window?.options.webPreferences.preload,
    channels: [...fake.ipcMain.handlers.keys()].sort(),
    packs: packs.map((pack) => ({ id: pack.id, lessons: pack.lessonCount })),
  }),
);
process.exit(0);

// Builds main and preload the way `npm start` does and checks the bundles themselves: the preload
// is one CommonJS file needing only `electron`, and the ESM main starts with Electron stood in.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipcContract } from '../../electron/ipc-contract';
// @ts-expect-error plain JavaScript module without types
import { buildElectron } from '../../scripts/build-electron.mjs';

const root = resolve(__dirname, '../..');
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'podlab-bundle-'));
  await buildElectron();
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('the built desktop app', () => {
  it('has a single-file CommonJS preload that requires nothing but electron', () => {
    const preload = readFileSync(join(root, 'dist', 'electron', 'preload.cjs'), 'utf8');
    expect([...new Set(preload.match(/require\("[^"]+"\)/g))]).toEqual(['require("electron")']);
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    expect(preload.length).toBeLessThan(20_000);
  });

  it('starts from the ESM main bundle: window on app://, every channel, the bundled course', async () => {
    const fake = join(scratch, 'fake-electron.mjs');
    await build({ entryPoints: [join(__dirname, 'support', 'fake-electron.ts')], outfile: fake, format: 'esm', bundle: true, platform: 'node', logLevel: 'warning' });
    const output = execFileSync(process.execPath, [join(__dirname, 'support', 'run-bundle.mjs')], {
      env: { ...process.env, FAKE_ELECTRON: fake, MAIN_BUNDLE: join(root, 'dist', 'electron', 'main.js'), PODLAB_USER_DATA: join(scratch, 'user-data') },
      encoding: 'utf8',
    });
    const started = JSON.parse(output.trim().split('\n').at(-1)!) as { url: string; preload: string; channels: string[]; packs: { id: string; lessons: number }[] };
    expect(started.url).toBe('app://podlab/index.html');
    expect(started.preload).toBe(join(root, 'dist', 'electron', 'preload.cjs'));
    expect(started.channels).toEqual(Object.keys(ipcContract).sort());
    expect(started.packs).toHaveLength(1);
    expect(started.packs[0]!.id).toBe('bundled');
    expect(started.packs[0]!.lessons).toBeGreaterThan(0);
  });
});

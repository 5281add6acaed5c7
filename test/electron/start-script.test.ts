import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without types
import { browserFallbackLine, electronBinaryPath, hasDisplay } from '../../scripts/start.mjs';

const root = resolve(__dirname, '../..');

describe('npm start', () => {
  it('finds the Electron binary from path.txt only when the file it names exists', async () => {
    const project = await mkdtemp(join(tmpdir(), 'podlab-start-'));
    try {
      const electronFolder = join(project, 'node_modules', 'electron');
      await mkdir(join(electronFolder, 'dist'), { recursive: true });
      expect(electronBinaryPath(project)).toBeUndefined();
      await writeFile(join(electronFolder, 'path.txt'), 'electron');
      expect(electronBinaryPath(project)).toBeUndefined();
      await writeFile(join(electronFolder, 'dist', 'electron'), '');
      expect(electronBinaryPath(project)).toBe(join(electronFolder, 'dist', 'electron'));
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  });

  it('knows when Linux has no display', () => {
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ DISPLAY: ':99' }, 'linux')).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(hasDisplay({}, 'darwin')).toBe(true);
  });

  it.skipIf(electronBinaryPath() !== undefined)('without Electron, says so in one line, serves the app in the browser and stops cleanly on Ctrl-C', async () => {
    const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs'), '--no-build'], { cwd: root, env: { ...process.env, PORT: '0' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await expect.poll(() => output, { timeout: 20_000 }).toMatch(/Pod Lab is at (http:\/\/127\.0\.0\.1:\d+\/)/);
    const address = /Pod Lab is at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)![1]!;
    expect(output.split('\n')[0]).toBe(browserFallbackLine);
    const page = await fetch(address);
    expect(page.status).toBe(200);
    const exit = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    child.kill('SIGINT');
    expect(await exit).toBe(0);
  });
});

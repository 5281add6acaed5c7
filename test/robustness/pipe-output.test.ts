// `podlab --script` through a pipe: every byte of a long transcript arrives and the exit status is
// the script's. On Linux a pipe is written synchronously; where it is not (macOS), podlab waits
// for stdout to drain before exiting.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('podlab output through a pipe', () => {
  it('a 500 KiB transcript arrives whole to a slow reader, with the exit status kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podlab-pipe-'));
    try {
      const script = join(dir, 'long.sh');
      writeFileSync(script, Array.from({ length: 20_000 }, (_, i) => `echo line-${i + 1}`).join('\n') + '\nfalse\n');
      const child = spawn(process.execPath, ['--import', 'tsx', 'cli/podlab.ts', '--workspace', dir, '--state', join(dir, 'p.json'), '--script', script], { stdio: ['ignore', 'pipe', 'pipe'] });
      let bytes = 0;
      let tail = '';
      child.stdout.pause();
      // A slow reader: nothing is read for the first second, so the pipe fills up.
      setTimeout(() => child.stdout.resume(), 1000);
      child.stdout.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        tail = (tail + chunk.toString()).slice(-40);
      });
      const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(tail.endsWith('$ echo line-20000\nline-20000\n$ false\n')).toBe(true);
      expect(bytes).toBeGreaterThan(64 * 1024 * 8);
      expect(status).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

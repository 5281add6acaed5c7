// kill -9 at any moment while podlab or the desktop app saves: the file is always the last
// complete save, never torn or empty. 100 kills each, at seeded random moments.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentStore } from '../../electron/main/documents';
import { fileStorage } from '../../cli/podlab';
import { loadProgress } from '../../lab/progress';

export const killRuns = Number(process.env.PODLAB_KILL_RUNS ?? 100);

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'podlab-kill-'));
  for (const name of ['progress-writer', 'document-writer']) {
    await build({ entryPoints: [join(__dirname, 'support', `${name}.ts`)], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: join(dir, `${name}.mjs`), logLevel: 'error', banner: { js: "import { createRequire as __podlabKillRequire } from 'node:module'; const require = __podlabKillRequire(import.meta.url);" } });
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small seeded generator, so every run kills at the same moments. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
}

/** Starts the writer, waits until it has saved once, lets it run `delayMs` more, then SIGKILLs it. */
function runAndKill(writer: string, target: string, delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(dir, writer), target], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), delayMs));
    child.on('error', reject);
    child.on('exit', () => resolve());
  });
}

describe('kill -9 while saving', () => {
  it(`podlab's progress file survives ${killRuns} kills`, async () => {
    const state = join(dir, 'cli', 'progress.json');
    const random = seeded(7);
    let last = 0;
    for (let run = 0; run < killRuns; run++) {
      await runAndKill('progress-writer.mjs', state, Math.floor(random() * 40));
      const saved = JSON.parse(readFileSync(state, 'utf8')) as { n: number; padding: string };
      expect(saved.padding.length).toBe(200_000);
      expect(saved.n).toBeGreaterThanOrEqual(1);
      last = saved.n;
    }
    expect(last).toBeGreaterThan(0);
    // What podlab itself reads back is progress it can use or set aside, never an exception, and
    // reading it clears the temporary files the kills left.
    expect(readdirSync(join(dir, 'cli')).some((name) => name.includes('.tmp-'))).toBe(true);
    expect(() => loadProgress(fileStorage(state))).not.toThrow();
    expect(readdirSync(join(dir, 'cli')).filter((name) => name.includes('.tmp-'))).toEqual([]);
  }, 300_000);

  it(`the desktop app's documents survive ${killRuns} kills`, async () => {
    const folder = join(dir, 'documents');
    const random = seeded(11);
    for (let run = 0; run < killRuns; run++) {
      await runAndKill('document-writer.mjs', folder, Math.floor(random() * 40));
      const store = new DocumentStore(folder);
      const data = (await store.read('progress')) as { n: number; padding: string };
      expect(store.takeNotices()).toEqual([]);
      expect(data.padding.length).toBe(200_000);
      await store.removeLeftoverTemporaryFiles();
      expect(readdirSync(folder).filter((name) => name.includes('.tmp-'))).toEqual([]);
    }
  }, 300_000);
});

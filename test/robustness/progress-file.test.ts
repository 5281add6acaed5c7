// A progress file podlab cannot read is set aside and the learner told; what could not be read is
// never overwritten.
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, ftruncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/podlab';
import { LabController } from '../../lab';
import type { ProgressStorage } from '../../lab/progress';
import { createSession } from '../../sim/session';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'podlab-progress-'));
  mkdirSync(join(dir, 'work'));
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

async function podlab(script: string): Promise<{ stdout: string; stderr: string }> {
  const scriptFile = join(dir, 'script.sh');
  writeFileSync(scriptFile, script);
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    await main(['--script', scriptFile, '--state', join(dir, 'state', 'progress.json'), '--workspace', join(dir, 'work')]);
  } finally {
    vi.restoreAllMocks();
  }
  return { stdout, stderr };
}

function asides(): string[] {
  return readdirSync(join(dir, 'state')).filter((name) => name.startsWith('progress.json.corrupt-'));
}

describe('an unreadable progress file', () => {
  it('a 600 MB file is set aside unread, the learner told, and fresh progress saved beside it', async () => {
    mkdirSync(join(dir, 'state'));
    const handle = openSync(join(dir, 'state', 'progress.json'), 'w');
    ftruncateSync(handle, 600 * 1024 * 1024); // sparse: no disk used
    closeSync(handle);
    const started = performance.now();
    const run = await podlab('lab start first-pod-manifest');
    expect(performance.now() - started).toBeLessThan(5000);
    expect(run.stdout).toMatch(/Your saved progress could not be read \(the file is too large: 629145600 bytes\)\. It was set aside as .*progress\.json\.corrupt-[0-9TZ-]+\. Starting with fresh progress\./);
    expect(asides()).toHaveLength(1);
    expect(statSync(join(dir, 'state', asides()[0])).size).toBe(600 * 1024 * 1024);
    expect(JSON.parse(readFileSync(join(dir, 'state', 'progress.json'), 'utf8')).currentExercise).toBe('first-pod-manifest');
  });

  it('a progress "file" that cannot be read as one (a folder) is moved aside, not lost', async () => {
    mkdirSync(join(dir, 'state', 'progress.json'), { recursive: true });
    writeFileSync(join(dir, 'state', 'progress.json', 'keep'), 'precious');
    const run = await podlab('lab start first-pod-manifest');
    expect(run.stdout).toContain('Your saved progress could not be read (Is a directory). It was set aside as ');
    expect(readFileSync(join(dir, 'state', asides()[0], 'keep'), 'utf8')).toBe('precious');
  });

  it('when it can be neither read nor set aside, nothing is ever saved over it', () => {
    const saved: string[] = [];
    const storage: ProgressStorage = {
      load: () => {
        throw new Error('Permission denied');
      },
      save: (text) => saved.push(text),
      setAside: () => {
        throw new Error('Permission denied');
      },
    };
    const session = createSession({ seed: 1 });
    const lab = new LabController({ course: { lessons: [] }, session: () => session, storage, wallNow: () => 0 });
    expect(lab.notice?.en).toBe('Your saved progress could not be read (Permission denied). It is left as it is, and nothing will be saved over it until you restart Pod Lab.');
    lab.setLanguage('zh');
    expect(saved).toEqual([]);
  });
});

// The lab framework against the real simulated cluster (sim/session.ts), once it exists.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLabCommand, labHostCommand } from '../../lab/lab-command';
import { LabController } from '../../lab/lab-controller';
import { loadCourse } from '../../lab/loader';
import { summaryLine, validateCourse } from '../../lab/validator';
import type { Session, SessionOptions } from '../../sim/session-types';
import { samplePack } from './sample-pack';

type CreateSession = (options: SessionOptions) => Session;

/** Undefined while the simulator is not there or does not load yet (it is built alongside). */
async function tryLoadCreateSession(): Promise<CreateSession | undefined> {
  if (!existsSync(join(__dirname, '..', '..', 'sim', 'session.ts'))) return undefined;
  try {
    const modulePath = '../../sim/session';
    const module = (await import(modulePath)) as { createSession?: CreateSession };
    module.createSession?.({ seed: 1 });
    return module.createSession;
  } catch {
    return undefined;
  }
}

const realCreateSession = await tryLoadCreateSession();
const hasRealSession = realCreateSession !== undefined;

async function loadCreateSession(): Promise<CreateSession> {
  return realCreateSession!;
}

describe.skipIf(!hasRealSession)('lab with the real session', () => {
  it('replays the sample pack', async () => {
    const createSession = await loadCreateSession();
    const report = validateCourse(samplePack(), { label: 'lessons', createSession: () => createSession({ seed: 1 }) });
    expect(report.problems).toEqual([]);
    expect(summaryLine(report)).toBe('Checked 2 lessons, 3 exercises, 6 mistakes rejected, 3 alternatives accepted: all valid.');
  });

  it('runs lab start and lab check in a terminal', async () => {
    const createSession = await loadCreateSession();
    let session: Session | undefined;
    const storage = { text: undefined as string | undefined, load() { return this.text; }, save(text: string) { this.text = text; } };
    const lab = new LabController({ course: loadCourse(samplePack()).course, session: () => session!, storage, wallNow: () => 0, color: false });
    session = createSession({ seed: 1, hostCommands: { lab: labHostCommand(createLabCommand(lab)) } });
    const terminal = session.openTerminal();
    const run = (line: string) => {
      let output = '';
      terminal.execute(line, (text) => (output += text));
      return output;
    };
    expect(run('lab start create-web').split('\n')[0]).toBe('Exercise create-web: Create the web Pod (Your first Pod)');
    expect(run('lab check')).toContain('✘ A Pod named web exists\n    Pod "web" not found\n');
    run('kubectl run web --image=nginx:1.27');
    expect(run('lab check')).toContain('3/3 checks pass\n\nExercise complete. Well done!');
  });
});

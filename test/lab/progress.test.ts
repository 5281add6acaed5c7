import { describe, expect, it } from 'vitest';
import {
  emptyProgress,
  exportProgress,
  loadProgress,
  parseProgress,
  recordCompletion,
  recordHint,
  recordSolutionRevealed,
  recordStart,
  saveProgress,
  type ProgressStorage,
} from '../../lab/progress';

class MemoryStorage implements ProgressStorage {
  asides: { text: string; reason: string }[] = [];
  constructor(public text: string | undefined = undefined) {}
  load() {
    return this.text;
  }
  save(text: string) {
    this.text = text;
  }
  setAside(text: string, reason: string) {
    this.asides.push({ text, reason });
  }
}

describe('progress', () => {
  it('starts empty when nothing was saved', () => {
    expect(loadProgress(new MemoryStorage())).toEqual({ progress: emptyProgress() });
  });

  it('records start, hints, solution and completion with wall and virtual time taken', () => {
    const progress = emptyProgress();
    recordStart(progress, 'create-web', 1_000, 50_000);
    recordHint(progress, 'create-web');
    recordHint(progress, 'create-web');
    expect(recordCompletion(progress, 'create-web', 61_000, 110_000)).toBe(true);
    expect(recordCompletion(progress, 'create-web', 99_000, 990_000)).toBe(false);
    expect(progress.exercises['create-web']).toEqual({
      startedAt: 1_000,
      startedAtVirtual: 50_000,
      attempts: 1,
      hintsUsed: 2,
      solutionRevealed: false,
      completedAt: 61_000,
      wallMs: 60_000,
      virtualMs: 60_000,
      completedWithSolution: false,
    });
    expect(progress.currentExercise).toBe('create-web');
  });

  it('records a completion after revealing the solution as such', () => {
    const progress = emptyProgress();
    recordStart(progress, 'x', 0, 0);
    recordSolutionRevealed(progress, 'x');
    recordCompletion(progress, 'x', 5, 5);
    expect(progress.exercises.x).toMatchObject({ solutionRevealed: true, completedWithSolution: true });
  });

  it('round-trips through storage as JSON text', () => {
    const storage = new MemoryStorage();
    const progress = emptyProgress();
    progress.language = 'zh';
    recordStart(progress, 'x', 1, 2);
    expect(saveProgress(storage, progress)).toBeUndefined();
    expect(loadProgress(storage)).toEqual({ progress });
    expect(parseProgress(exportProgress(progress))).toEqual(progress);
  });

  it('sets corrupt progress aside, starts empty and tells the learner, without throwing', () => {
    const storage = new MemoryStorage('{"schemaVersion": 1, "exercises": ');
    const loaded = loadProgress(storage);
    expect(loaded.progress).toEqual(emptyProgress());
    expect(storage.asides).toHaveLength(1);
    expect(storage.asides[0].text).toBe('{"schemaVersion": 1, "exercises": ');
    expect(storage.asides[0].reason).toMatch(/^not valid JSON/);
    expect(loaded.notice?.en).toMatch(/^Your saved progress could not be read \(not valid JSON .*\)\. A copy was kept aside. Starting with fresh progress\.$/);
    expect(loaded.notice?.zh).toMatch(/^无法读取已保存的进度（not valid JSON .*）。已另存一份副本。将从新的进度开始。$/);
  });

  it('rejects progress of another schema version or with malformed entries', () => {
    expect(parseProgress('{"schemaVersion": 2, "exercises": {}, "quizzes": {}}')).toBe('unsupported schema version 2');
    expect(parseProgress('{"schemaVersion": 1, "exercises": {"x": {"startedAt": "yesterday"}}, "quizzes": {}}')).toBe('exercise x is malformed');
    expect(parseProgress('[]')).toBe('not a progress object');
  });

  it('never throws when the storage itself fails', () => {
    const broken: ProgressStorage = {
      load: () => {
        throw new Error('EACCES: permission denied');
      },
      save: () => {
        throw new Error('ENOSPC: no space left on device');
      },
    };
    expect(loadProgress(broken).notice?.en).toBe(
      'Your saved progress could not be read (EACCES: permission denied). It is left as it is, and nothing will be saved over it until you restart Pod Lab.',
    );
    expect(saveProgress(broken, emptyProgress())).toBe('ENOSPC: no space left on device');
  });
});

describe('quiz answers', () => {
  it('grades and records a quiz answer', async () => {
    const { LabController } = await import('../../lab/lab-controller');
    const { loadCourse } = await import('../../lab/loader');
    const { samplePack } = await import('./sample-pack');
    const { labSession } = await import('./lab-session');
    const storage = new MemoryStorage();
    const session = labSession();
    const lab = new LabController({ course: loadCourse(samplePack()).course, session: () => session, storage, wallNow: () => 42 });
    expect(lab.answerQuiz('pod-quiz', [1])).toEqual({ correct: false, wrongChoices: [{ en: 'Containers run inside a Pod.', zh: '容器运行在 Pod 之内。' }] });
    expect(lab.answerQuiz('pod-quiz', [0])?.correct).toBe(true);
    expect(lab.answerQuiz('nope', [0])).toBeUndefined();
    expect(JSON.parse(storage.text!).quizzes).toEqual({ 'pod-quiz': { answeredAt: 42, correct: true, choices: [0] } });
  });
});

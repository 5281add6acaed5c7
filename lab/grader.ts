// The live grader of one exercise attempt: evaluates the checks whenever the session changes,
// remembers `reached` checks once they passed and how long `sustained` checks have held (in
// virtual time), and tells listeners the results.

import type { Session } from '../sim/session-types';
import type { Exercise } from './course';
import { evaluateCheck, type CheckContext } from './check-evaluation';
import type { Localised } from './localised';
import type { Check, Hint } from './schema';
import { defaultWorkspaceRoot } from './workspace';

export interface CheckResult {
  id: string;
  title: Localised;
  passed: boolean;
  reason: Localised;
}

export interface GraderOptions {
  /** Index in session.commandLog() where this attempt starts (default: its current length). */
  commandLogStart?: number;
  workspaceRoot?: string;
}

interface CheckMemory {
  /** reached: passed at least once. */
  reached: boolean;
  /** sustained: virtual ms since it holds without a break. */
  holdingSince: number | undefined;
}

export class Grader {
  private readonly memory = new Map<string, CheckMemory>();
  private readonly listeners = new Set<(results: CheckResult[]) => void>();
  private readonly context: CheckContext;
  private lastResults: CheckResult[] = [];
  private unsubscribe: (() => void) | undefined;
  private evaluating = false;

  constructor(
    private readonly session: Session,
    readonly exercise: Exercise,
    options: GraderOptions = {},
  ) {
    this.context = {
      session,
      commandLogStart: options.commandLogStart ?? session.commandLog().length,
      workspaceRoot: options.workspaceRoot ?? defaultWorkspaceRoot,
    };
    for (const check of exercise.checks) this.memory.set(check.id, { reached: false, holdingSince: undefined });
  }

  /** Evaluates now and then at every step of the session, so no state the clock passes through is missed. */
  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.session.onStep(() => this.evaluate());
    this.evaluate();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** Called with the results after every evaluation. Returns an unsubscribe function. */
  onResults(listener: (results: CheckResult[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  results(): CheckResult[] {
    return this.lastResults;
  }

  complete(): boolean {
    return this.lastResults.length > 0 && this.lastResults.every((result) => result.passed);
  }

  evaluate(): CheckResult[] {
    if (this.evaluating) return this.lastResults;
    this.evaluating = true;
    try {
      const now = this.session.clock.now();
      const results: CheckResult[] = [];
      for (const check of this.exercise.checks) {
        const earlier = check.after === undefined ? undefined : results.find((result) => result.id === check.after);
        results.push(earlier && !earlier.passed ? this.waitingFor(check, earlier) : this.evaluateOne(check, now));
      }
      this.lastResults = results;
    } finally {
      this.evaluating = false;
    }
    for (const listener of this.listeners) listener(this.lastResults);
    return this.lastResults;
  }

  /** A check ordered after another that has not passed yet: it cannot count, whatever the cluster says now. */
  private waitingFor(check: Check, earlier: CheckResult): CheckResult {
    const memory = this.memory.get(check.id)!;
    memory.holdingSince = undefined;
    return {
      id: check.id,
      title: check.title,
      passed: false,
      reason: { en: `first: ${earlier.title.en}`, zh: `先要：${earlier.title.zh}` },
    };
  }

  private evaluateOne(check: Check, now: number): CheckResult {
    const memory = this.memory.get(check.id)!;
    const base = { id: check.id, title: check.title };
    if (check.when === 'reached' && memory.reached) {
      return { ...base, passed: true, reason: { en: 'reached', zh: '已达成' } };
    }
    const outcome = evaluateCheck(check, this.context);
    if (check.when === 'reached') {
      if (outcome.passed) memory.reached = true;
      return { ...base, ...outcome };
    }
    if (check.when === 'sustained') {
      if (!outcome.passed) {
        memory.holdingSince = undefined;
        return { ...base, ...outcome };
      }
      memory.holdingSince ??= now;
      const heldSeconds = Math.floor((now - memory.holdingSince) / 1000);
      const neededSeconds = check.seconds ?? 0;
      if (heldSeconds >= neededSeconds) {
        return { ...base, passed: true, reason: { en: `held for ${heldSeconds}s`, zh: `已保持 ${heldSeconds} 秒` } };
      }
      return {
        ...base,
        passed: false,
        reason: {
          en: `${outcome.reason.en}; held for ${heldSeconds}s of ${neededSeconds}s`,
          zh: `${outcome.reason.zh}；已保持 ${heldSeconds} 秒，需要 ${neededSeconds} 秒`,
        },
      };
    }
    return { ...base, ...outcome };
  }
}

/**
 * The next hint to show, given the indexes of hints already shown: first a hint tied to a
 * check that fails now, then the general hints in order, then the rest.
 */
export function chooseHint(hints: readonly Hint[], shown: ReadonlySet<number>, results: readonly CheckResult[]): number | undefined {
  const failing = new Set(results.filter((result) => !result.passed).map((result) => result.id));
  const unshown = hints.map((hint, index) => ({ hint, index })).filter(({ index }) => !shown.has(index));
  const tied = unshown.find(({ hint }) => hint.whenFailing !== undefined && failing.has(hint.whenFailing));
  const general = unshown.find(({ hint }) => hint.whenFailing === undefined);
  return (tied ?? general ?? unshown[0])?.index;
}

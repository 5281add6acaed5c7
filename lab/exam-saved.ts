// The exam in progress as the progress file keeps it, so that an attempt outlives a reload of the
// app or a restart of `podlab`: which exam and seed, the countdown on the wall clock (it runs on
// while the lab is closed, as a real exam's would), flags, and the session's journal from which
// the clusters are rebuilt exactly.

export interface SavedExamRun {
  id: string;
  seed: number;
  /** Wall-clock ms. */
  startedAt: number;
  deadline: number;
  practice: boolean;
  pausedAt?: number;
  flagged: number[];
  viewed: number[];
  /** The session's own description of itself (SimSession.snapshot), when it has one. */
  session?: unknown;
}

const isNumberList = (value: unknown): value is number[] => Array.isArray(value) && value.every((item) => Number.isInteger(item));

/** A saved run read back; undefined when it is not one (it is then dropped, like an unreadable journal). */
export function parseSavedExamRun(data: unknown): SavedExamRun | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const run = data as Record<string, unknown>;
  if (typeof run.id !== 'string' || !Number.isInteger(run.seed) || typeof run.startedAt !== 'number' || typeof run.deadline !== 'number') return undefined;
  if (!isNumberList(run.flagged) || !isNumberList(run.viewed)) return undefined;
  const saved: SavedExamRun = {
    id: run.id,
    seed: run.seed as number,
    startedAt: run.startedAt,
    deadline: run.deadline,
    practice: run.practice === true,
    flagged: run.flagged,
    viewed: run.viewed,
  };
  if (typeof run.pausedAt === 'number') saved.pausedAt = run.pausedAt;
  if (run.session !== undefined) saved.session = run.session;
  return saved;
}

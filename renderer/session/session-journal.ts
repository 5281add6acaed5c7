// The `journal` document: the command lines typed (history across reloads) and the session's
// own journal for the current exercise, from which the cluster is rebuilt exactly (pods, files,
// virtual time) after a reload or restart.

import type { JournalEntry, SessionSnapshot } from '../../sim/session-types';

export interface JournalDocument {
  version: 2;
  lines: string[];
  /** The exercise the snapshot belongs to. */
  exercise?: string;
  snapshot?: SessionSnapshot;
}

/**
 * Drops clock advances that a later advance overtakes before anything else happens: with the clock
 * running, the session records one per frame, and only the last one of each run matters.
 */
export function compactJournal(entries: readonly JournalEntry[]): JournalEntry[] {
  const kept: JournalEntry[] = [];
  for (const entry of entries) {
    const previous = kept[kept.length - 1];
    if (entry.kind === 'advance' && previous?.kind === 'advance') kept[kept.length - 1] = entry;
    else kept.push(entry);
  }
  return kept;
}

/** Reads a saved journal document of any version; anything unreadable counts as empty. */
export function readJournalDocument(saved: unknown): JournalDocument {
  const document: JournalDocument = { version: 2, lines: [] };
  if (typeof saved !== 'object' || saved === null) return document;
  const record = saved as Record<string, unknown>;
  if (Array.isArray(record.lines)) document.lines = record.lines.filter((line): line is string => typeof line === 'string');
  if (record.version !== 2) return document;
  if (typeof record.exercise === 'string') document.exercise = record.exercise;
  const snapshot = record.snapshot as Partial<SessionSnapshot> | undefined;
  if (snapshot && snapshot.version === 1 && typeof snapshot.seed === 'number' && typeof snapshot.startTime === 'number' && Array.isArray(snapshot.journal)) {
    document.snapshot = snapshot as SessionSnapshot;
  }
  return document;
}

// The journal document: after a reload the cluster is rebuilt exactly as the learner left it.
import { describe, expect, it } from 'vitest';
import { createSession } from '../../sim/session';
import type { JournalEntry } from '../../sim/session-types';
import { compactJournal, readJournalDocument } from '../../renderer/session/session-journal';

function run(session: ReturnType<typeof createSession>, line: string): string {
  let output = '';
  session.openTerminal().execute(line, (text) => (output += text));
  return output;
}

describe('session journal', () => {
  it('keeps only the last of consecutive clock advances', () => {
    const entries: JournalEntry[] = [
      { kind: 'advance', time: 1 },
      { kind: 'advance', time: 2 },
      { kind: 'line', terminal: 0, line: 'kubectl get pods', time: 2 },
      { kind: 'advance', time: 3 },
      { kind: 'advance', time: 4 },
    ];
    expect(compactJournal(entries)).toEqual([entries[1], entries[2], entries[4]]);
  });

  it('rebuilds pods and virtual time from a saved document', () => {
    const before = createSession({ seed: 1 });
    before.reset();
    run(before, 'kubectl run keeper --image=nginx');
    for (let i = 0; i < 40; i++) before.clock.advanceBy(250);
    const snapshot = before.snapshot();
    const saved = JSON.parse(JSON.stringify({ version: 2, lines: ['kubectl run keeper --image=nginx'], exercise: 'x', snapshot: { ...snapshot, journal: compactJournal(snapshot.journal) } }));

    const document = readJournalDocument(saved);
    expect(document.exercise).toBe('x');
    // One command and one run of clock advances: nothing else needs keeping.
    expect(document.snapshot!.journal.map((e) => e.kind)).toEqual(['line', 'advance']);
    const after = createSession({ seed: 1 });
    after.restore(document.snapshot!);
    expect(after.clock.now()).toBe(before.clock.now());
    expect(run(after, 'kubectl get pods')).toBe(run(before, 'kubectl get pods'));
    expect(run(after, 'kubectl get pods')).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\nkeeper\s+1\/1\s+Running\s+0\s+10s\n$/);
  });

  it('reads the older document (history only) and ignores anything malformed', () => {
    expect(readJournalDocument({ version: 1, lines: ['kubectl get pods', 3] })).toEqual({ version: 2, lines: ['kubectl get pods'] });
    expect(readJournalDocument('garbage')).toEqual({ version: 2, lines: [] });
    expect(readJournalDocument({ version: 2, lines: [], exercise: 'x', snapshot: { version: 9 } })).toEqual({ version: 2, lines: [], exercise: 'x' });
  });
});

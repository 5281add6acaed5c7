// "Next event" stops at the next change a learner sees on their own objects and says what it was.
import { describe, expect, it } from 'vitest';
import { createSession } from '../../sim/session';
import { runToNextChange, visibleFacts } from '../../renderer/session/next-change';

function sessionWith(...commands: string[]) {
  const session = createSession({ seed: 1 });
  const terminal = session.openTerminal();
  for (const command of commands) terminal.execute(command, () => {});
  return session;
}

describe('next visible change', () => {
  it('stops at each step of a new pod and names it', () => {
    const session = sessionWith('kubectl run web --image=nginx');
    const changes: string[] = [];
    for (let step = 0; step < 20; step++) {
      const next = runToNextChange(session);
      if (!next?.change) break;
      changes.push(next.change);
    }
    expect(changes).toEqual([
      'Normal Pulling pod/web: Pulling image "nginx"',
      'pod/web: ContainerCreating → Running · Normal Started pod/web: Started container web',
    ]);
    expect(visibleFacts(session).get('pod/web')).toBe('Running');
  });

  it('finds a restart of a crashing container and never stops on a change to kube-system', () => {
    const session = sessionWith('kubectl run crasher --image=busybox -- sh -c "sleep 5; exit 1"');
    const seen: string[] = [];
    for (let step = 0; step < 30 && !seen.some((change) => /restarts: 0 → 1|BackOff/.test(change)); step++) {
      const next = runToNextChange(session);
      if (!next?.change) break;
      seen.push(next.change);
    }
    expect(seen.some((change) => /restarts: 0 → 1|BackOff/.test(change))).toBe(true);
    expect(seen.every((change) => !/kube-system|controlplane/.test(change))).toBe(true);
  });

  it('says nothing changed when the learner has nothing that will change', () => {
    const session = sessionWith('kubectl run web --image=nginx');
    while (runToNextChange(session)?.change) {
      // Let the pod settle.
    }
    const before = session.clock.now();
    const next = runToNextChange(session);
    expect(next?.change).toBeUndefined();
    expect(session.clock.now()).toBeGreaterThanOrEqual(before);
  });
});

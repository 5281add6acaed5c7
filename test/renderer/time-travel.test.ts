// Undo and redo name the command they concern.
import { describe, expect, it } from 'vitest';
import { lastLine } from '../../renderer/stores/cluster';

describe('the command undo names', () => {
  it('is the last command line, with a heredoc named by its first line', () => {
    expect(lastLine([{ kind: 'line', terminal: 0, line: 'kubectl run web --image=nginx', time: 1 }, { kind: 'advance', time: 2 }])).toBe('kubectl run web --image=nginx');
    expect(lastLine([{ kind: 'line', terminal: 0, line: "cat <<'EOF' > web.yaml\nkind: Pod\nEOF", time: 1 }])).toBe("cat <<'EOF' > web.yaml …");
    expect(lastLine([])).toBe('');
  });

  it('is the write the learner\'s own kubectl made through the served API, when that came last', () => {
    const line = { kind: 'line' as const, terminal: 0, line: 'kubectl get pods', time: 1 };
    const write = { kind: 'api' as const, write: { verb: 'delete' as const, kind: 'Pod', namespace: 'default', name: 'web', options: {} }, summary: 'delete pod/web', time: 2 };
    expect(lastLine([line, write, { kind: 'advance', time: 3 }])).toBe('delete pod/web');
    expect(lastLine([write, line])).toBe('kubectl get pods');
  });
});

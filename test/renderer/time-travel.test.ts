// Undo and redo name the command they concern.
import { describe, expect, it } from 'vitest';
import { lastLine } from '../../renderer/stores/cluster';

describe('the command undo names', () => {
  it('is the last command line, with a heredoc named by its first line', () => {
    expect(lastLine([{ kind: 'line', terminal: 0, line: 'kubectl run web --image=nginx', time: 1 }, { kind: 'advance', time: 2 }])).toBe('kubectl run web --image=nginx');
    expect(lastLine([{ kind: 'line', terminal: 0, line: "cat <<'EOF' > web.yaml\nkind: Pod\nEOF", time: 1 }])).toBe("cat <<'EOF' > web.yaml …");
    expect(lastLine([])).toBe('');
  });
});

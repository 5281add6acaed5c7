// Splitting a script into commands is linear: a here-document of 10 000 documents runs at once.
import { describe, expect, it } from 'vitest';
import { scriptCommands } from '../../cli/podlab';
import { attack, heapBudgetBytes, wallBudgetMs } from './budget';

const documents = Array.from({ length: 10_000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  k: v`).join('\n---\n');

describe('a script with a huge here-document', () => {
  it('10 000 documents in one here-document: split and run within budget', () => {
    const script = `cat > many.yaml <<'EOF'\n${documents}\nEOF\nwc -l many.yaml\ngrep -c '^kind: ConfigMap' many.yaml\n`;
    const started = performance.now();
    expect(scriptCommands(script).map((command) => command.split('\n')[0])).toEqual(["cat > many.yaml <<'EOF'", 'wc -l many.yaml', "grep -c '^kind: ConfigMap' many.yaml"]);
    expect(performance.now() - started).toBeLessThan(1000);
    const result = attack(script);
    expect(result.output.endsWith('$ wc -l many.yaml\n69999 many.yaml\n$ grep -c \'^kind: ConfigMap\' many.yaml\n10000\n')).toBe(true);
    expect(result.wallMs).toBeLessThan(wallBudgetMs);
    expect(result.heapBytes).toBeLessThan(heapBudgetBytes);
  });

  it('heredocs with <<- and several on one line still end where they should', () => {
    expect(scriptCommands('cat <<-A <<B\n\tone\n\tA\ntwo\nB\necho after')).toEqual(['cat <<-A <<B\n\tone\n\tA\ntwo\nB', 'echo after']);
    expect(scriptCommands('cat <<EOF\nEOF is not alone\nEOF\necho x')).toEqual(['cat <<EOF\nEOF is not alone\nEOF', 'echo x']);
  });
});

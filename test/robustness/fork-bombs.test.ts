// Fork bombs end: a shell may not have more than 1024 processes alive (pipelines count all their
// stages, nested pipelines multiply) nor start more than 4096 while no virtual time passes.
import { describe, expect, it } from 'vitest';
import { MemFs } from '../../sim/fs/memfs';
import { createSession } from '../../sim/session';
import { attack, heapBudgetBytes, wallBudgetMs } from './budget';

const forkFailure = '-bash: fork: retry: Resource temporarily unavailable\n-bash: fork: Resource temporarily unavailable\n';

describe('fork bombs', () => {
  it.each([
    ['the classic :(){ :|:& };:', ':(){ :|:& };:'],
    ['g(){ g|g; };g', 'g(){ g|g; };g'],
    ['f(){ f & f; };f', 'f(){ f & f; };f'],
    ['h(){ echo $(h) $(h); };h', 'h(){ echo $(h) $(h); };h'],
    ['( ) subshells', 's(){ (s); (s); };s'],
  ])('%s ends with bash\'s fork error, within budget', (_name, line) => {
    const result = attack(`${line}\necho alive $?`);
    expect(result.crash).toBeUndefined();
    expect(result.output).toContain(forkFailure);
    expect(result.output).toMatch(/\nalive 1\n$/);
    expect(result.wallMs).toBeLessThan(wallBudgetMs);
    expect(result.heapBytes).toBeLessThan(heapBudgetBytes);
  });

  it('ordinary pipelines, substitutions and loops that fork thousands of times still work', () => {
    const result = attack('for i in $(seq 3000); do x=$(echo $i); y=$(echo $x | cat); done; echo loop $y\necho a | cat | cat | cat | wc -l');
    expect(result.output).toContain('loop 3000\n');
    expect(result.output).toMatch(/\n1\n$/);
  });

  it('in a container the bomb ends its shell, not the engine', () => {
    const session = createSession({ seed: 1, workspace: new MemFs() });
    session.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bomb', namespace: 'default' }, spec: { restartPolicy: 'Never', containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', ':(){ :|:& };:'] }] } });
    const started = performance.now();
    session.clock.advanceBy(60_000);
    expect(performance.now() - started).toBeLessThan(wallBudgetMs);
    const status = session.api.get('Pod', 'default', 'bomb').status;
    expect(status?.phase).toBe('Failed');
    expect(status?.containerStatuses?.[0].state?.terminated?.exitCode).toBe(1);
    expect(session.api.logs('default', 'bomb').map((line) => line.text)).toContain('sh: fork: Resource temporarily unavailable');
  });
});

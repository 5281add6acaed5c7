// `kubectl exec -it redis -- redis-cli` in the learner's terminal: redis-cli's own prompt, its
// replies formatted as on a terminal, until `exit` (the configure-redis tutorial's steps).
import { expect, it } from 'vitest';
import { learnerTerminal } from '../support/learner-terminal';

it('opens redis-cli at its prompt and returns on exit', () => {
  const { session, terminal, run } = learnerTerminal();
  run('kubectl run redis --image=redis:7.4');
  session.clock.advanceBy(30_000);
  expect(run('kubectl exec -it redis -- redis-cli')).toBe('');
  expect(terminal.prompt()).toBe('127.0.0.1:6379> ');
  expect(run('CONFIG GET maxmemory')).toBe('1) "maxmemory"\n2) "0"\n');
  expect(run('SET visits 1')).toBe('OK\n');
  expect(run('INCR visits')).toBe('(integer) 2\n');
  expect(run('GET visits')).toBe('"2"\n');
  expect(run('GET nothing')).toBe('(nil)\n');
  expect(run('exit')).toBe('');
  expect(terminal.prompt()).toBe('learner@podlab:~$ ');
});

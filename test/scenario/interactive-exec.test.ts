// `kubectl exec -it POD -- sh` in the learner's terminal: the prompt becomes the container's and
// lines run inside it until `exit`.
import { expect, it } from 'vitest';
import { learnerTerminal } from '../support/learner-terminal';

it('opens a shell inside the container and returns on exit', () => {
  const { session, terminal, run } = learnerTerminal();
  run('kubectl run box --image=busybox:1.36 -- sleep 3600');
  session.clock.advanceBy(10_000);
  expect(run('kubectl exec -it box -- sh')).toBe('');
  expect(terminal.prompt()).toBe('/ # ');
  expect(run('hostname')).toBe('box\n');
  expect(run('cd /tmp')).toBe('');
  expect(terminal.prompt()).toBe('/tmp # ');
  expect(run('touch made-here && ls')).toBe('made-here\n');
  expect(run('exit')).toBe('');
  expect(terminal.prompt()).toBe('learner@podlab:~$ ');
  expect(run('kubectl exec box -- ls /tmp')).toBe('made-here\n');
});

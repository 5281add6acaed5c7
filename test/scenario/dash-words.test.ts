// A Debian or Ubuntu image's /bin/sh is dash: its messages name $0 and the script's line, in its
// own words (`sh: 1: foo: not found`, `Syntax error: ... unexpected`), unlike bash and busybox.
import { describe, expect, it } from 'vitest';
import { learnerTerminal } from '../support/learner-terminal';

function debianPod() {
  const { session, run: sh } = learnerTerminal();
  sh('kubectl run d --image=debian:bookworm -- sleep infinity');
  session.clock.advanceBy(20_000);
  return sh;
}

describe("dash's words", () => {
  it('names $0 and the line of a command that is not found', () => {
    const sh = debianPod();
    expect(sh(`kubectl exec d -- sh -c 'foo'`)).toBe('sh: 1: foo: not found\ncommand terminated with exit code 127\n');
    expect(sh(`kubectl exec d -- /bin/sh -c 'echo a\nnosuch'`)).toBe('a\n/bin/sh: 2: nosuch: not found\ncommand terminated with exit code 127\n');
    expect(sh(`kubectl exec d -- sh -c './run.sh'`)).toBe('sh: 1: ./run.sh: not found\ncommand terminated with exit code 127\n');
  });

  it('says Syntax error: X unexpected', () => {
    const sh = debianPod();
    expect(sh(`kubectl exec d -- sh -c 'if true; then'`)).toBe('sh: 1: Syntax error: end of file unexpected (expecting "fi")\ncommand terminated with exit code 2\n');
    expect(sh(`kubectl exec d -- sh -c 'echo )'`)).toBe('sh: 1: Syntax error: ")" unexpected\ncommand terminated with exit code 2\n');
    expect(sh(`kubectl exec d -- sh -c 'echo "open'`)).toBe('sh: 1: Syntax error: Unterminated quoted string\ncommand terminated with exit code 2\n');
  });

  it('cannot open or create a redirection target, with status 2', () => {
    const sh = debianPod();
    expect(sh(`kubectl exec d -- sh -c 'cat < /nope; echo $?'`)).toBe('sh: 1: cannot open /nope: No such file\n2\n');
    expect(sh(`kubectl exec d -- sh -c 'echo x > /nope/x; echo $?'`)).toBe('sh: 1: cannot create /nope/x: Directory nonexistent\n2\n');
  });
});

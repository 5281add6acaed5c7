import { describe, expect, it } from 'vitest';
import { isIncomplete, parse, ShellSyntaxError } from '../../sim/shell/lang';
import { expandKubeletVars } from '../../sim/kubelet/var-expansion';
import { run } from './harness';

function syntaxError(source: string, dialect: 'busybox' | 'bash'): string {
  try {
    parse(source);
  } catch (error) {
    if (error instanceof ShellSyntaxError) return error.format(dialect, dialect === 'bash' ? 'bash' : 'sh');
    throw error;
  }
  return 'parsed';
}

describe('parser', () => {
  it('parses once into a reusable tree', () => {
    const script = parse('touch /tmp/healthy; sleep 30');
    expect(script.items).toHaveLength(2);
    expect(script.items[0]!.command).toMatchObject({ kind: 'simple', literalArgv: ['touch', '/tmp/healthy'] });
  });

  it('prints syntax errors in the shell’s own words', () => {
    expect(syntaxError('fi', 'busybox')).toBe('sh: syntax error: unexpected "fi"');
    expect(syntaxError('fi', 'bash')).toBe("bash: syntax error near unexpected token `fi'");
    expect(syntaxError('echo a; done', 'bash')).toBe("bash: syntax error near unexpected token `done'");
    expect(syntaxError('echo )', 'busybox')).toBe('sh: syntax error: unexpected ")"');
    expect(syntaxError('if true; then echo', 'busybox')).toBe('sh: syntax error: unexpected end of file (expecting "fi")');
    expect(syntaxError('if true; then echo', 'bash')).toBe('bash: syntax error: unexpected end of file');
    expect(syntaxError("echo 'open", 'busybox')).toBe('sh: syntax error: unterminated quoted string');
    expect(syntaxError("echo 'open", 'bash')).toBe("bash: unexpected EOF while looking for matching `''");
    expect(syntaxError('| grep x', 'bash')).toBe("bash: syntax error near unexpected token `|'");
  });

  it('turns syntax errors into status 2 when running a line', () => {
    const result = run('then echo');
    expect(result.output).toBe('sh: syntax error: unexpected "then"\n');
    expect(result.status).toBe(2);
    const bash = run('echo hi; fi', { dialect: 'bash' });
    expect(bash.output).toBe("bash: syntax error near unexpected token `fi'\n");
    expect(bash.status).toBe(2);
  });
});

describe('isIncomplete', () => {
  it('asks for more after open constructs', () => {
    for (const source of [
      "echo 'open",
      'echo "open',
      'cat <<EOF\nline',
      'cat <<EOF',
      'kubectl get pods |',
      'true &&',
      'false ||',
      'echo \\',
      'if true; then',
      'while true; do echo',
      'for i in 1 2; do',
      'case x in',
      '{ echo a;',
      '(echo a',
      'f() {',
      'echo $(date',
    ]) {
      expect(isIncomplete(source), source).toBe(true);
    }
  });

  it('runs complete lines and real syntax errors at once', () => {
    for (const source of ['echo hi', 'cat <<EOF\nx\nEOF', 'if true; then echo; fi', 'fi', 'echo )', 'echo \\\\', '']) {
      expect(isIncomplete(source), source).toBe(false);
    }
  });
});

describe('expandKubeletVars', () => {
  const vars: Record<string, string> = { POD_NAME: 'web-1', GREETING: 'hello' };
  const lookup = (name: string) => vars[name];

  it('replaces defined $(VAR) and keeps undefined ones as written', () => {
    expect(expandKubeletVars('echo $(GREETING) from $(POD_NAME)', lookup)).toBe('echo hello from web-1');
    expect(expandKubeletVars('$(MISSING) stays', lookup)).toBe('$(MISSING) stays');
  });

  it('treats $$ as an escaped $', () => {
    expect(expandKubeletVars('$$(POD_NAME) and $$HOME', lookup)).toBe('$(POD_NAME) and $HOME');
  });

  it('leaves shell-style $VAR and unclosed references alone', () => {
    expect(expandKubeletVars('$HOME ${X} $(POD_NAME', lookup)).toBe('$HOME ${X} $(POD_NAME');
  });
});

// Flag parsing with pflag's rules, and cobra's command lookup errors.
import { describe, expect, it } from 'vitest';
import { parseFlags, type FlagSpec } from '../../sim/kubectl/flags';
import { klogPrefix } from '../../sim/kubectl/kubectl';
import { Lab } from './harness';

const specs: FlagSpec[] = [
  { name: 'namespace', shorthand: 'n', type: 'string', usage: '' },
  { name: 'stdin', shorthand: 'i', type: 'bool', usage: '' },
  { name: 'tty', shorthand: 't', type: 'bool', usage: '' },
  { name: 'env', type: 'stringArray', usage: '' },
  { name: 'selector', shorthand: 'l', type: 'string', usage: '' },
  { name: 'replicas', type: 'int', usage: '' },
  { name: 'dry-run', type: 'string', usage: '', noOptDefault: 'unchanged' },
];

describe('parseFlags', () => {
  it('reads every way of giving a value', () => {
    for (const args of [['-n', 'dev'], ['-ndev'], ['-n=dev'], ['--namespace', 'dev'], ['--namespace=dev']]) {
      expect(parseFlags(args, specs).given.get('namespace')).toBe('dev');
    }
  });

  it('combines short booleans and takes a value at the end of a run', () => {
    const parsed = parseFlags(['-itndev', 'pod'], specs);
    expect(parsed.given.get('stdin')).toBe(true);
    expect(parsed.given.get('tty')).toBe(true);
    expect(parsed.given.get('namespace')).toBe('dev');
    expect(parsed.positional).toEqual(['pod']);
  });

  it('repeats, accepts =false, and stops at --', () => {
    const parsed = parseFlags(['--env', 'A=1', 'x', '--env=B=2', '--stdin=false', '--', '-n', 'sh'], specs);
    expect(parsed.given.get('env')).toEqual(['A=1', 'B=2']);
    expect(parsed.given.get('stdin')).toBe(false);
    expect(parsed.positional).toEqual(['x', '-n', 'sh']);
    expect(parsed.dashAt).toBe(1);
  });

  it('uses the no-value default for --dry-run alone', () => {
    expect(parseFlags(['--dry-run', 'pod'], specs).given.get('dry-run')).toBe('unchanged');
    expect(parseFlags(['--dry-run=client'], specs).given.get('dry-run')).toBe('client');
  });

  it('words errors as pflag does', () => {
    expect(() => parseFlags(['--bogus'], specs)).toThrow('unknown flag: --bogus');
    expect(() => parseFlags(['-z'], specs)).toThrow("unknown shorthand flag: 'z' in -z");
    expect(() => parseFlags(['-iz'], specs)).toThrow("unknown shorthand flag: 'z' in -iz");
    expect(() => parseFlags(['--replicas=x'], specs)).toThrow('invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax');
    expect(() => parseFlags(['--namespace'], specs)).toThrow('flag needs an argument: --namespace');
  });
});

describe('command lookup', () => {
  it('suggests close commands', () => {
    const lab = new Lab();
    expect(lab.run(['delet', 'pod', 'x']).stderr).toBe('Error: unknown command "delet" for "kubectl"\n\nDid you mean this?\n\tdelete\n\n');
    expect(lab.run(['rollou']).stderr).toBe('Error: unknown command "rollou" for "kubectl"\n\nDid you mean this?\n\trollout\n\n');
  });

  it('finds the command after global flags', () => {
    const lab = new Lab();
    lab.run(['create', 'ns', 'dev']);
    expect(lab.run(['-n', 'dev', 'run', 'x', '--image=nginx']).stdout).toBe('pod/x created\n');
    expect(lab.api.list('Pod', 'dev').map((p) => p.metadata.name)).toEqual(['x']);
  });

  it('logs a missing required flag through klog with the virtual time', () => {
    expect(klogPrefix(Date.UTC(2026, 0, 15, 9, 0, 12))).toBe('E0115 09:00:12.000000    4242');
    const lab = new Lab();
    lab.now = Date.UTC(2026, 0, 15, 9, 0, 12);
    expect(lab.run(['run', 'nginx']).stderr).toBe('E0115 09:00:12.000000    4242 run.go:72] "command failed" err="required flag(s) \\"image\\" not set"\n');
  });

  it('prints group help for a command without its own action', () => {
    const lab = new Lab();
    const result = lab.run(['rollout']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Available Commands:\n  history       View rollout history\n');
  });
});

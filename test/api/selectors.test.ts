import { describe, expect, it } from 'vitest';
import {
  compileFieldSelector,
  formatLabelSelector,
  formatParsedSelector,
  labelSelectorMatches,
  parseFieldSelector,
  parseLabelSelector,
  selectorFromLabelSelector,
  unableToFindMessage,
} from '../../sim/api/selectors';
import type { KubeObject } from '../../sim/api/types';

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

describe('label selectors', () => {
  const web = { app: 'web', tier: 'frontend', env: 'prod' };
  const db = { app: 'db', env: 'qa', canary: 'true' };

  it.each([
    ['app=web', true, false],
    ['app==web', true, false],
    ['app!=web', false, true],
    ['env in (prod,qa)', true, true],
    ['env notin (prod)', false, true],
    ['canary', false, true],
    ['!canary', true, false],
    ['app=web,tier=frontend', true, false],
    ['tier!=frontend', false, true],
    ['', true, true],
  ])('%s', (text, matchesWeb, matchesDb) => {
    const selector = parseLabelSelector(text);
    expect(labelSelectorMatches(selector, web)).toBe(matchesWeb);
    expect(labelSelectorMatches(selector, db)).toBe(matchesDb);
  });

  it('prints requirements sorted by key, as apimachinery does', () => {
    expect(formatParsedSelector(parseLabelSelector('tier=fe, app in (b,a),!canary'))).toBe('app in (a,b),!canary,tier=fe');
  });

  it.each([
    ['app in', "unable to parse requirement: found '' expected: '('"],
    ['app in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['app web', "unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt"],
    ['app=web,', "found '', expected: identifier after ','"],
    ['=web', "found '=', expected: !, identifier, or 'end of string'"],
    ['app=a=b', "found '=', expected: ',' or 'end of string'"],
    [
      'a b/c/d=x',
      "unable to parse requirement: found 'b/c/d', expected: in, notin, =, ==, !=, gt, lt",
    ],
    [
      'app=-x',
      `unable to parse requirement: values[0][app]: Invalid value: "-x": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ],
    [
      '-app=x',
      `unable to parse requirement: <nil>: Invalid value: "-app": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ],
  ])('%s fails with the apimachinery message', (text, message) => {
    expect(errorOf(() => parseLabelSelector(text))).toBe(message);
  });

  it('converts matchLabels and matchExpressions', () => {
    const spec = {
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'env', operator: 'In' as const, values: ['qa', 'prod'] },
        { key: 'canary', operator: 'DoesNotExist' as const },
      ],
    };
    expect(formatLabelSelector(spec)).toBe('app=web,!canary,env in (prod,qa)');
    expect(labelSelectorMatches(selectorFromLabelSelector(spec), web)).toBe(true);
    expect(labelSelectorMatches(selectorFromLabelSelector(spec), db)).toBe(false);
    expect(formatLabelSelector({})).toBe('<none>');
  });
});

describe('field selectors', () => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default' },
    spec: { nodeName: 'node01', restartPolicy: 'Always' },
    status: { phase: 'Running', podIP: '10.244.1.5' },
  } as KubeObject;

  it.each([
    ['status.phase=Running', true],
    ['status.phase!=Running', false],
    ['spec.nodeName==node01,metadata.name=web', true],
    ['metadata.namespace=kube-system', false],
    ['status.podIP=10.244.1.5', true],
  ])('%s on a pod', (text, expected) => {
    expect(compileFieldSelector('Pod', text)(pod)).toBe(expected);
  });

  it('rejects fields the kind does not index', () => {
    expect(errorOf(() => compileFieldSelector('Pod', 'spec.foo=bar'))).toBe('field label not supported: spec.foo');
    expect(errorOf(() => compileFieldSelector('Deployment', 'status.phase=x'))).toBe('field label not supported: status.phase');
    expect(errorOf(() => parseFieldSelector('phase'))).toBe("invalid selector: 'phase'; can't understand 'phase'");
  });

  it('matches events by involved object and reason', () => {
    const event = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e' }, involvedObject: { kind: 'Pod', name: 'web' }, reason: 'BackOff', type: 'Warning' } as KubeObject;
    expect(compileFieldSelector('Event', 'involvedObject.name=web,reason=BackOff,type=Warning')(event)).toBe(true);
    expect(compileFieldSelector('Event', 'involvedObject.kind=Node')(event)).toBe(false);
  });

  it('words the list error as kubectl rewrites it', () => {
    expect(unableToFindMessage('', 'v1', 'pods', '', 'foo=bar', 'field label not supported: foo')).toBe(
      'Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo',
    );
  });
});

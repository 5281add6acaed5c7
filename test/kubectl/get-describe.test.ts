// `get` tables and `describe` through the shared printers.
import { describe, expect, it } from 'vitest';
import { Lab } from './harness';

describe('get tables', () => {
  it('prints a table with AGE from the virtual clock', () => {
    const lab = new Lab();
    lab.run(['create', 'configmap', 'settings', '--from-literal=a=1']);
    lab.now += 90_000;
    expect(lab.run(['get', 'cm']).stdout).toBe('NAME       DATA   AGE\nsettings   1      90s\n');
  });

  it('puts kinds in blocks with kind/name for several types', () => {
    const lab = new Lab();
    lab.run(['create', 'configmap', 'settings', '--from-literal=a=1']);
    lab.run(['create', 'sa', 'robot']);
    const out = lab.run(['get', 'cm,sa']).stdout;
    expect(out).toBe('NAME                 DATA   AGE\nconfigmap/settings   1      0s\n\nNAME                   SECRETS   AGE\nserviceaccount/robot   0         0s\n');
  });

  it('rejects a bad -o before reading the cluster', () => {
    const lab = new Lab();
    expect(lab.run(['get', 'pods', '-o', 'bogus']).stderr).toBe(
      'error: unable to match a printer suitable for the output format "bogus", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
    );
  });

  it('prints jsonpath', () => {
    const lab = new Lab();
    lab.run(['run', 'nginx', '--image=nginx']);
    expect(lab.run(['get', 'pod', 'nginx', '-o', 'jsonpath={.spec.containers[0].image}']).stdout).toBe('nginx');
  });
});

describe('describe', () => {
  it('matches a name prefix and reports unknown names', () => {
    const lab = new Lab();
    lab.run(['create', 'configmap', 'settings', '--from-literal=a=1']);
    const out = lab.run(['describe', 'cm', 'sett']).stdout;
    expect(out.split('\n')[0]).toBe('Name:         settings');
    expect(lab.run(['describe', 'cm', 'zzz']).stderr).toBe('Error from server (NotFound): configmaps "zzz" not found\n');
    expect(lab.run(['describe']).stderr).toBe(
      'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n',
    );
  });
});

describe('explain', () => {
  it('prints the kind header, the field and its fields', () => {
    const lab = new Lab();
    const out = lab.run(['explain', 'pods.spec.containers']).stdout;
    const lines = out.split('\n');
    expect(lines.slice(0, 5)).toEqual(['KIND:       Pod', 'VERSION:    v1', '', 'FIELD: containers <[]Container>', '']);
    expect(lines).toContain('DESCRIPTION:');
    expect(lines).toContain('  name\t<string> -required-');
    expect(lab.run(['explain', 'pods.spec.bogus']).stderr).toBe('error: field "bogus" does not exist\n');
    expect(lab.run(['explain', 'deploy']).stdout.split('\n').slice(0, 3)).toEqual(['GROUP:      apps', 'KIND:       Deployment', 'VERSION:    v1']);
  });

  it('knows the security context fields of 1.32, and no lifecycle field of a later release', () => {
    const lab = new Lab();
    expect(lab.run(['explain', 'pod.spec.containers.securityContext.readOnlyRootFilesystem']).stdout).toContain('FIELD: readOnlyRootFilesystem <boolean>');
    const pod = lab.run(['explain', 'pod.spec.securityContext']).stdout;
    for (const name of ['fsGroup', 'runAsGroup', 'runAsUser', 'supplementalGroups', 'sysctls']) expect(pod).toMatch(new RegExp(`\\n  ${name}\\t<`));
    expect(lab.run(['explain', 'pod.spec.containers.lifecycle']).stdout).not.toContain('stopSignal');
  });
});

// `kubectl <command> --help` (and the root help and `kubectl options`) compared byte for byte
// with captures from the real kubectl 1.32 under test/golden-files/kubectl-help/.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Lab } from './harness';
import type { KubeObject } from '../../sim/api/types';
import { helpPaths, helpText } from '../../sim/kubectl/help';

const dir = join(__dirname, '../golden-files/kubectl-help');
const cases = readFileSync(join(dir, 'cases.txt'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() && !line.startsWith('#'))
  .map((line) => {
    const bar = line.indexOf('|');
    return { name: line.slice(0, bar), args: line.slice(bar + 1).split(' ') };
  });

/** Help goes to stdout with exit code 0; anything else is part of what differs. */
function simulate(args: string[]): string {
  const result = new Lab().run(args);
  return result.stdout + result.stderr + (result.code === 0 ? '' : `--- exit ${result.code}\n`);
}

describe('kubectl help matches the real client byte for byte', () => {
  it('covers every command the lab implements', () => {
    const names = new Set(cases.map((c) => c.name));
    for (const name of ['root', 'options', 'get', 'describe', 'create', 'apply', 'delete', 'logs', 'exec', 'explain', 'label', 'annotate', 'cluster-info', 'api-resources', 'config', 'rollout', 'set', 'scale', 'expose', 'top', 'top_pod', 'top_node', 'port-forward', 'edit', 'wait', 'cordon', 'uncordon', 'drain', 'taint', 'replace']) {
      expect(names.has(name), name).toBe(true);
    }
  });
  for (const c of cases) {
    it(c.name, () => {
      expect(simulate(c.args)).toBe(readFileSync(join(dir, `${c.name}.golden`), 'utf8'));
    });
  }
});

const live = existsSync('/usr/bin/kubectl');
describe.skipIf(!live)('against the live /usr/bin/kubectl', () => {
  it('the checked-in help goldens are what the binary prints today', () => {
    for (const c of cases) {
      // HOME is fixed: `kubectl options` shows the cache directory under it.
      const fresh = execFileSync('/usr/bin/kubectl', c.args, { encoding: 'utf8', env: { ...process.env, HOME: '/root' }, timeout: 30_000 });
      expect(fresh, c.name).toBe(readFileSync(join(dir, `${c.name}.golden`), 'utf8'));
      expect(simulate(c.args), c.name).toBe(fresh);
    }
  });

  it('the captured help the lab prints and reads its flags from is what the binary prints today', () => {
    const run = (args: string[]) => execFileSync('/usr/bin/kubectl', args, { encoding: 'utf8', env: { ...process.env, HOME: '/root' }, timeout: 30_000 });
    for (const path of helpPaths()) {
      const words = path.split(' ').slice(1);
      const fresh = path === 'kubectl options output' ? run(['options']) : run(words.length ? [...words, '--help'] : []);
      expect(helpText(path), path).toBe(fresh);
      if (path !== 'kubectl options output') expect(simulate([...words, '--help']), path).toBe(fresh);
    }
  });
});

// Flags the help lists that change what a learner sees.
describe('flags kubectl help lists', () => {
  const pod = (name: string, labels: Record<string, string>): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels },
    spec: { containers: [{ name: 'app', image: 'busybox' }] },
    status: { phase: 'Running' },
  });

  it('get --ignore-not-found drops NotFound errors', () => {
    const lab = new Lab();
    expect(lab.run(['get', 'pod', 'missing', '--ignore-not-found'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(lab.run(['get', 'pod', 'missing']).code).toBe(1);
  });

  it('describe -f describes the objects a manifest names', () => {
    const lab = new Lab();
    lab.run(['create', 'configmap', 'settings', '--from-literal=a=b']);
    lab.write('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n');
    expect(lab.run(['describe', '-f', 'cm.yaml'])).toEqual(lab.run(['describe', 'configmap', 'settings']));
  });

  it('logs -l prints the last 10 lines of every matching pod', () => {
    const lab = new Lab();
    lab.add(pod('web-1', { app: 'web' }));
    lab.add(pod('web-2', { app: 'web' }));
    lab.add(pod('db', { app: 'db' }));
    lab.api.hooks.logs = (target, options) => {
      const all = Array.from({ length: 12 }, (_, i) => ({ time: lab.now, stream: 'stdout' as const, text: `${target.metadata.name} ${i}` }));
      return all.slice(options.tailLines !== undefined ? -options.tailLines : 0);
    };
    const result = lab.run(['logs', '-l', 'app=web']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').filter(Boolean)).toEqual([...Array.from({ length: 10 }, (_, i) => `web-1 ${i + 2}`), ...Array.from({ length: 10 }, (_, i) => `web-2 ${i + 2}`)]);
    expect(lab.run(['logs', '-l', 'app=web', '--tail=1']).stdout).toBe('web-1 11\nweb-2 11\n');
    expect(lab.run(['logs', '-l', 'app=none']).stderr).toBe('No resources found in default namespace.\n');
    expect(lab.run(['logs', 'db', '-l', 'app=web']).stderr).toBe("error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n");
  });

  it('scale and cordon honour --dry-run', () => {
    const lab = new Lab();
    lab.run(['create', 'deployment', 'web', '--image=nginx']);
    expect(lab.run(['scale', 'deploy/web', '--replicas=3', '--dry-run=server']).stdout).toBe('deployment.apps/web scaled (server dry run)\n');
    expect(lab.run(['scale', 'deploy/web', '--replicas=3', '--dry-run=client']).stdout).toBe('deployment.apps/web scaled (dry run)\n');
    expect(lab.api.get('Deployment', 'default', 'web').spec.replicas).toBe(1);
    expect(lab.run(['scale', 'deploy/web', '--replicas=2', '-o', 'name']).stdout).toBe('deployment.apps/web\n');
    expect(lab.api.get('Deployment', 'default', 'web').spec.replicas).toBe(2);
    lab.add({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node01' }, spec: {}, status: {} });
    expect(lab.run(['cordon', 'node01', '--dry-run=client']).stdout).toBe('node/node01 cordoned (dry run)\n');
    expect(lab.api.get('Node', undefined, 'node01').spec.unschedulable).toBeUndefined();
    expect(lab.run(['cordon', 'node01']).stdout).toBe('node/node01 cordoned\n');
    expect(lab.run(['uncordon', 'node01', '--dry-run=server']).stdout).toBe('node/node01 uncordoned (server dry run)\n');
    expect(lab.api.get('Node', undefined, 'node01').spec.unschedulable).toBe(true);
  });

  it('set env -e and set image -l', () => {
    const lab = new Lab();
    lab.run(['create', 'deployment', 'web', '--image=nginx']);
    lab.run(['create', 'deployment', 'other', '--image=nginx']);
    expect(lab.run(['set', 'env', 'deploy/web', '-e', 'A=1,2', '--env=B=3']).stdout).toBe('deployment.apps/web env updated\n');
    expect(lab.api.get('Deployment', 'default', 'web').spec.template.spec.containers[0].env).toEqual([
      { name: 'A', value: '1,2' },
      { name: 'B', value: '3' },
    ]);
    expect(lab.run(['set', 'image', 'deployment', '-l', 'app=web', 'nginx=nginx:1.27']).stdout).toBe('deployment.apps/web image updated\n');
    expect(lab.api.get('Deployment', 'default', 'web').spec.template.spec.containers[0].image).toBe('nginx:1.27');
    expect(lab.api.get('Deployment', 'default', 'other').spec.template.spec.containers[0].image).toBe('nginx');
  });

  it('create <generator> --save-config records the last-applied configuration', () => {
    const lab = new Lab();
    lab.run(['create', 'namespace', 'team', '--save-config']);
    const annotation = lab.api.get('Namespace', undefined, 'team').metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'];
    expect(JSON.parse(annotation!)).toMatchObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
  });

  it('config get-contexts -o name and --no-headers', () => {
    const lab = new Lab();
    expect(lab.run(['config', 'get-contexts', '-o', 'name']).stdout).toBe('kubernetes-admin@kubernetes\n');
    expect(lab.run(['config', 'get-contexts', '--no-headers']).stdout).toMatch(/^\*\s+kubernetes-admin@kubernetes/);
    expect(lab.run(['config', 'get-contexts', '-o', 'yaml'])).toEqual({
      stdout: '',
      stderr: 'error: --output yaml is not available in kubectl config get-contexts; resetting to default output format\n',
      code: 1,
    });
  });

  it('a real flag the lab cannot honour fails plainly instead of being ignored', () => {
    const lab = new Lab();
    expect(lab.run(['get', 'pods', '--server-print=false'])).toEqual({ stdout: '', stderr: 'error: --server-print is not supported in this lab\n', code: 1 });
    expect(lab.run(['proxy', '--port=8001']).stderr).toBe('error: "kubectl proxy" is not available in this lab\n');
    expect(lab.run(['delete', 'pod', 'web', '--raw=/api/v1']).stderr).toBe('error: --raw is not supported in this lab\n');
  });

  it('accepts the global flags kubectl options lists', () => {
    const lab = new Lab();
    expect(lab.run(['get', 'pods', '--insecure-skip-tls-verify', '--as=jane', '--cache-dir=/tmp/c', '-v=6']).stderr).toBe('No resources found in default namespace.\n');
  });

  it('label --list, -f and -A', () => {
    const lab = new Lab();
    lab.add(pod('web', { app: 'web', tier: 'front' }));
    lab.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' }, spec: {}, status: { phase: 'Active' } });
    lab.add({ ...pod('api', { app: 'web' }), metadata: { name: 'api', namespace: 'team', labels: { app: 'web' } } });
    expect(lab.run(['label', 'pod', 'web', '--list']).stdout).toBe('app=web\ntier=front\n');
    expect(lab.run(['label', 'pods', '--all', '--list']).stdout).toBe('Listing labels for Pod.v1/web:\n app=web\n tier=front\n');
    lab.write('web.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n');
    expect(lab.run(['label', '-f', 'web.yaml', 'seen=yes']).stdout).toBe('pod/web labeled\n');
    expect(lab.api.get('Pod', 'default', 'web').metadata.labels?.seen).toBe('yes');
    expect(lab.run(['annotate', 'pods', '-l', 'app=web', '-A', 'note=x']).stdout).toBe('pod/web annotated\npod/api annotated\n');
    expect(lab.api.get('Pod', 'team', 'api').metadata.annotations).toEqual({ note: 'x' });
  });

  it('top --sort-by, --no-headers and node --show-capacity', () => {
    const lab = new Lab();
    const podMetrics = (name: string, cpu: string, memory: string) => ({
      apiVersion: 'metrics.k8s.io/v1beta1',
      kind: 'PodMetrics',
      metadata: { name, namespace: 'default' },
      containers: [{ name: 'a', usage: { cpu, memory } }],
    });
    lab.add({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node01' }, spec: {}, status: { capacity: { cpu: '4', memory: '4Gi' }, allocatable: { cpu: '2', memory: '2Gi' } } });
    lab.api.hooks.virtualList = (kind) =>
      kind === 'PodMetrics'
        ? [podMetrics('a', '100m', '300Mi'), podMetrics('b', '300m', '100Mi')]
        : kind === 'NodeMetrics'
          ? [{ apiVersion: 'metrics.k8s.io/v1beta1', kind: 'NodeMetrics', metadata: { name: 'node01' }, usage: { cpu: '1', memory: '1Gi' } }]
          : undefined;
    expect(lab.run(['top', 'pod', '--sort-by=cpu']).stdout).toBe('NAME   CPU(cores)   MEMORY(bytes)   \nb      300m         100Mi           \na      100m         300Mi           \n');
    expect(lab.run(['top', 'pod', '--sort-by=memory', '--no-headers']).stdout).toBe('a     100m   300Mi   \nb     300m   100Mi   \n');
    expect(lab.run(['top', 'pod', '--sort-by=disk']).stderr).toBe('error: --sort-by accepts only cpu or memory\n');
    expect(lab.run(['top', 'node']).stdout).toContain('1000m        50%');
    expect(lab.run(['top', 'node', '--show-capacity']).stdout).toContain('1000m        25%');
  });

  it('api-resources --verbs, --sort-by and --no-headers', () => {
    const lab = new Lab();
    const names = (args: string[]) => lab.run(['api-resources', '-o', 'name', ...args]).stdout.split('\n').filter(Boolean);
    const all = names([]);
    expect(names(['--sort-by=name'])).toEqual([...all].sort((a, b) => (a.split('.')[0] < b.split('.')[0] ? -1 : 1)));
    expect(names(['--verbs=list']).length).toBeLessThanOrEqual(all.length);
    expect(lab.run(['api-resources', '--sort-by=group']).stderr).toBe('error: --sort-by accepts only name or kind\n');
    expect(lab.run(['api-resources', '--no-headers']).stdout.startsWith('NAME')).toBe(false);
  });

  it('rollout restart -l and -o name', () => {
    const lab = new Lab();
    lab.run(['create', 'deployment', 'web', '--image=nginx']);
    lab.run(['create', 'deployment', 'db', '--image=postgres']);
    expect(lab.run(['rollout', 'restart', 'deployment', '-l', 'app=web'])).toEqual({ stdout: 'deployment.apps/web restarted\n', stderr: '', code: 0 });
    expect(lab.api.get('Deployment', 'default', 'web').spec.template.metadata.annotations).toHaveProperty(['kubectl.kubernetes.io/restartedAt']);
    expect(lab.api.get('Deployment', 'default', 'db').spec.template.metadata.annotations).toBeUndefined();
    expect(lab.run(['rollout', 'pause', 'deploy/db', '-o', 'name']).stdout).toBe('deployment.apps/db\n');
  });

  it('expose --external-ip, --session-affinity, --load-balancer-ip, --save-config and -f', () => {
    const lab = new Lab();
    lab.run(['create', 'deployment', 'web', '--image=nginx', '--port=80']);
    const service = JSON.parse(
      lab.run(['expose', 'deploy/web', '--type=LoadBalancer', '--external-ip=1.2.3.4', '--session-affinity=ClientIP', '--load-balancer-ip=5.6.7.8', '--dry-run=client', '-o', 'json']).stdout,
    );
    expect(service.spec).toMatchObject({ type: 'LoadBalancer', externalIPs: ['1.2.3.4'], sessionAffinity: 'ClientIP', loadBalancerIP: '5.6.7.8' });
    expect(lab.run(['expose', 'deploy/web', '--session-affinity=Sticky']).stderr).toBe('error: unknown session affinity: Sticky\n');
    lab.write('web.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n');
    expect(lab.run(['expose', '-f', 'web.yaml', '--save-config']).stdout).toBe('service/web exposed\n');
    expect(lab.api.get('Service', 'default', 'web').metadata.annotations).toHaveProperty(['kubectl.kubernetes.io/last-applied-configuration']);
  });

  it('wait -A, --field-selector and -f', () => {
    const lab = new Lab();
    lab.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' }, spec: {}, status: { phase: 'Active' } });
    lab.add({ ...pod('a', { app: 'web' }), metadata: { name: 'a', namespace: 'team', labels: { app: 'web' } } });
    lab.add(pod('b', { app: 'web' }));
    expect(lab.run(['wait', '--for=jsonpath={.status.phase}=Running', 'pods', '-l', 'app=web', '-A']).stdout).toBe('pod/b condition met\npod/a condition met\n');
    expect(lab.run(['wait', '--for=jsonpath={.status.phase}=Running', 'pods', '--field-selector=metadata.name=b']).stdout).toBe('pod/b condition met\n');
    lab.write('b.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n');
    expect(lab.run(['wait', '--for=jsonpath={.status.phase}=Running', '-f', 'b.yaml']).stdout).toBe('pod/b condition met\n');
  });

  it('create -f --save-config, create/apply -l and replace --save-config', () => {
    const lab = new Lab();
    lab.write('two.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    keep: "yes"\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n');
    expect(lab.run(['create', '-f', 'two.yaml', '-l', 'keep=yes', '--save-config']).stdout).toBe('configmap/a created\n');
    expect(lab.api.get('ConfigMap', 'default', 'a').metadata.annotations).toHaveProperty(['kubectl.kubernetes.io/last-applied-configuration']);
    expect(lab.run(['get', 'cm', 'b']).code).toBe(1);
    expect(lab.run(['apply', '-f', 'two.yaml', '-l', 'keep!=yes']).stdout).toBe('configmap/b created\n');
    expect(lab.run(['apply', '-f', 'two.yaml', '-l', 'none=here']).stderr).toBe('error: no objects passed to apply\n');
    expect(lab.run(['replace', '-f', 'two.yaml', '-l', 'x=y']).stderr).toBe('Error: unknown shorthand flag: \'l\' in -l\nSee \'kubectl replace --help\' for usage.\n');
  });

  it('edit -f and exec -f find their object through the manifest', () => {
    const lab = new Lab();
    lab.run(['create', 'configmap', 'settings', '--from-literal=mode=slow']);
    lab.write('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n');
    expect(lab.run(['edit', '-f', 'cm.yaml']).stdout).toBe(lab.run(['edit', 'cm', 'settings']).stdout);
    lab.add(pod('p', {}));
    lab.api.hooks.exec = (_pod, argv, options) =>
      (function* () {
        options.stdout(`ran ${argv.join(' ')} in ${_pod.metadata.name}\n`);
        return 0;
      })();
    lab.write('p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n');
    expect(lab.run(['exec', '-f', 'p.yaml', '--', 'date'])).toEqual({ stdout: 'ran date in p\n', stderr: '', code: 0 });
  });

  it('logs --limit-bytes, --since-time and --all-pods', () => {
    const lab = new Lab();
    lab.run(['create', 'deployment', 'web', '--image=nginx', '--replicas=2']);
    lab.add(pod('web-1', { app: 'web' }));
    lab.add(pod('web-2', { app: 'web' }));
    const asked: (number | undefined)[] = [];
    lab.api.hooks.logs = (target, options) => {
      asked.push(options.sinceSeconds);
      return [{ time: lab.now, stream: 'stdout' as const, text: `hello from ${target.metadata.name}` }];
    };
    expect(lab.run(['logs', 'web-1', '--limit-bytes=5']).stdout).toBe('hello');
    expect(lab.run(['logs', 'deploy/web', '--all-pods']).stdout).toBe('hello from web-1\nhello from web-2\n');
    lab.run(['logs', 'web-1', '--since-time=2026-01-15T08:59:00Z']);
    expect(asked[asked.length - 1]).toBe(60);
    expect(lab.run(['logs', 'web-1', '--since-time=yesterday']).stderr).toBe(
      'error: parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"\n',
    );
    expect(lab.run(['logs', 'web-1', '--since=1m', '--since-time=2026-01-15T08:59:00Z']).stderr).toBe('error: at most one of `sinceTime` or `sinceSeconds` may be specified\n');
  });

  it('scale -l, --all, -f and --resource-version; cordon -l', () => {
    const lab = new Lab();
    lab.run(['create', 'deployment', 'web', '--image=nginx']);
    lab.run(['create', 'deployment', 'db', '--image=postgres']);
    expect(lab.run(['scale', 'deployment', '-l', 'app=web', '--replicas=2']).stdout).toBe('deployment.apps/web scaled\n');
    expect(lab.api.get('Deployment', 'default', 'db').spec.replicas).toBe(1);
    expect(lab.run(['scale', 'deployment', '--all', '--replicas=3']).stdout).toBe('deployment.apps/db scaled\ndeployment.apps/web scaled\n');
    lab.write('db.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: db\n');
    expect(lab.run(['scale', '-f', 'db.yaml', '--replicas=0']).stdout).toBe('deployment.apps/db scaled\n');
    const version = lab.api.get('Deployment', 'default', 'web').metadata.resourceVersion;
    expect(lab.run(['scale', 'deploy/web', '--replicas=1', '--resource-version=1']).stderr).toBe(`error: Expected resource version to be 1, was ${version}\n`);
    expect(lab.run(['scale', 'deploy/web', '--replicas=1', `--resource-version=${version}`]).stdout).toBe('deployment.apps/web scaled\n');
    lab.add({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', labels: { pool: 'a' } }, spec: {}, status: {} });
    lab.add({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n2', labels: { pool: 'b' } }, spec: {}, status: {} });
    expect(lab.run(['cordon', '-l', 'pool=a']).stdout).toBe('node/n1 cordoned\n');
    expect(lab.api.get('Node', undefined, 'n2').spec.unschedulable).toBeUndefined();
  });
});

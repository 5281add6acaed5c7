// kubectl against the simulated API server: what a learner sees for everyday commands.
import { describe, expect, it } from 'vitest';
import { Lab } from './harness';

const podYaml = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
`;

describe('taint', () => {
  it('adds, replaces and removes node taints with kubectl\'s words', () => {
    const lab = new Lab();
    lab.api.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node01' }, spec: {}, status: {} });
    const taints = () => JSON.stringify(lab.api.get('Node', undefined, 'node01').spec?.taints ?? []);
    expect(lab.run(['taint', 'nodes', 'node01', 'dedicated=gpu:NoSchedule'])).toEqual({ stdout: 'node/node01 tainted\n', stderr: '', code: 0 });
    expect(lab.run(['taint', 'nodes', 'node01', 'dedicated=cpu:NoSchedule']).stderr).toBe(
      'error: node node01 already has dedicated taint(s) with same effect(s) and --overwrite is false\n',
    );
    expect(lab.run(['taint', 'nodes', 'node01', 'dedicated=cpu:NoSchedule', '--overwrite']).stdout).toBe('node/node01 modified\n');
    expect(taints()).toBe('[{"key":"dedicated","value":"cpu","effect":"NoSchedule"}]');
    expect(lab.run(['taint', 'node', 'node01', 'dedicated-']).stdout).toBe('node/node01 untainted\n');
    expect(taints()).toBe('[]');
    expect(lab.run(['taint', 'nodes', 'node01', 'gone:NoSchedule-'])).toEqual({ stdout: '', stderr: 'error: taint "gone:NoSchedule" not found\n', code: 1 });
  });

  it('refuses what kubectl refuses, with its messages (golden from kubectl 1.32 where it needs no server)', () => {
    const lab = new Lab();
    expect(lab.run(['taint', 'nodes', 'node01']).stderr).toBe('error: at least one taint update is required\n');
    expect(lab.run(['taint', 'nodes', 'node01', 'x=y:Foo']).stderr).toBe("error: invalid taint effect: Foo, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n");
    expect(lab.run(['taint', 'nodes', 'node01', 'a=b=c:NoSchedule']).stderr).toBe("error: invalid taint spec: a=b=c:NoSchedule\nSee 'kubectl taint -h' for help and examples\n");
    expect(lab.run(['taint', 'nodes', 'node01', 'a=b:NoSchedule', 'a=c:NoSchedule']).stderr).toBe(
      "error: duplicated taints with the same key and effect: {a c NoSchedule <nil>}\nSee 'kubectl taint -h' for help and examples\n",
    );
    expect(lab.run(['taint', 'pods', 'x', 'a=b:NoSchedule']).stderr).toBe('error: invalid resource type pods, only ["node" "nodes"] are supported\n');
    expect(lab.run(['taint', 'nodes', 'nope', 'a=b:NoSchedule']).stderr).toBe('Error from server (NotFound): nodes "nope" not found\n');
  });
});

describe('create -f and apply -f', () => {
  it('refuses a kind in an apiVersion that does not serve it, after applying the rest, as the REST mapping does', () => {
    const lab = new Lab();
    lab.write('mixed.yaml', `${podYaml}---\napiVersion: apps/v1\nkind: ReplicationController\nmetadata:\n  name: frontend\n`);
    expect(lab.run(['apply', '-f', 'mixed.yaml'])).toEqual({
      stdout: 'pod/nginx created\n',
      stderr:
        'error: resource mapping not found for name: "frontend" namespace: "" from "mixed.yaml": no matches for kind "ReplicationController" in version "apps/v1"\nensure CRDs are installed first\n',
      code: 1,
    });
    lab.write('two.yaml', 'apiVersion: v1\nkind: Deployment\nmetadata: {name: a}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: b, namespace: dev}\n');
    expect(lab.run(['create', '-f', 'two.yaml']).stderr).toBe(
      'resource mapping not found for name: "a" namespace: "" from "two.yaml": no matches for kind "Deployment" in version "v1"\nensure CRDs are installed first\n' +
        'resource mapping not found for name: "b" namespace: "dev" from "two.yaml": no matches for kind "Widget" in version "example.com/v1"\nensure CRDs are installed first\n',
    );
  });

  it('creates from a file and refuses a second create', () => {
    const lab = new Lab();
    lab.write('pod.yaml', podYaml);
    expect(lab.run(['create', '-f', 'pod.yaml'])).toEqual({ stdout: 'pod/nginx created\n', stderr: '', code: 0 });
    expect(lab.run(['create', '-f', 'pod.yaml'])).toEqual({
      stdout: '',
      stderr: 'Error from server (AlreadyExists): error when creating "pod.yaml": pods "nginx" already exists\n',
      code: 1,
    });
  });

  it('applies: created, unchanged, configured', () => {
    const lab = new Lab();
    lab.write('pod.yaml', podYaml);
    expect(lab.run(['apply', '-f', 'pod.yaml']).stdout).toBe('pod/nginx created\n');
    expect(lab.run(['apply', '-f', 'pod.yaml']).stdout).toBe('pod/nginx unchanged\n');
    lab.write('pod.yaml', podYaml.replace('app: web', 'app: web\n    tier: fe'));
    expect(lab.run(['apply', '-f', 'pod.yaml']).stdout).toBe('pod/nginx configured\n');
    expect(lab.api.get('Pod', 'default', 'nginx').metadata.labels).toEqual({ app: 'web', tier: 'fe' });
    // A label removed from the file goes away; one added by hand stays.
    lab.run(['label', 'pod', 'nginx', 'manual=yes']);
    lab.write('pod.yaml', podYaml);
    expect(lab.run(['apply', '-f', 'pod.yaml']).stdout).toBe('pod/nginx configured\n');
    expect(lab.api.get('Pod', 'default', 'nginx').metadata.labels).toEqual({ app: 'web', manual: 'yes' });
  });

  it('reads stdin, several documents and directories', () => {
    const lab = new Lab();
    const two = `${podYaml}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: "1"\n`;
    expect(lab.run(['apply', '-f', '-'], { stdin: two }).stdout).toBe('pod/nginx created\nconfigmap/settings created\n');
    lab.write('manifests/svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n');
    expect(lab.run(['create', '-f', 'manifests/']).stdout).toBe('service/web created\n');
  });

  it('explains missing files, URLs and empty input as kubectl does', () => {
    const lab = new Lab();
    expect(lab.run(['apply', '-f', 'nope.yaml']).stderr).toBe('error: the path "nope.yaml" does not exist\n');
    lab.write('empty.yaml', '');
    expect(lab.run(['apply', '-f', 'empty.yaml']).stderr).toBe('error: no objects passed to apply\n');
    expect(lab.run(['apply', '-f', 'https://example.com/pod.yaml']).stderr).toMatch(/^error: unable to read URL "https:\/\/example.com\/pod.yaml"/);
  });

  it('prints the dry-run forms', () => {
    const lab = new Lab();
    lab.write('pod.yaml', podYaml);
    expect(lab.run(['apply', '-f', 'pod.yaml', '--dry-run=client']).stdout).toBe('pod/nginx created (dry run)\n');
    expect(lab.run(['apply', '-f', 'pod.yaml', '--dry-run=server']).stdout).toBe('pod/nginx created (server dry run)\n');
    expect(lab.run(['get', 'pods']).stderr).toBe('No resources found in default namespace.\n');
  });
});

describe('get', () => {
  it('says when nothing is there and rejects unknown types', () => {
    const lab = new Lab();
    expect(lab.run(['get', 'pods'])).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
    expect(lab.run(['get', 'pods', '-n', 'dev']).stderr).toBe('No resources found in dev namespace.\n');
    expect(lab.run(['get', 'pods', '-A']).stderr).toBe('No resources found\n');
    expect(lab.run(['get', 'pdos'])).toEqual({ stdout: '', stderr: 'error: the server doesn\'t have a resource type "pdos"\n', code: 1 });
    expect(lab.run(['get', 'pod', 'ghost'])).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "ghost" not found\n', code: 1 });
  });

  it('prints an empty List for yaml and json when nothing is there, and nothing for name and jsonpath', () => {
    const lab = new Lab();
    expect(lab.run(['get', 'pods', '-o', 'yaml'])).toEqual({ stdout: 'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n', stderr: '', code: 0 });
    expect(lab.run(['get', 'pods', '-o', 'json'])).toEqual({
      stdout: '{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n',
      stderr: '',
      code: 0,
    });
    expect(lab.run(['get', 'pods', '-o', 'name'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(lab.run(['get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(lab.run(['get', 'pods', '-o', 'wide']).stderr).toBe('No resources found in default namespace.\n');
  });

  it('prints names with -o name for several kinds', () => {
    const lab = new Lab();
    lab.run(['run', 'nginx', '--image=nginx']);
    lab.run(['create', 'deployment', 'web', '--image=nginx']);
    expect(lab.run(['get', 'po,deploy', '-o', 'name']).stdout).toBe('pod/nginx\ndeployment.apps/web\n');
    expect(lab.run(['get', 'pod/nginx', 'deploy/web', '-o', 'name']).stdout).toBe('pod/nginx\ndeployment.apps/web\n');
  });

  it('filters with -l', () => {
    const lab = new Lab();
    lab.run(['run', 'a', '--image=nginx', '--labels=app=web']);
    lab.run(['run', 'b', '--image=nginx', '--labels=app=db']);
    expect(lab.run(['get', 'pods', '-l', 'app=db', '-o', 'name']).stdout).toBe('pod/b\n');
  });

  it('watches: prints a row for each change until the request timeout', () => {
    const lab = new Lab();
    let created = false;
    const result = lab.run(['get', 'pods', '-w', '-o', 'name'], {
      onWait: (l) => {
        if (!created) {
          created = true;
          l.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'late', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
        }
      },
    });
    expect(result.stdout).toBe('pod/late\n');
    expect(result.code).toBe(0);
  });
});

describe('delete', () => {
  it('deletes by name and by type/name, and reports missing objects', () => {
    const lab = new Lab();
    lab.run(['create', 'configmap', 'a', '--from-literal=x=1']);
    lab.run(['create', 'configmap', 'b', '--from-literal=x=1']);
    expect(lab.run(['delete', 'configmap', 'a']).stdout).toBe('configmap "a" deleted\n');
    expect(lab.run(['delete', 'cm/b']).stdout).toBe('configmap "b" deleted\n');
    expect(lab.run(['delete', 'cm', 'a'])).toEqual({ stdout: '', stderr: 'Error from server (NotFound): configmaps "a" not found\n', code: 1 });
  });

  it('prints the force warning and deletes deployments with their group', () => {
    const lab = new Lab();
    lab.run(['create', 'deployment', 'web', '--image=nginx']);
    const result = lab.run(['delete', 'deploy', 'web', '--force', '--grace-period=0']);
    expect(result.stderr).toBe(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    );
    expect(result.stdout).toBe('deployment.apps "web" force deleted\n');
  });

  it('needs a name, -l or --all', () => {
    const lab = new Lab();
    expect(lab.run(['delete', 'pods']).stderr).toBe('error: resource(s) were provided, but no name was specified\n');
    lab.run(['run', 'a', '--image=nginx']);
    lab.run(['run', 'b', '--image=nginx']);
    expect(lab.run(['delete', 'pods', '--all']).stdout).toBe('pod "a" deleted\npod "b" deleted\n');
  });

  it('waits in virtual time for a terminating pod to go', () => {
    const lab = new Lab();
    lab.add({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { nodeName: 'node01', containers: [{ name: 'c', image: 'nginx' }] } });
    const start = lab.now;
    let removedAt: number | undefined;
    const result = lab.run(['delete', 'pod', 'p'], {
      onWait: (l) => {
        // Stands in for the kubelet: the pod goes 5 s after the delete.
        if (removedAt === undefined && l.now - start >= 5000) {
          removedAt = l.now;
          l.api.delete('Pod', 'default', 'p', { gracePeriodSeconds: 0 });
        }
      },
    });
    expect(result.stdout).toBe('pod "p" deleted\n');
    expect(lab.now - start).toBeGreaterThanOrEqual(5000);
  });
});

describe('label and annotate', () => {
  it('adds, refuses to overwrite, overwrites and removes', () => {
    const lab = new Lab();
    lab.run(['run', 'nginx', '--image=nginx']);
    expect(lab.run(['label', 'pod', 'nginx', 'tier=fe']).stdout).toBe('pod/nginx labeled\n');
    expect(lab.run(['label', 'pod', 'nginx', 'tier=be'])).toEqual({
      stdout: '',
      stderr: "error: 'tier' already has a value (fe), and --overwrite is false\n",
      code: 1,
    });
    expect(lab.run(['label', 'pod', 'nginx', 'tier=be', '--overwrite']).stdout).toBe('pod/nginx labeled\n');
    expect(lab.run(['label', 'pod', 'nginx', 'tier-']).stdout).toBe('pod/nginx unlabeled\n');
    expect(lab.api.get('Pod', 'default', 'nginx').metadata.labels).toEqual({ run: 'nginx' });
    expect(lab.run(['annotate', 'pod', 'nginx', 'note=hello']).stdout).toBe('pod/nginx annotated\n');
    expect(lab.api.get('Pod', 'default', 'nginx').metadata.annotations).toEqual({ note: 'hello' });
  });
});

describe('scale, expose, version, config', () => {
  it('scales a deployment', () => {
    const lab = new Lab();
    lab.run(['create', 'deployment', 'web', '--image=nginx']);
    expect(lab.run(['scale', 'deployment', 'web', '--replicas=3']).stdout).toBe('deployment.apps/web scaled\n');
    expect(lab.api.get('Deployment', 'default', 'web').spec.replicas).toBe(3);
    expect(lab.run(['scale', 'deploy/web', '--replicas=1', '--current-replicas=2']).stderr).toBe('error: Expected replicas to be 2, was 3\n');
  });

  it('exposes a deployment with its selector', () => {
    const lab = new Lab();
    lab.run(['create', 'deployment', 'web', '--image=nginx', '--port=80']);
    expect(lab.run(['expose', 'deployment', 'web', '--port=8080', '--target-port=80']).stdout).toBe('service/web exposed\n');
    const svc = lab.api.get('Service', 'default', 'web');
    expect(svc.spec.selector).toEqual({ app: 'web' });
    expect(svc.spec.ports).toEqual([{ protocol: 'TCP', port: 8080, targetPort: 80 }]);
  });

  it('prints versions', () => {
    const lab = new Lab();
    expect(lab.run(['version']).stdout).toBe('Client Version: v1.32.4\nKustomize Version: v5.5.0\nServer Version: v1.32.4\n');
  });

  it('changes the default namespace with set-context', () => {
    const lab = new Lab();
    lab.run(['create', 'namespace', 'dev']);
    expect(lab.run(['config', 'set-context', '--current', '--namespace=dev']).stdout).toBe('Context "kubernetes-admin@kubernetes" modified.\n');
    expect(lab.run(['run', 'x', '--image=nginx']).stdout).toBe('pod/x created\n');
    expect(lab.api.get('Pod', 'dev', 'x').metadata.namespace).toBe('dev');
    expect(lab.run(['config', 'current-context']).stdout).toBe('kubernetes-admin@kubernetes\n');
  });
});

describe('help', () => {
  it('prints the root help with no arguments', () => {
    const lab = new Lab();
    const result = lab.run([]);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('kubectl controls the Kubernetes cluster manager.');
  });

  it('prints a command help in kubectl layout', () => {
    const lab = new Lab();
    const text = lab.run(['version', '--help']).stdout;
    expect(text).toBe(
      'Print the client and server version information for the current context.\n\nExamples:\n  # Print the client and server versions for the current context\n  kubectl version\n\nOptions:\n    --client=false:\n\tIf true, shows client version only (no server required).\n\n    -o, --output=\'\':\n\tOne of \'yaml\' or \'json\'.\n\nUsage:\n  kubectl version [flags] [options]\n\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n',
    );
  });
});

describe('annotate', () => {
  it('words an overwrite refusal as kubectl annotate does', () => {
    const lab = new Lab();
    lab.run(['create', 'configmap', 'c']);
    lab.run(['annotate', 'cm', 'c', 'note=one']);
    expect(lab.run(['annotate', 'cm', 'c', 'note=two']).stderr).toBe(
      "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (one)\n",
    );
    expect(lab.run(['annotate', 'cm', 'c', 'note=two', '--overwrite']).stdout).toBe('configmap/c annotated\n');
  });
});

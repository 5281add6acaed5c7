// -k/--kustomize on apply, create, get, describe, diff, replace, delete, label, annotate, scale,
// expose, autoscale, patch, edit, set and rollout: each builds the
// kustomization as `kubectl kustomize` does and then works on the built objects as it does on
// those of -f, naming the directory where it would name the file.
import { describe, expect, it } from 'vitest';
import { generatedName, labWithCases } from './kustomize-goldens';

const commonLabelsWarning =
  "# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. Run 'kustomize edit fix' to update your Kustomization automatically.\n";

describe('kubectl -k', () => {
  it('applies, shows, diffs and deletes the objects of a kustomization, as the kustomization page does', () => {
    const lab = labWithCases();
    expect(lab.run(['apply', '-k', 'docs-apply/'])).toEqual({ stdout: 'deployment.apps/dev-my-nginx created\n', stderr: commonLabelsWarning, code: 0 });
    const live = lab.api.get('Deployment', 'default', 'dev-my-nginx');
    expect(live.spec.selector.matchLabels).toEqual({ app: 'my-nginx', run: 'my-nginx' });
    expect(live.metadata.labels).toEqual({ app: 'my-nginx' });
    expect(lab.run(['get', '-k', 'docs-apply/', '-o', 'name'])).toEqual({ stdout: 'deployment.apps/dev-my-nginx\n', stderr: commonLabelsWarning, code: 0 });
    expect(lab.run(['describe', '-k', 'docs-apply/']).stdout).toMatch(/^Name: +dev-my-nginx\nNamespace: +default\n/);
    expect(lab.run(['diff', '-k', 'docs-apply/'])).toEqual({ stdout: '', stderr: commonLabelsWarning, code: 0 });
    expect(lab.run(['apply', '-k', 'docs-apply/'])).toEqual({ stdout: 'deployment.apps/dev-my-nginx unchanged\n', stderr: commonLabelsWarning, code: 0 });
    lab.write('docs-apply/deployment.yaml', lab.fs.readFile(`${lab.cwd}/docs-apply/deployment.yaml`).replace('replicas: 2', 'replicas: 3'));
    const diff = lab.run(['diff', '-k', 'docs-apply/']);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toMatch(/^-  replicas: 2\n\+  replicas: 3$/m);
    expect(lab.run(['delete', '-k', 'docs-apply/'])).toEqual({ stdout: 'deployment.apps "dev-my-nginx" deleted\n', stderr: commonLabelsWarning, code: 0 });
  });

  it('labels, annotates and scales the objects of a kustomization', () => {
    const lab = labWithCases();
    lab.run(['apply', '-k', 'docs-apply/']);
    expect(lab.run(['label', '-k', 'docs-apply/', 'tier=web'])).toEqual({ stdout: 'deployment.apps/dev-my-nginx labeled\n', stderr: commonLabelsWarning, code: 0 });
    expect(lab.api.get('Deployment', 'default', 'dev-my-nginx').metadata.labels).toEqual({ app: 'my-nginx', tier: 'web' });
    expect(lab.run(['annotate', '-k', 'docs-apply/', 'owner=team-a']).stdout).toBe('deployment.apps/dev-my-nginx annotated\n');
    expect(lab.run(['scale', '-k', 'docs-apply/', '--replicas=4'])).toEqual({ stdout: 'deployment.apps/dev-my-nginx scaled\n', stderr: commonLabelsWarning, code: 0 });
    expect(lab.api.get('Deployment', 'default', 'dev-my-nginx').spec.replicas).toBe(4);
    expect(lab.run(['label', '-k', 'docs-apply/', '-f', 'x.yaml', 'a=b'])).toMatchObject({ stderr: 'error: only one of -f or -k can be specified\n', code: 1 });
  });

  it('exposes, autoscales, patches and edits the objects of a kustomization', () => {
    const lab = labWithCases();
    lab.run(['apply', '-k', 'docs-apply/']);
    expect(lab.run(['expose', '-k', 'docs-apply', '--port=80'])).toEqual({ stdout: 'service/dev-my-nginx exposed\n', stderr: commonLabelsWarning, code: 0 });
    expect(lab.api.get('Service', 'default', 'dev-my-nginx').spec.selector).toEqual({ app: 'my-nginx', run: 'my-nginx' });
    expect(lab.run(['autoscale', '-k', 'docs-apply', '--max=3']).stdout).toBe('horizontalpodautoscaler.autoscaling/dev-my-nginx autoscaled\n');
    expect(lab.run(['patch', '-k', 'docs-apply', '-p', '{"spec":{"replicas":3}}'])).toEqual({ stdout: 'deployment.apps/dev-my-nginx patched\n', stderr: commonLabelsWarning, code: 0 });
    expect(lab.api.get('Deployment', 'default', 'dev-my-nginx').spec.replicas).toBe(3);
    expect(lab.run(['edit', '-k', 'docs-apply']).stdout).toMatch(/^The deployment is in \.kube-edit\/deployment-dev-my-nginx\.yaml\./);
  });

  it('sets images and resources, and rolls out, in the namespace the kustomization sets', () => {
    const lab = labWithCases();
    lab.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'my-namespace' }, spec: {}, status: { phase: 'Active' } });
    lab.run(['apply', '-k', 'docs-cross-cutting']);
    const live = () => lab.api.get('Deployment', 'my-namespace', 'dev-nginx-deployment-001');
    const ref = 'deployment.apps/dev-nginx-deployment-001';
    expect(lab.run(['set', 'image', '-k', 'docs-cross-cutting', 'nginx=nginx:1.27'])).toEqual({ stdout: `${ref} image updated\n`, stderr: commonLabelsWarning, code: 0 });
    expect(live().spec.template.spec.containers[0].image).toBe('nginx:1.27');
    expect(lab.run(['set', 'resources', '-k', 'docs-cross-cutting', '--limits=cpu=200m']).stdout).toBe(`${ref} resource requirements updated\n`);
    expect(live().spec.template.spec.containers[0].resources).toEqual({ limits: { cpu: '200m' } });
    expect(lab.run(['rollout', 'pause', '-k', 'docs-cross-cutting']).stdout).toBe(`${ref} paused\n`);
    expect(live().spec.paused).toBe(true);
    expect(lab.run(['rollout', 'resume', '-k', 'docs-cross-cutting']).stdout).toBe(`${ref} resumed\n`);
    expect(lab.run(['rollout', 'restart', '-k', 'docs-cross-cutting']).stdout).toBe(`${ref} restarted\n`);
    expect(live().spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toBeDefined();
    expect(lab.run(['rollout', 'history', '-k', 'docs-cross-cutting']).stdout).toBe(`${ref} \nREVISION  CHANGE-CAUSE\n\n`);
    expect(lab.run(['rollout', 'undo', '-k', 'docs-cross-cutting']).stderr).toBe(`${commonLabelsWarning}error: no rollout history found for deployment "dev-nginx-deployment-001"\n`);
    const deployment = live();
    deployment.status = { observedGeneration: deployment.metadata.generation, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 };
    lab.api.updateStatus(deployment);
    expect(lab.run(['rollout', 'status', '-k', 'docs-cross-cutting']).stdout).toBe('deployment "dev-nginx-deployment-001" successfully rolled out\n');
  });

  it('sets env and selectors on the objects of -f', () => {
    const lab = labWithCases();
    lab.run(['apply', '-k', 'docs-composing']);
    expect(lab.run(['set', 'env', '-f', 'docs-composing/deployment.yaml', 'A=B'])).toEqual({ stdout: 'deployment.apps/my-nginx env updated\n', stderr: '', code: 0 });
    expect(lab.run(['set', 'env', '-f', 'docs-composing/deployment.yaml', '--list']).stdout).toBe('# Deployment/my-nginx, container my-nginx\nA=B\n');
    expect(lab.run(['set', 'selector', '-f', 'docs-composing/service.yaml', 'run=other']).stdout).toBe('service/my-nginx selector updated\n');
    expect(lab.api.get('Service', 'default', 'my-nginx').spec.selector).toEqual({ run: 'other' });
  });

  it('refuses what kubectl 1.32 refuses beside -k on these commands', () => {
    const lab = labWithCases();
    lab.run(['apply', '-k', 'docs-composing']);
    expect(lab.run(['rollout', 'status', '-k', 'docs-composing']).stderr).toBe(
      'error: rollout status is only supported on individual resources and resource collections - 2 resources were found\n',
    );
    // kubectl 1.32's `set env` counts only -f when it looks for resources.
    expect(lab.run(['set', 'env', '-k', 'docs-composing', 'A=B']).stderr).toBe('error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n');
    expect(lab.run(['set', 'image', '-k', 'docs-composing', 'deployment/my-nginx', 'nginx=nginx:1.27']).stderr).toBe(
      'error: resource/name arguments cannot be provided when a path is specified\n',
    );
    expect(lab.run(['expose', '-k', 'docs-composing', 'deployment', 'my-nginx']).stderr).toBe(
      'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n',
    );
    expect(lab.run(['rollout', 'undo', '-k', 'docs-composing', '-f', 'x.yaml']).stderr).toBe('error: only one of -f or -k can be specified\n');
    const missing = "unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '/home/learner/errors/no-kustomization'";
    for (const command of [['patch', '-p', '{}'], ['edit'], ['autoscale', '--max=2'], ['set', 'resources', '--limits=cpu=1'], ['rollout', 'status']]) {
      expect(lab.run([...command, '-k', 'errors/no-kustomization'])).toEqual({ stdout: '', stderr: `error: ${missing}\n`, code: 1 });
    }
    // restart, pause and resume print their errors as a list, without `error: `.
    expect(lab.run(['rollout', 'restart', '-k', 'errors/no-kustomization']).stderr).toBe(`${missing}\n`);
    // wait and set selector have no -k in kubectl 1.32.
    expect(lab.run(['wait', '-k', 'docs-composing', '--for=delete']).stderr).toBe("Error: unknown shorthand flag: 'k' in -k\nSee 'kubectl wait --help' for usage.\n");
  });

  it('creates generated ConfigMaps under their hashed names, and their Pods find them', () => {
    const lab = labWithCases();
    const name = generatedName('configmap-page-literals', 'special-config-2');
    expect(lab.run(['create', '-k', 'configmap-page-literals'])).toEqual({ stdout: `configmap/${name} created\n`, stderr: '', code: 0 });
    expect(lab.api.get('ConfigMap', 'default', name).data).toEqual({ 'special.how': 'very', 'special.type': 'charm' });
    expect(lab.run(['create', '-k', 'configmap-page-literals']).stderr).toBe(
      `Error from server (AlreadyExists): error when creating "configmap-page-literals": configmaps "${name}" already exists\n`,
    );
    const secret = generatedName('docs-secret-deployment', 'example-secret-1');
    expect(lab.run(['apply', '-k', 'docs-secret-deployment']).stdout).toBe(`secret/${secret} created\ndeployment.apps/my-app created\n`);
    expect(lab.api.get('Deployment', 'default', 'my-app').spec.template.spec.volumes[0].secret.secretName).toBe(secret);
  });

  it('replaces the built objects', () => {
    const lab = labWithCases();
    lab.run(['apply', '-k', 'docs-composing']);
    expect(lab.run(['replace', '-k', 'docs-composing']).stdout).toBe('service/my-nginx replaced\ndeployment.apps/my-nginx replaced\n');
  });

  it('sends the namespace the kustomization sets', () => {
    const lab = labWithCases();
    lab.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'my-namespace' }, spec: {}, status: { phase: 'Active' } });
    expect(lab.run(['apply', '-k', 'docs-cross-cutting']).stdout).toBe('deployment.apps/dev-nginx-deployment-001 created\n');
    expect(lab.api.get('Deployment', 'my-namespace', 'dev-nginx-deployment-001').metadata.annotations?.oncallPager).toBe('800-555-1212');
  });

  it('refuses -f with -k, and resource arguments with -k, as kubectl does', () => {
    const lab = labWithCases();
    expect(lab.run(['apply', '-k', 'docs-apply', '-f', 'docs-apply/deployment.yaml'])).toEqual({ stdout: '', stderr: 'error: only one of -f or -k can be specified\n', code: 1 });
    expect(lab.run(['get', 'pods', '-k', 'docs-apply'])).toEqual({
      stdout: '',
      stderr: 'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n',
      code: 1,
    });
    expect(lab.run(['delete', 'pod', 'web', '-f', 'docs-apply/deployment.yaml']).stderr).toBe(
      'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n',
    );
  });

  it('prints a failed build after error:, but get and describe print it bare and diff exits 2', () => {
    const lab = labWithCases();
    const missing = "unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '/home/learner/errors/no-kustomization'";
    expect(lab.run(['apply', '-k', 'errors/no-kustomization'])).toEqual({ stdout: '', stderr: `error: ${missing}\n`, code: 1 });
    expect(lab.run(['delete', '-k', 'errors/no-kustomization']).stderr).toBe(`error: ${missing}\n`);
    expect(lab.run(['get', '-k', 'errors/no-kustomization'])).toEqual({ stdout: '', stderr: `${missing}\n`, code: 1 });
    expect(lab.run(['describe', '-k', 'errors/no-kustomization']).stderr).toBe(`${missing}\n`);
    expect(lab.run(['diff', '-k', 'errors/no-kustomization'])).toEqual({ stdout: '', stderr: `error: ${missing}\n`, code: 2 });
    expect(lab.run(['apply', '-k', 'errors/unknown-field']).stderr).toBe('error: invalid Kustomization: json: unknown field "resourcez"\n');
    // The warnings of the files read before the failure come first, as kustomize printed them.
    expect(lab.run(['apply', '-k', 'errors/json-patch-missing-path']).stderr).toBe(
      "# Warning: 'patchesJson6902' is deprecated. Please use 'patches' instead. Run 'kustomize edit fix' to update your Kustomization automatically.\n" +
        'error: replace operation does not apply: doc is missing path: /spec/nothere/x: missing value\n',
    );
    expect(lab.api.list('Pod', 'default')).toEqual([]);
  });
});

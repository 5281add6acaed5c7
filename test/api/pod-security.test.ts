// Pod Security admission as kube-apiserver 1.32 runs it with kind's configuration (nothing exempt,
// every mode privileged unless a namespace label says otherwise). The refusal and warning texts are
// those of staging/src/k8s.io/pod-security-admission: admission/admission.go
// (`violates PodSecurity %q: %s`, `would violate PodSecurity %q: %s`, EvaluatePodsInNamespace),
// policy/checks.go (ForbiddenDetail, ForbiddenReason) and each policy/check_*.go.
import { describe, expect, it } from 'vitest';
import { labShell, type LabShell } from '../support/lab-shell';

/** A lab with namespace `ns` labelled with these pod-security.kubernetes.io/<key>=<value> pairs. */
function labWithNamespace(labels: Record<string, string>, ns = 'psa'): LabShell {
  const lab = labShell();
  lab.sh(`kubectl create namespace ${ns}`);
  const pairs = Object.entries(labels).map(([key, value]) => `pod-security.kubernetes.io/${key}=${value}`);
  expect(lab.sh(`kubectl label namespace ${ns} ${pairs.join(' ')}`)).toBe(`namespace/${ns} labeled\n`);
  return lab;
}

const restrictedWarningForNginx =
  'Warning: would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "nginx" must set securityContext.allowPrivilegeEscalation=false), ' +
  'unrestricted capabilities (container "nginx" must set securityContext.capabilities.drop=["ALL"]), ' +
  'runAsNonRoot != true (pod or container "nginx" must set securityContext.runAsNonRoot=true), ' +
  'seccompProfile (pod or container "nginx" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")\n';

/** A pod that meets the restricted level: what the Pod Security Standards page asks of each field. */
const restrictedPod = `apiVersion: v1
kind: Pod
metadata:
  name: locked
spec:
  securityContext:
    runAsNonRoot: true
    runAsUser: 1000
    seccompProfile:
      type: RuntimeDefault
  containers:
  - name: app
    image: busybox
    command: ["sleep", "3600"]
    securityContext:
      allowPrivilegeEscalation: false
      capabilities:
        drop: ["ALL"]
        add: ["NET_BIND_SERVICE"]
  volumes:
  - name: scratch
    emptyDir: {}
`;

describe('Pod Security admission: pods', () => {
  it('warns with the restricted level and still creates the pod, as the namespace-level tutorial shows', () => {
    const lab = labWithNamespace({ enforce: 'baseline', 'enforce-version': 'latest', warn: 'restricted', 'warn-version': 'latest', audit: 'restricted' });
    lab.write('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers:\n  - name: nginx\n    image: nginx\n');
    expect(lab.sh('kubectl apply -n psa -f pod.yaml')).toBe(`${restrictedWarningForNginx}pod/nginx created\n`);
    // The same pod in a namespace without labels: no warning.
    expect(lab.sh('kubectl apply -n default -f pod.yaml')).toBe('pod/nginx created\n');
  });

  it('refuses a pod that breaks the enforce level, in the words of kubectl create, apply and run', () => {
    const lab = labWithNamespace({ enforce: 'baseline' });
    lab.write('priv.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: priv\nspec:\n  containers:\n  - name: app\n    image: nginx\n    securityContext:\n      privileged: true\n');
    const refusal = 'pods "priv" is forbidden: violates PodSecurity "baseline:latest": privileged (container "app" must not set securityContext.privileged=true)';
    expect(lab.sh('kubectl apply -n psa -f priv.yaml; echo "exit $?"')).toBe(`Error from server (Forbidden): error when creating "priv.yaml": ${refusal}\nexit 1\n`);
    expect(lab.sh('kubectl create -n psa -f priv.yaml')).toBe(`Error from server (Forbidden): error when creating "priv.yaml": ${refusal}\n`);
    expect(lab.sh('kubectl run priv -n psa --image=nginx --privileged')).toBe(
      'Error from server (Forbidden): pods "priv" is forbidden: violates PodSecurity "baseline:latest": privileged (container "priv" must not set securityContext.privileged=true)\n',
    );
    // A server-side dry run is judged the same way; nothing was stored.
    expect(lab.sh('kubectl run priv -n psa --image=nginx --privileged --dry-run=server')).toContain('violates PodSecurity "baseline:latest"');
    expect(lab.sh('kubectl get pods -n psa')).toBe('No resources found in psa namespace.\n');
  });

  it('lists every baseline check a pod breaks, in the evaluator order (by check ID), with its detail', () => {
    const lab = labWithNamespace({ enforce: 'baseline' });
    const overrides = {
      metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/x': 'unconfined' } },
      spec: {
        hostNetwork: true,
        hostIPC: true,
        securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '1' }], seLinuxOptions: { type: 'spc_t', user: 'root' }, seccompProfile: { type: 'Unconfined' } },
        volumes: [{ name: 'host', hostPath: { path: '/' } }],
        initContainers: [{ name: 'init', image: 'busybox', securityContext: { privileged: true, procMount: 'Unmasked' } }],
        containers: [
          {
            name: 'x',
            image: 'nginx',
            ports: [{ containerPort: 80, hostPort: 8080 }, { containerPort: 81, hostPort: 80 }],
            securityContext: { capabilities: { add: ['SYS_TIME', 'NET_ADMIN', 'CHOWN'] }, windowsOptions: { hostProcess: true } },
          },
        ],
      },
    };
    expect(lab.sh(`kubectl run x -n psa --image=nginx --overrides='${JSON.stringify(overrides)}'`)).toBe(
      'Error from server (Forbidden): pods "x" is forbidden: violates PodSecurity "baseline:latest": ' +
        [
          'forbidden AppArmor profile (annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/x="unconfined"")',
          'non-default capabilities (container "x" must not include "NET_ADMIN", "SYS_TIME" in securityContext.capabilities.add)',
          'host namespaces (hostIPC=true, hostNetwork=true)',
          'hostPath volumes (volume "host")',
          'hostPort (container "x" uses hostPorts 80, 8080)',
          'privileged (container "init" must not set securityContext.privileged=true)',
          'procMount (container "init" must not set securityContext.procMount to "Unmasked")',
          'seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: type "spc_t"; user may not be set)',
          'seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")',
          'forbidden sysctls (kernel.msgmax)',
          'hostProcess (container "x" must not set securityContext.windowsOptions.hostProcess=true)',
        ].join(', ') +
        '\n',
    );
  });

  it('checks the restricted level after the baseline checks it keeps, replacing the ones it overrides', () => {
    const lab = labWithNamespace({ enforce: 'restricted' });
    const overrides = {
      spec: {
        securityContext: { runAsUser: 0 },
        volumes: [{ name: 'host', hostPath: { path: '/' } }, { name: 'share', nfs: { server: 'files.example', path: '/' } }, { name: 'ok', emptyDir: {} }],
        containers: [
          { name: 'a', image: 'nginx', securityContext: { privileged: true, runAsNonRoot: false, capabilities: { add: ['SYS_ADMIN'] } } },
          { name: 'b', image: 'nginx', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'Unconfined' } } },
        ],
      },
    };
    expect(lab.sh(`kubectl run x -n psa --image=nginx --overrides='${JSON.stringify(overrides)}'`)).toBe(
      'Error from server (Forbidden): pods "x" is forbidden: violates PodSecurity "restricted:latest": ' +
        [
          'privileged (container "a" must not set securityContext.privileged=true)',
          'allowPrivilegeEscalation != false (container "a" must set securityContext.allowPrivilegeEscalation=false)',
          'unrestricted capabilities (container "a" must set securityContext.capabilities.drop=["ALL"]; container "a" must not include "SYS_ADMIN" in securityContext.capabilities.add)',
          'restricted volume types (volumes "host", "share" use restricted volume types "hostPath", "nfs")',
          'runAsNonRoot != true (container "a" must not set securityContext.runAsNonRoot=false)',
          'runAsUser=0 (pod must not set runAsUser=0)',
          'seccompProfile (container "b" must not set securityContext.seccompProfile.type to "Unconfined")',
        ].join(', ') +
        '\n',
    );
  });

  it('admits a pod that meets the restricted level without a word', () => {
    const lab = labWithNamespace({ enforce: 'restricted', warn: 'restricted' });
    lab.write('locked.yaml', restrictedPod);
    expect(lab.sh('kubectl apply -n psa -f locked.yaml')).toBe('pod/locked created\n');
  });

  it('evaluates the policy version the labels pin: newer checks and allowances apply from their version on', () => {
    const lab = labWithNamespace({ enforce: 'baseline', 'enforce-version': 'v1.26' });
    const sysctl = `'${JSON.stringify({ spec: { securityContext: { sysctls: [{ name: 'net.ipv4.tcp_keepalive_time', value: '600' }] } } })}'`;
    // net.ipv4.tcp_keepalive_time is allowed from v1.29 (check_sysctls.go's sysctlsAllowedV1Dot29).
    expect(lab.sh(`kubectl run a -n psa --image=nginx --overrides=${sysctl}`)).toBe(
      'Error from server (Forbidden): pods "a" is forbidden: violates PodSecurity "baseline:v1.26": forbidden sysctls (net.ipv4.tcp_keepalive_time)\n',
    );
    lab.sh('kubectl label --overwrite namespace psa pod-security.kubernetes.io/enforce-version=v1.29');
    expect(lab.sh(`kubectl run b -n psa --image=nginx --overrides=${sysctl}`)).toBe('pod/b created\n');
    // container_engine_t joined the allowed SELinux types in v1.31.
    const engine = `'${JSON.stringify({ spec: { securityContext: { seLinuxOptions: { type: 'container_engine_t' } } } })}'`;
    lab.sh('kubectl label --overwrite namespace psa pod-security.kubernetes.io/enforce-version=v1.30');
    expect(lab.sh(`kubectl run c -n psa --image=nginx --overrides=${engine}`)).toBe(
      'Error from server (Forbidden): pods "c" is forbidden: violates PodSecurity "baseline:v1.30": seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: type "container_engine_t")\n',
    );
    lab.sh('kubectl label --overwrite namespace psa pod-security.kubernetes.io/enforce-version=latest');
    expect(lab.sh(`kubectl run c -n psa --image=nginx --overrides=${engine}`)).toBe('pod/c created\n');
  });

  it('checks again only the pod updates the plugin cares about: a new image, not a new label', () => {
    const lab = labShell();
    lab.sh('kubectl create namespace psa');
    lab.sh('kubectl run web -n psa --image=nginx');
    // Enforcing restricted afterwards leaves the running pod alone, with a warning about it.
    expect(lab.sh('kubectl label namespace psa pod-security.kubernetes.io/enforce=restricted')).toBe(
      'Warning: existing pods in namespace "psa" violate the new PodSecurity enforce level "restricted:latest"\n' +
        'Warning: web: allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile\n' +
        'namespace/psa labeled\n',
    );
    expect(lab.sh('kubectl label pod web -n psa tier=front')).toBe('pod/web labeled\n');
    expect(lab.sh(`kubectl patch pod web -n psa -p '{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}'`)).toMatch(
      /^Error from server \(Forbidden\): pods "web" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false \(container "web" /,
    );
    expect(lab.sh(`kubectl get pod web -n psa -o jsonpath='{.spec.containers[0].image}'`)).toBe('nginx');
  });
});

describe('Pod Security admission: workloads and their controllers', () => {
  it('warns about a workload whose pod template would break the warn level, and the controller records why its pods are refused', () => {
    const lab = labWithNamespace({ enforce: 'restricted', warn: 'restricted' });
    const warning = restrictedWarningForNginx;
    expect(lab.sh('kubectl create deployment nginx -n psa --image=nginx')).toBe(`${warning}deployment.apps/nginx created\n`);
    // The scale subresource is not judged (the plugin skips subresources); other changes of the Deployment are.
    expect(lab.sh('kubectl scale deployment nginx -n psa --replicas=1')).toBe('deployment.apps/nginx scaled\n');
    expect(lab.sh('kubectl annotate deployment nginx -n psa owner=shop')).toBe(`${warning}deployment.apps/nginx annotated\n`);
    lab.wait(2);
    expect(lab.sh('kubectl get deployment nginx -n psa')).toMatch(/^nginx\s+0\/1\s+0\s+0\s/m);
    expect(lab.sh('kubectl describe replicaset -n psa')).toMatch(
      /Warning {2}FailedCreate {2}\S+ +replicaset-controller {2}Error creating: pods "nginx-\w+-\w{5}" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false \(container "nginx" must set securityContext.allowPrivilegeEscalation=false\), /,
    );
    expect(lab.sh('kubectl create job once -n psa --image=busybox -- true')).toBe(warning.replace(/"nginx"/g, '"once"') + 'job.batch/once created\n');
    // A CronJob's template is the one inside its job template.
    expect(lab.sh(`kubectl create cronjob tick -n psa --image=busybox --schedule='*/5 * * * *' -- true`)).toBe(warning.replace(/"nginx"/g, '"tick"') + 'cronjob.batch/tick created\n');
    lab.wait(2);
    expect(lab.sh('kubectl describe job once -n psa')).toMatch(/Warning {2}FailedCreate {2}\S+ +job-controller {2}Error creating: pods "once-\w{5}" is forbidden: violates PodSecurity "restricted:latest": /);
  });

  it('applies no warning for enforce alone, and the DaemonSet and StatefulSet controllers say why their pods are refused', () => {
    const lab = labWithNamespace({ enforce: 'baseline' });
    const template = (labels: string, spec: string) => `  selector:\n    matchLabels: {${labels}}\n  template:\n    metadata:\n      labels: {${labels}}\n    spec:\n${spec}`;
    lab.write('ds.yaml', `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n${template('app: agent', '      hostNetwork: true\n      containers:\n      - name: agent\n        image: busybox\n')}`);
    lab.write('sts.yaml', `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n${template('app: db', '      containers:\n      - name: db\n        image: busybox\n        securityContext: {privileged: true}\n')}`);
    expect(lab.sh('kubectl apply -n psa -f ds.yaml')).toBe('daemonset.apps/agent created\n');
    expect(lab.sh('kubectl apply -n psa -f sts.yaml')).toBe('statefulset.apps/db created\n');
    lab.wait(2);
    expect(lab.sh('kubectl describe daemonset agent -n psa')).toMatch(
      /Warning {2}FailedCreate {2}\S+ +daemonset-controller {2}Error creating: pods "agent-\w{5}" is forbidden: violates PodSecurity "baseline:latest": host namespaces \(hostNetwork=true\)\n/,
    );
    expect(lab.sh('kubectl describe statefulset db -n psa')).toContain(
      'statefulset-controller  create Pod db-0 in StatefulSet db failed error: pods "db-0" is forbidden: violates PodSecurity "baseline:latest": privileged (container "db" must not set securityContext.privileged=true)\n',
    );
  });

  it('prints each distinct warning once per command, as kubectl deduplicates them', () => {
    const lab = labWithNamespace({ warn: 'restricted' });
    lab.write('two.yaml', ['a', 'b'].map((name) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: nginx\n    image: nginx\n`).join('---\n'));
    expect(lab.sh('kubectl apply -n psa -f two.yaml')).toBe(`${restrictedWarningForNginx}pod/a created\npod/b created\n`);
  });
});

describe('Pod Security admission: namespace labels', () => {
  it('warns about the pods that break a stricter enforce level, grouped by what they break; a server dry run changes nothing', () => {
    const lab = labShell();
    lab.sh('kubectl create namespace shop');
    lab.sh('kubectl create deployment web -n shop --image=nginx --replicas=3');
    lab.sh(`kubectl run tool -n shop --image=busybox --overrides='${JSON.stringify({ spec: { hostNetwork: true } })}' -- sleep 3600`);
    lab.wait(5);
    const web = lab.sh(`kubectl get pods -n shop -l app=web -o jsonpath='{.items[0].metadata.name}'`);
    expect(lab.sh('kubectl label --dry-run=server --overwrite namespace shop pod-security.kubernetes.io/enforce=restricted')).toBe(
      'Warning: existing pods in namespace "shop" violate the new PodSecurity enforce level "restricted:latest"\n' +
        'Warning: tool: host namespaces, allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile\n' +
        `Warning: ${web} (and 2 other pods): allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile\n` +
        'namespace/shop labeled (server dry run)\n',
    );
    expect(lab.sh(`kubectl get namespace shop -o jsonpath='{.metadata.labels}'`)).toBe('{"kubernetes.io/metadata.name":"shop"}');
    expect(lab.sh('kubectl label namespace shop pod-security.kubernetes.io/enforce=baseline')).toBe(
      'Warning: existing pods in namespace "shop" violate the new PodSecurity enforce level "baseline:latest"\nWarning: tool: host namespaces\nnamespace/shop labeled\n',
    );
    // Relaxing the level, or setting the same one again, checks nothing.
    expect(lab.sh('kubectl label --overwrite namespace shop pod-security.kubernetes.io/enforce=privileged')).toBe('namespace/shop labeled\n');
    // Still running: enforcement only judges new pods.
    expect(lab.sh('kubectl get pod tool -n shop -o jsonpath={.status.phase}')).toBe('Running');
  });

  it('refuses labels that name no level or version, as PolicyToEvaluate words it', () => {
    const lab = labShell();
    lab.sh('kubectl create namespace psa');
    expect(lab.sh('kubectl label namespace psa pod-security.kubernetes.io/enforce=strict')).toBe(
      'The Namespace "psa" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted\n',
    );
    expect(lab.sh('kubectl label namespace psa pod-security.kubernetes.io/warn-version=1.32')).toBe(
      'The Namespace "psa" is invalid: metadata.labels[pod-security.kubernetes.io/warn-version]: Invalid value: "1.32": must be "latest" or "v1.x"\n',
    );
    lab.write('ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bad\n  labels:\n    pod-security.kubernetes.io/audit: everything\n');
    expect(lab.sh('kubectl apply -f ns.yaml')).toBe(
      'The Namespace "bad" is invalid: metadata.labels[pod-security.kubernetes.io/audit]: Invalid value: "everything": must be one of privileged, baseline, restricted\n',
    );
  });
});

describe('Pod Security admission: the task page "Enforce Pod Security Standards with Namespace Labels"', () => {
  it('runs the page: a pinned namespace manifest, a server dry run over all namespaces, audit and warn everywhere, enforce on one', () => {
    const lab = labShell();
    lab.write(
      'ns.yaml',
      [
        'apiVersion: v1',
        'kind: Namespace',
        'metadata:',
        '  name: my-baseline-namespace',
        '  labels:',
        '    pod-security.kubernetes.io/enforce: baseline',
        '    pod-security.kubernetes.io/enforce-version: v1.32',
        '',
        '    # We are setting these to our _desired_ `enforce` level.',
        '    pod-security.kubernetes.io/audit: restricted',
        '    pod-security.kubernetes.io/audit-version: v1.32',
        '    pod-security.kubernetes.io/warn: restricted',
        '    pod-security.kubernetes.io/warn-version: v1.32',
        '',
      ].join('\n'),
    );
    expect(lab.sh('kubectl apply -f ns.yaml')).toBe('namespace/my-baseline-namespace created\n');
    expect(lab.sh('kubectl run web -n my-baseline-namespace --image=nginx')).toBe(
      'Warning: would violate PodSecurity "restricted:v1.32": allowPrivilegeEscalation != false (container "web" must set securityContext.allowPrivilegeEscalation=false), ' +
        'unrestricted capabilities (container "web" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "web" must set securityContext.runAsNonRoot=true), ' +
        'seccompProfile (pod or container "web" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")\npod/web created\n',
    );
    expect(lab.sh('kubectl label --dry-run=server --overwrite ns --all pod-security.kubernetes.io/enforce=baseline')).toMatch(
      /^namespace\/default labeled \(server dry run\)\n(namespace\/\S+ labeled \(server dry run\)\n)+Warning: existing pods in namespace "kube-system" violate the new PodSecurity enforce level "baseline:latest"\n/,
    );
    expect(lab.sh('kubectl label --overwrite ns --all pod-security.kubernetes.io/audit=baseline pod-security.kubernetes.io/warn=baseline')).toBe(
      ['default', 'kube-node-lease', 'kube-public', 'kube-system', 'my-baseline-namespace'].map((ns) => `namespace/${ns} labeled\n`).join(''),
    );
    expect(lab.sh(`kubectl get namespaces --selector='!pod-security.kubernetes.io/enforce' -o name`)).toBe(
      'namespace/default\nnamespace/kube-node-lease\nnamespace/kube-public\nnamespace/kube-system\n',
    );
    lab.sh('kubectl create namespace my-existing-namespace');
    expect(lab.sh('kubectl label --overwrite ns my-existing-namespace pod-security.kubernetes.io/enforce=restricted pod-security.kubernetes.io/enforce-version=v1.32')).toBe(
      'namespace/my-existing-namespace labeled\n',
    );
  });
});

describe('Pod Security admission: kubectl debug', () => {
  it('judges an ephemeral container as a change of the pod, so only a profile the level allows gets in', () => {
    const lab = labWithNamespace({ enforce: 'restricted' });
    lab.write('locked.yaml', restrictedPod);
    lab.sh('kubectl apply -n psa -f locked.yaml');
    lab.wait(20);
    expect(lab.sh('kubectl debug locked -n psa --image=busybox --container=dbg --profile=general')).toBe(
      'Error from server (Forbidden): pods "locked" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "dbg" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "dbg" must set securityContext.capabilities.drop=["ALL"]; container "dbg" must not include "SYS_PTRACE" in securityContext.capabilities.add)\n',
    );
    expect(lab.sh('kubectl debug locked -n psa --image=busybox --container=dbg --profile=restricted')).toBe('');
    expect(lab.sh(`kubectl get pod locked -n psa -o jsonpath='{.spec.ephemeralContainers[*].name}'`)).toBe('dbg');
  });
});

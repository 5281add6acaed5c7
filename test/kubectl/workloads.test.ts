// kubectl commands that read pods' logs, exec into them, wait, and manage rollouts.
import { describe, expect, it } from 'vitest';
import { Lab } from './harness';
import type { KubeObject } from '../../sim/api/types';
import type { Program } from '../../sim/process';
import { ApiError } from '../../sim/api/errors';

function runningPod(name: string, containers = ['app'], labels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels },
    spec: { containers: containers.map((c) => ({ name: c, image: 'busybox' })) },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

describe('logs', () => {
  it('prints lines, asks for a container when there are several, and follows new lines', () => {
    const lab = new Lab();
    lab.add(runningPod('one'));
    lab.add(runningPod('two', ['a', 'b']));
    const lines = [{ time: lab.now, stream: 'stdout' as const, text: 'hello' }];
    lab.api.hooks.logs = (_pod, options) => {
      if (options.container === 'missing') throw new ApiError('BadRequest', 'container missing is not valid for pod one');
      return lines.slice(options.tailLines !== undefined ? -options.tailLines : 0);
    };
    expect(lab.run(['logs', 'one'])).toEqual({ stdout: 'hello\n', stderr: '', code: 0 });
    expect(lab.run(['logs', 'two']).stderr).toBe('Defaulted container "a" out of: a, b\n');
    // kubectl checks the container against the pod before it asks the server (as kubectl 1.32 prints it).
    expect(lab.run(['logs', 'one', '-c', 'missing']).stderr).toBe('error: container missing is not valid for pod one\n');
    expect(lab.run(['logs', 'ghost']).stderr).toBe('Error from server (NotFound): pods "ghost" not found\n');
    let added = false;
    const followed = lab.run(['logs', '-f', 'one'], {
      onWait: (l) => {
        if (!added) {
          added = true;
          lines.push({ time: l.now, stream: 'stdout', text: 'later' });
        }
      },
    });
    expect(followed.stdout).toBe('hello\nlater\n');
  });

  it('resolves deploy/x to one of its pods', () => {
    const lab = new Lab();
    lab.run(['create', 'deployment', 'web', '--image=nginx']);
    lab.add(runningPod('web-abc', ['nginx'], { app: 'web' }));
    lab.api.hooks.logs = (pod) => [{ time: lab.now, stream: 'stdout', text: `from ${pod.metadata.name}` }];
    expect(lab.run(['logs', 'deploy/web']).stdout).toBe('from web-abc\n');
  });
});

describe('exec', () => {
  it('runs the command, reports a non-zero exit, and needs a command', () => {
    const lab = new Lab();
    lab.add(runningPod('p', ['a', 'b']));
    lab.api.hooks.exec = (_pod, argv, options): Program =>
      (function* () {
        options.stdout(`ran ${argv.join(' ')} in ${options.container}\n`);
        return argv[0] === 'false' ? 1 : 0;
      })();
    expect(lab.run(['exec', 'p', '--', 'echo', 'hi'])).toEqual({ stdout: 'ran echo hi in a\n', stderr: 'Defaulted container "a" out of: a, b\n', code: 0 });
    expect(lab.run(['exec', 'p', '-c', 'b', '--', 'false'])).toEqual({ stdout: 'ran false in b\n', stderr: 'command terminated with exit code 1\n', code: 1 });
    expect(lab.run(['exec', 'p']).stderr).toBe('error: you must specify at least one command for the container\n');
  });
});

describe('wait', () => {
  it('waits for a condition in virtual time and times out', () => {
    const lab = new Lab();
    lab.add({ ...runningPod('p'), status: { phase: 'Pending', conditions: [] } });
    const start = lab.now;
    const ok = lab.run(['wait', '--for=condition=Ready', 'pod/p', '--timeout=60s'], {
      onWait: (l) => {
        if (l.now - start >= 3000) {
          const pod = l.api.get('Pod', 'default', 'p');
          if (pod.status.phase !== 'Running') l.api.updateStatus({ ...pod, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } });
        }
      },
    });
    expect(ok).toEqual({ stdout: 'pod/p condition met\n', stderr: '', code: 0 });
    expect(lab.run(['wait', '--for=jsonpath={.status.phase}=Running', 'pod/p']).stdout).toBe('pod/p condition met\n');
    const timedOut = lab.run(['wait', '--for=condition=Ready=False', 'pod/p', '--timeout=5s']);
    expect(timedOut).toEqual({ stdout: '', stderr: 'error: timed out waiting for the condition on pods/p\n', code: 1 });
  });
});

describe('rollout and set', () => {
  function deploymentWithHistory(lab: Lab): void {
    lab.run(['create', 'deployment', 'web', '--image=nginx:1.26']);
    const deployment = lab.api.get('Deployment', 'default', 'web');
    const owner = [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: deployment.metadata.uid!, controller: true }];
    for (const [revision, image, cause] of [
      ['1', 'nginx:1.25', undefined],
      ['2', 'nginx:1.26', 'kubectl set image deployment/web nginx=nginx:1.26'],
    ] as const) {
      lab.add({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: `web-${revision}`,
          namespace: 'default',
          ownerReferences: owner,
          annotations: { 'deployment.kubernetes.io/revision': revision, ...(cause ? { 'kubernetes.io/change-cause': cause } : {}) },
        },
        spec: { replicas: 0, template: { metadata: { labels: { app: 'web', 'pod-template-hash': revision } }, spec: { containers: [{ name: 'nginx', image }] } } },
      });
    }
  }

  it('lists history and rolls back', () => {
    const lab = new Lab();
    deploymentWithHistory(lab);
    expect(lab.run(['rollout', 'history', 'deployment/web']).stdout).toBe(
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image deployment/web nginx=nginx:1.26\n\n',
    );
    expect(lab.run(['rollout', 'undo', 'deployment/web']).stdout).toBe('deployment.apps/web rolled back\n');
    expect(lab.api.get('Deployment', 'default', 'web').spec.template.spec.containers[0].image).toBe('nginx:1.25');
  });

  it('reports status from the deployment status', () => {
    const lab = new Lab();
    lab.run(['create', 'deployment', 'web', '--image=nginx', '--replicas=2']);
    const d = lab.api.get('Deployment', 'default', 'web');
    lab.api.updateStatus({ ...d, status: { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 1 } });
    const result = lab.run(['rollout', 'status', 'deployment/web'], {
      onWait: (l) => {
        const now = l.api.get('Deployment', 'default', 'web');
        l.api.updateStatus({ ...now, status: { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 2 } });
      },
    });
    expect(result.stdout).toBe('Waiting for deployment "web" rollout to finish: 1 of 2 updated replicas are available...\ndeployment "web" successfully rolled out\n');
  });

  it('restarts, pauses and resumes', () => {
    const lab = new Lab();
    lab.run(['create', 'deployment', 'web', '--image=nginx']);
    expect(lab.run(['rollout', 'restart', 'deploy/web']).stdout).toBe('deployment.apps/web restarted\n');
    expect(lab.api.get('Deployment', 'default', 'web').spec.template.metadata.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': '2026-01-15T09:00:00Z' });
    expect(lab.run(['rollout', 'pause', 'deploy/web']).stdout).toBe('deployment.apps/web paused\n');
    expect(lab.run(['rollout', 'pause', 'deploy/web']).stderr).toBe('error: deployments.apps "web" is already paused\n');
    expect(lab.run(['rollout', 'resume', 'deploy/web']).stdout).toBe('deployment.apps/web resumed\n');
  });

  it('sets image, env and resources', () => {
    const lab = new Lab();
    lab.run(['create', 'deployment', 'web', '--image=nginx']);
    expect(lab.run(['set', 'image', 'deployment/web', 'nginx=nginx:1.27']).stdout).toBe('deployment.apps/web image updated\n');
    expect(lab.run(['set', 'image', 'deployment/web', 'nope=x']).stderr).toBe('error: unable to find container named "nope"\n');
    expect(lab.run(['set', 'env', 'deployment/web', 'MODE=fast']).stdout).toBe('deployment.apps/web env updated\n');
    expect(lab.run(['set', 'resources', 'deployment/web', '--limits=cpu=200m,memory=128Mi']).stdout).toBe('deployment.apps/web resource requirements updated\n');
    const c = lab.api.get('Deployment', 'default', 'web').spec.template.spec.containers[0];
    expect(c.image).toBe('nginx:1.27');
    expect(c.env).toEqual([{ name: 'MODE', value: 'fast' }]);
    expect(c.resources.limits).toEqual({ cpu: '200m', memory: '128Mi' });
  });
});

describe('top, port-forward, edit, cordon', () => {
  it('reports a missing metrics API and prints pod usage', () => {
    const lab = new Lab();
    expect(lab.run(['top', 'pod'])).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
    lab.api.hooks.virtualList = (kind) =>
      kind === 'PodMetrics'
        ? [{ apiVersion: 'metrics.k8s.io/v1beta1', kind: 'PodMetrics', metadata: { name: 'web', namespace: 'default' }, containers: [{ name: 'a', usage: { cpu: '250m', memory: '64Mi' } }] }]
        : undefined;
    expect(lab.run(['top', 'pod']).stdout).toBe('NAME   CPU(cores)   MEMORY(bytes)   \nweb    250m         64Mi            \n');
  });

  it('forwards a port until the request timeout', () => {
    const lab = new Lab();
    lab.add(runningPod('web'));
    const result = lab.run(['port-forward', 'pod/web', '8080:80']);
    expect(result.stdout).toBe('Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n');
    expect(lab.forwards).toEqual([{ localPort: 8080, namespace: 'default', pod: 'web', remotePort: 80 }]);
  });

  it('ends quietly on Ctrl-C', () => {
    const lab = new Lab();
    lab.scriptMode = false;
    lab.add(runningPod('web'));
    const result = lab.run(['port-forward', 'pod/web', '8080:80'], { interruptAfterMs: 2000 });
    expect(result.code).toBe(130);
    expect(result.stderr).toBe('');
  });

  it('writes the object for editing and replaces it from the saved file', () => {
    const lab = new Lab();
    lab.run(['create', 'configmap', 'settings', '--from-literal=mode=slow']);
    expect(lab.run(['edit', 'cm', 'settings']).stdout).toBe(
      'The configmap is in .kube-edit/configmap-settings.yaml. Edit and save it, then run:\n  kubectl replace -f .kube-edit/configmap-settings.yaml\n',
    );
    const path = `${lab.cwd}/.kube-edit/configmap-settings.yaml`;
    lab.fs.writeFile(path, lab.fs.readFile(path).replace('mode: slow', 'mode: fast'));
    expect(lab.run(['replace', '-f', '.kube-edit/configmap-settings.yaml']).stdout).toBe('configmap/settings replaced\n');
    expect(lab.api.get('ConfigMap', 'default', 'settings').data).toEqual({ mode: 'fast' });
  });

  it('cordons and uncordons a node', () => {
    const lab = new Lab();
    lab.add({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node01' }, spec: {}, status: { capacity: {}, allocatable: {}, conditions: [], addresses: [], nodeInfo: {} } });
    expect(lab.run(['cordon', 'node01']).stdout).toBe('node/node01 cordoned\n');
    expect(lab.run(['cordon', 'node01']).stdout).toBe('node/node01 already cordoned\n');
    expect(lab.run(['uncordon', 'node01']).stdout).toBe('node/node01 uncordoned\n');
  });
});

describe('run --rm -i', () => {
  it('waits for the pod, shows its output, then deletes it', () => {
    const lab = new Lab();
    lab.api.hooks.logs = () => [{ time: lab.now, stream: 'stdout', text: '<h1>hello</h1>' }];
    let step = 0;
    const result = lab.run(['run', 'tmp', '--rm', '-i', '--image=busybox', '--restart=Never', '--', 'wget', '-qO-', 'http://web'], {
      onWait: (l) => {
        // Stands in for the kubelet: the pod starts, then its command finishes.
        const pod = l.api.get('Pod', 'default', 'tmp');
        step += 1;
        const terminated = { exitCode: 0, reason: 'Completed' };
        const status = step === 1 ? { phase: 'Running' } : { phase: 'Succeeded', containerStatuses: [{ name: 'tmp', state: { terminated } }] };
        l.api.updateStatus({ ...pod, status });
      },
    });
    expect(result).toEqual({ stdout: '<h1>hello</h1>\npod "tmp" deleted\n', stderr: '', code: 0 });
    expect(lab.api.list('Pod', 'default')).toEqual([]);
  });

  it('refuses --dry-run with an attached container', () => {
    const lab = new Lab();
    expect(lab.run(['run', 'x', '-it', '--image=busybox', '--dry-run=client']).stderr).toBe(
      "error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)\nSee 'kubectl run -h' for help and examples\n",
    );
  });
});

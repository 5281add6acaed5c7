// kubectl debug --profile and --custom: what each profile makes of the Pod in each way of
// debugging, as kubectl 1.32 sends it (captured from the real client's request bodies), and what
// that means inside the debugging container.
import { describe, expect, it } from 'vitest';
import { labShell, type LabShell } from '../support/lab-shell';
import { attachedTerminal } from '../support/attached-terminal';

const profiles = ['legacy', 'general', 'baseline', 'restricted', 'netadmin', 'sysadmin'] as const;
type Profile = (typeof profiles)[number];

const deprecated = '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n';

// A pod with everything a profile may keep or drop: labels, an annotation, an init container,
// probes, a pod security context and a capability of its own.
const podYaml = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
  annotations: {note: hi}
spec:
  securityContext:
    runAsUser: 1000
  initContainers:
  - name: init
    image: busybox:1.28
    command: ["true"]
  containers:
  - name: web
    image: busybox:1.28
    command: [sleep, 1d]
    securityContext:
      capabilities: {add: [CHOWN]}
    livenessProbe: {exec: {command: ["true"]}}
    readinessProbe: {exec: {command: ["true"]}}
    startupProbe: {exec: {command: ["true"]}}
`;

function withPod(): LabShell {
  const lab = labShell();
  lab.write('pod.yaml', podYaml);
  lab.sh('kubectl apply -f pod.yaml');
  lab.wait(20);
  return lab;
}

const restrictedContext = '{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]},"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}}';

/** The copy as one line: labels, annotation, shared processes, pod security context, init containers, then each container's security context and probes. */
function copyShape(lab: LabShell, name: string): string {
  return lab.sh(
    `kubectl get pod ${name} -o jsonpath='{.metadata.labels.app}|{.metadata.annotations.note}|{.spec.shareProcessNamespace}|{.spec.securityContext.runAsUser}|{.spec.initContainers[*].name}|{range .spec.containers[*]}{.name}:{.securityContext}:{.livenessProbe.exec.command[0]}{.readinessProbe.exec.command[0]}{.startupProbe.exec.command[0]};{end}'`,
  );
}

describe('kubectl debug --copy-to with each profile', () => {
  const added: Record<Profile, string> = {
    legacy: '|hi||1000|init|web:{"capabilities":{"add":["CHOWN"]}}:truetruetrue;dbg::;',
    general: '||true|1000|init|web:{"capabilities":{"add":["CHOWN"]}}:;dbg:{"capabilities":{"add":["SYS_PTRACE"]}}:;',
    baseline: '||true|1000|init|web:{"capabilities":{"add":["CHOWN"]}}:;dbg::;',
    restricted: `||true|1000|init|web:{"capabilities":{"add":["CHOWN"]}}:;dbg:${restrictedContext}:;`,
    netadmin: '||true|1000|init|web:{"capabilities":{"add":["CHOWN"]}}:;dbg:{"capabilities":{"add":["NET_ADMIN","NET_RAW"]}}:;',
    sysadmin: '||true|1000|init|web:{"capabilities":{"add":["CHOWN"]}}:;dbg:{"privileged":true}:;',
  };
  it('adds the debugging container as each profile makes it, and drops labels and probes but for legacy', () => {
    const lab = withPod();
    for (const profile of profiles) {
      expect(lab.sh(`kubectl debug web --image=busybox:1.28 --copy-to=c-${profile} --profile=${profile} -c dbg -- sleep 1d`)).toBe(profile === 'legacy' ? deprecated : '');
      expect(copyShape(lab, `c-${profile}`), profile).toBe(added[profile]);
    }
  });

  const existing: Record<Profile, string> = {
    legacy: '|hi||1000|init|web:{"capabilities":{"add":["CHOWN"]}}:truetruetrue;',
    general: '||true|1000|init|web:{"capabilities":{"add":["CHOWN","SYS_PTRACE"]}}:;',
    baseline: '||true|1000|init|web::;',
    restricted: `||true|1000|init|web:${restrictedContext}:;`,
    netadmin: '||true|1000|init|web:{"capabilities":{"add":["CHOWN","NET_ADMIN","NET_RAW"]}}:;',
    sysadmin: '||true|1000|init|web:{"capabilities":{"add":["CHOWN"]},"privileged":true}:;',
  };
  it('changes an existing container named with --container the same way, on top of its own security context', () => {
    const lab = withPod();
    for (const profile of profiles) {
      lab.sh(`kubectl debug web --copy-to=x-${profile} --profile=${profile} -c web -- sleep 2d`);
      expect(copyShape(lab, `x-${profile}`), profile).toBe(existing[profile]);
    }
    expect(lab.sh("kubectl get pod x-general -o jsonpath='{.spec.containers[0].command}'")).toBe('["sleep","2d"]');
  });

  it('keeps what the --keep flags say, except under legacy, and --share-processes decides before the profile', () => {
    const lab = withPod();
    lab.sh('kubectl debug web --image=busybox:1.28 --copy-to=k1 --profile=general -c dbg --keep-labels --keep-init-containers=false --keep-annotations --keep-liveness --keep-startup');
    expect(copyShape(lab, 'k1')).toBe('web|hi|true|1000||web:{"capabilities":{"add":["CHOWN"]}}:truetrue;dbg:{"capabilities":{"add":["SYS_PTRACE"]}}:;');
    lab.sh('kubectl debug web --image=busybox:1.28 --copy-to=k2 --profile=legacy -c dbg --keep-labels --keep-init-containers=false --keep-annotations=false');
    expect(copyShape(lab, 'k2')).toBe('|hi||1000|init|web:{"capabilities":{"add":["CHOWN"]}}:truetruetrue;dbg::;');
    lab.sh('kubectl debug web --image=busybox:1.28 --copy-to=k3 --profile=netadmin -c dbg --keep-readiness --keep-init-containers=false');
    expect(copyShape(lab, 'k3')).toBe('||true|1000||web:{"capabilities":{"add":["CHOWN"]}}:true;dbg:{"capabilities":{"add":["NET_ADMIN","NET_RAW"]}}:;');
    lab.sh('kubectl debug web --image=busybox:1.28 --copy-to=s1 --profile=general -c dbg --share-processes=false');
    lab.sh('kubectl debug web --image=busybox:1.28 --copy-to=s2 --profile=legacy -c dbg --share-processes');
    expect(lab.sh("kubectl get pod s1 s2 -o jsonpath='{.items[*].spec.shareProcessNamespace}'")).toBe('false true');
  });

  it('leaves the pod\'s own namespaces and process sharing as they were', () => {
    const lab = labShell();
    lab.write('hn.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: hn}\nspec:\n  hostNetwork: true\n  hostPID: true\n  shareProcessNamespace: false\n  containers:\n  - {name: c, image: busybox:1.28, command: [sleep, 1d]}\n');
    lab.sh('kubectl apply -f hn.yaml');
    for (const profile of ['baseline', 'restricted', 'general']) {
      lab.sh(`kubectl debug hn --image=busybox:1.28 --copy-to=hn-${profile} --profile=${profile} -c dbg`);
      expect(lab.sh(`kubectl get pod hn-${profile} -o jsonpath='{.spec.hostNetwork} {.spec.hostPID} {.spec.hostIPC} {.spec.shareProcessNamespace}'`), profile).toBe('true true  false');
    }
  });

  it('applies no profile when only images change', () => {
    const lab = withPod();
    expect(lab.sh('kubectl debug web --copy-to=img --set-image=*=busybox:1.36 --profile=general')).toBe('');
    expect(copyShape(lab, 'img')).toBe('web|hi||1000|init|web:{"capabilities":{"add":["CHOWN"]}}:truetruetrue;');
  });
});

describe('kubectl debug node/NAME with each profile', () => {
  const shapes: Record<Profile, string> = {
    legacy: 'true true true|/|/host|',
    general: 'true true true|/|/host|',
    baseline: '  |||',
    restricted: `  |||${restrictedContext}`,
    netadmin: 'true true true|||{"capabilities":{"add":["NET_ADMIN","NET_RAW"]}}',
    sysadmin: 'true true true|/|/host|{"privileged":true}',
  };
  it('puts the pod in the host\'s namespaces and mounts the host as each profile says', () => {
    const lab = labShell();
    for (const profile of profiles) {
      const out = lab.sh(`kubectl debug node/node01 --image=busybox:1.28 --profile=${profile} -- sleep 1d`);
      const pod = /Creating debugging pod (node-debugger-node01-\w{5}) with container debugger on node node01\.\n$/.exec(out)?.[1];
      expect(out.startsWith(profile === 'legacy' ? deprecated : 'Creating'), profile).toBe(true);
      const shape = lab.sh(
        `kubectl get pod ${pod} -o jsonpath='{.spec.hostNetwork} {.spec.hostPID} {.spec.hostIPC}|{.spec.volumes[?(@.name=="host-root")].hostPath.path}|{.spec.containers[0].volumeMounts[?(@.name=="host-root")].mountPath}|{.spec.containers[0].securityContext}'`,
      );
      expect(shape, profile).toBe(shapes[profile]);
      expect(lab.sh(`kubectl get pod ${pod} -o jsonpath='{.metadata.labels}{.spec.nodeName} {.spec.restartPolicy} {.spec.tolerations}'`)).toBe('node01 Never [{"operator":"Exists"}]');
    }
  });

  it('gives a shell in the node\'s namespaces the node\'s hostname, and one in its own the pod\'s', () => {
    const t = attachedTerminal();
    t.start('kubectl debug -it node/node01 --image=busybox:1.28 --profile=sysadmin');
    t.type('\n');
    t.type('hostname; echo $HOSTNAME; cat /etc/hostname\n');
    expect(t.output().split('enter.\n')[1]).toBe('/ # node01\nnode01\nnode01\n/ # ');
    const isolated = attachedTerminal();
    isolated.start('kubectl debug -it node/node01 --image=busybox:1.28 --profile=baseline');
    const pod = /Creating debugging pod (node-debugger-node01-\w{5}) /.exec(isolated.output())?.[1];
    isolated.type('\n');
    isolated.type('hostname\n');
    expect(isolated.output().split('enter.\n')[1]).toBe(`/ # ${pod}\n/ # `);
  });
});

describe('kubectl debug into a running pod with each profile', () => {
  const contexts: Record<Profile, string> = {
    legacy: '',
    general: '{"capabilities":{"add":["SYS_PTRACE"]}}',
    baseline: '',
    restricted: restrictedContext,
    netadmin: '{"capabilities":{"add":["NET_ADMIN","NET_RAW"]}}',
    sysadmin: '{"privileged":true}',
  };
  it('gives the ephemeral container the profile\'s security context and changes nothing else', () => {
    const lab = withPod();
    for (const profile of profiles) {
      lab.sh(`kubectl debug web --image=busybox:1.28 --profile=${profile} -c e-${profile} --target=web -- sleep 1d`);
      expect(lab.sh(`kubectl get pod web -o jsonpath='{.spec.ephemeralContainers[?(@.name=="e-${profile}")].securityContext}'`), profile).toBe(contexts[profile]);
    }
    expect(copyShape(lab, 'web')).toBe('web|hi||1000|init|web:{"capabilities":{"add":["CHOWN"]}}:truetruetrue;');
  });

  it('shows the capabilities each profile grants inside the container', () => {
    const lab = withPod();
    const capabilities = (profile: Profile) => {
      lab.sh(`kubectl debug web --image=busybox:1.28 --profile=${profile} -c cap-${profile} -- sleep 1d`);
      lab.wait(5);
      return lab.sh(`kubectl exec web -c cap-${profile} -- grep CapEff /proc/self/status`);
    };
    // containerd's default set; with NET_ADMIN (bit 12; NET_RAW is in it already); with SYS_PTRACE (bit 19); every capability.
    expect(capabilities('baseline')).toBe('CapEff:\t00000000a80425fb\n');
    expect(capabilities('netadmin')).toBe('CapEff:\t00000000a80435fb\n');
    expect(capabilities('general')).toBe('CapEff:\t00000000a80c25fb\n');
    expect(capabilities('sysadmin')).toBe('CapEff:\t000001ffffffffff\n');
  });

  it('cannot start the restricted profile\'s container from an image that runs as root, and kubectl says why', () => {
    const t = attachedTerminal();
    t.run('kubectl run app --image=busybox:1.28 --restart=Never -- sleep 1d');
    t.session.clock.advanceBy(20_000);
    t.start('kubectl debug -it app --image=busybox:1.28 --profile=restricted -c dbg');
    t.session.clock.advanceBy(5_000);
    expect(t.output()).toMatch(/^Warning: container dbg: container has runAsNonRoot and image will run as root \(pod: "app_default\([0-9a-f-]{36}\)", container: dbg\)\n$/);
  });
});

describe('kubectl debug --custom', () => {
  it('runs the restricted profile\'s shell as the user a custom profile names, with no capabilities', () => {
    const t = attachedTerminal();
    t.run('kubectl run app --image=busybox:1.28 --restart=Never -- sleep 1d');
    t.session.clock.advanceBy(20_000);
    t.run("printf 'securityContext:\\n  runAsUser: 1000\\n' > user.yaml");
    t.start('kubectl debug -it app --image=busybox:1.28 --target=app --profile=restricted --custom=user.yaml -c dbg');
    t.type('\n');
    t.type('id\n');
    t.type('grep CapEff /proc/self/status\n');
    t.type('ps\n');
    expect(t.output().split('enter.\n')[1]).toBe(
      '/ $ uid=1000 gid=0(root) groups=0(root)\n/ $ CapEff:\t0000000000000000\n/ $ PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 1d\n    2 1000      0:00 sh\n/ $ ',
    );
    const other = t.session.openTerminal();
    let text = '';
    const run = other.execute("kubectl get pod app -o jsonpath='{.spec.ephemeralContainers[0].securityContext}'", (chunk) => (text += chunk));
    t.session.runUntilIdle(() => run.done, 1000);
    expect(text).toBe('{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]},"runAsNonRoot":true,"runAsUser":1000,"seccompProfile":{"type":"RuntimeDefault"}}');
  });

  it('merges a partial container spec into the debugging container after the profile, as a strategic merge patch', () => {
    const lab = withPod();
    lab.write('custom.yaml', 'env:\n- name: FOO\n  value: bar\nsecurityContext:\n  capabilities:\n    add: [SYS_ADMIN]\n');
    lab.write('env.json', '{"env": [{"name": "C", "value": "x"}, {"name": "FOO", "value": "bar"}]}');
    lab.sh('kubectl debug web --image=busybox:1.28 --profile=netadmin -c n1 --custom=custom.yaml --env=A=b -- sleep 1d');
    // capabilities.add is no merge list: the custom profile's list replaces the profile's.
    expect(lab.sh(`kubectl get pod web -o jsonpath='{.spec.ephemeralContainers[?(@.name=="n1")].securityContext} {.spec.ephemeralContainers[?(@.name=="n1")].env}'`)).toBe(
      '{"capabilities":{"add":["SYS_ADMIN"]}} [{"name":"FOO","value":"bar"},{"name":"A","value":"b"}]',
    );
    lab.sh('kubectl debug web --image=busybox:1.28 --profile=legacy -c n2 --custom=env.json --env=A=b,C=d -- sleep 1d');
    expect(lab.sh(`kubectl get pod web -o jsonpath='{.spec.ephemeralContainers[?(@.name=="n2")].env}'`)).toBe('[{"name":"A","value":"b"},{"name":"C","value":"x"},{"name":"FOO","value":"bar"}]');
    // Only a file's first YAML document counts.
    lab.write('multi.yaml', 'env:\n- name: FIRST\n  value: one\n---\ntty: true\n');
    lab.sh('kubectl debug web --image=busybox:1.28 --profile=general -c n3 --custom=multi.yaml -- sleep 1d');
    expect(lab.sh(`kubectl get pod web -o jsonpath='{.spec.ephemeralContainers[?(@.name=="n3")].env[*].name} {.spec.ephemeralContainers[?(@.name=="n3")].tty}'`)).toBe('FIRST ');
    lab.sh('kubectl debug web --image=busybox:1.28 --copy-to=cc --profile=sysadmin -c dbg --custom=custom.yaml');
    expect(lab.sh(`kubectl get pod cc -o jsonpath='{.spec.containers[1].securityContext}'`)).toBe('{"capabilities":{"add":["SYS_ADMIN"]},"privileged":true}');
  });

  it('reads the custom profile into a container first: patch directives and unknown fields are gone, a missing merge key is empty', () => {
    const lab = withPod();
    lab.write('directive.json', '{"env": [{"name": "A", "$patch": "delete"}], "securityContext": {"$patch": "replace", "privileged": true}, "colour": "red"}');
    lab.sh('kubectl debug web --image=busybox:1.28 --profile=netadmin -c d1 --custom=directive.json --env=A=b -- sleep 1d');
    expect(lab.sh(`kubectl get pod web -o jsonpath='{.spec.ephemeralContainers[?(@.name=="d1")].securityContext} {.spec.ephemeralContainers[?(@.name=="d1")].env}'`)).toBe(
      '{"capabilities":{"add":["NET_ADMIN","NET_RAW"]},"privileged":true} [{"name":"A","value":"b"}]',
    );
    lab.write('nokey.json', '{"env": [{"value": "x"}]}');
    expect(lab.sh('kubectl debug web --image=busybox:1.28 --profile=netadmin -c d2 --custom=nokey.json --env=A=b -- sleep 1d')).toBe('The Pod "web" is invalid: spec.ephemeralContainers[1].env[0].name: Required value\n');
  });

  it('refuses a file kubectl refuses, before any other check', () => {
    const lab = withPod();
    lab.write('name.json', '{"name": "x"}');
    lab.write('list.json', '[1, 2]');
    lab.write('empty.json', '');
    expect(lab.sh('kubectl debug web --custom=missing.json')).toBe('error: must pass a container spec json file for custom profile: open missing.json: no such file or directory\n');
    expect(lab.sh('kubectl debug web --image=busybox --profile=nope --custom=missing.json')).toBe('error: unknown profile: nope\n');
    expect(lab.sh('kubectl debug web --image=busybox --custom=name.json --target=web')).toBe(
      'Targeting container "web". If you don\'t see processes from this container it may be because the container runtime doesn\'t support this feature.\nerror: name, command, image, lifecycle and volume devices are not modifiable via custom profile\n',
    );
    expect(lab.sh('kubectl debug web --image=busybox --custom=name.json -t')).toBe('error: -i/--stdin is required for containers with -t/--tty=true\n');
    expect(lab.sh('kubectl debug web --image=busybox --custom=list.json')).toBe(
      'error: list.json does not contain a valid container spec: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type v1.Container\n',
    );
    expect(lab.sh('kubectl debug web --image=busybox:1.28 --custom=empty.json --profile=general -c ok -- sleep 1d')).toBe('');
  });
});

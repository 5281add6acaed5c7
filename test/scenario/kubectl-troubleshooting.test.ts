// The troubleshooting commands a learner reaches for, typed in the shell: kubectl events, diff,
// cp, set selector.
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

describe('kubectl events', () => {
  it('lists the namespace\'s events oldest first, one object\'s with --for, and warnings with --types', () => {
    const lab = labShell();
    expect(lab.run('kubectl events; echo "exit $?"')).toBe('$ kubectl events; echo "exit $?"\nNo events found in default namespace.\nexit 0\n');
    lab.sh('kubectl run web --image=nginx');
    lab.sh('kubectl run bad --image=nginx:1.277');
    lab.wait(40);
    const all = lab.sh('kubectl events').split('\n');
    expect(all[0]).toMatch(/^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE$/);
    expect(all[1]).toMatch(/^40s +Normal +Scheduled +Pod\/bad +Successfully assigned default\/bad to node0\d$/);
    expect(all).toContainEqual(expect.stringMatching(/^\d+s \(x3 over 39s\) +Warning +Failed +Pod\/bad +Error: ErrImagePull$/));

    expect(lab.sh('kubectl events --for pod/web')).toMatch(/^LAST SEEN   TYPE     REASON      OBJECT    MESSAGE\n40s         Normal   Scheduled   Pod\/web   Successfully assigned default\/web to node0\d\n39s         Normal   Pulling     Pod\/web   Pulling image "nginx"\n/);
    const warnings = lab.sh('kubectl events -A --types=warning').trim().split('\n');
    expect(warnings[0]).toMatch(/^NAMESPACE   LAST SEEN +TYPE +REASON +OBJECT +MESSAGE$/);
    expect(warnings.slice(1).every((line) => /^default +\S+ \(x\d over \d+s\) +Warning +Failed +Pod\/bad /.test(line))).toBe(true);
  });

  it('-o yaml prints the EventList kubectl puts together, oldest first', () => {
    const lab = labShell();
    lab.sh('kubectl run web --image=nginx');
    lab.wait(10);
    const yaml = lab.sh('kubectl events --for pod/web -o yaml');
    expect(yaml).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n  count: 1\n  eventTime: null\n/);
    expect(yaml.indexOf('reason: Scheduled')).toBeLessThan(yaml.indexOf('reason: Started'));
    expect(yaml).toMatch(/\nkind: EventList\nmetadata: \{\}\n$/);
    expect(lab.sh('kubectl events -o json')).toBe('error: --output=json is not supported in this lab for kubectl events\n');
  });

  it('rejects what kubectl rejects', () => {
    const lab = labShell();
    expect(lab.sh('kubectl events --types=foo; echo $?')).toBe('error: valid --types are Normal or Warning\n1\n');
    expect(lab.sh('kubectl events --for web')).toBe('error: --for must be in resource/name form\n');
    expect(lab.sh('kubectl events --for pod/a/b')).toBe('error: arguments in resource/name form may not have more than one slash\n');
    expect(lab.sh('kubectl events --for foo/x')).toBe('error: the server doesn\'t have a resource type "foo"\n');
  });

  it('-w prints the events that follow, each flushed on its own', () => {
    const lab = labShell();
    lab.sh('kubectl run web --image=nginx');
    const out = lab.sh('kubectl events --for pod/web -w --request-timeout=10s').split('\n');
    expect(out[0]).toMatch(/^LAST SEEN   TYPE     REASON      OBJECT    MESSAGE$/);
    expect(out[1]).toMatch(/^0s          Normal   Scheduled   Pod\/web   Successfully assigned/);
    expect(out).toContain('0s    Normal   Started   Pod/web   Started container web');
  });
});

describe('kubectl diff', () => {
  it('shows what apply would change after editing the file, and nothing once applied', () => {
    const lab = labShell();
    lab.write('/web.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n');
    lab.sh('kubectl apply -f web.yaml');
    expect(lab.sh('kubectl diff -f web.yaml; echo "exit $?"')).toBe('exit 0\n');
    lab.sh('sed -i s/fast/slow/ web.yaml');
    const out = lab.sh('kubectl diff -f web.yaml; echo "exit $?"');
    expect(out).toMatch(/^diff -u -N \/tmp\/LIVE-\d+\/v1\.ConfigMap\.default\.settings \/tmp\/MERGED-\d+\/v1\.ConfigMap\.default\.settings\n/);
    // As kubectl 1.32 prints it against the same cluster: the last-applied annotation is left out of the change.
    expect(out).toContain('\n@@ -1,6 +1,6 @@\n apiVersion: v1\n data:\n-  mode: fast\n+  mode: slow\n kind: ConfigMap\n metadata:\n   annotations:\nexit 1\n');
    expect(out).toMatch(/\nexit 1\n$/);
    lab.sh('kubectl apply -f web.yaml');
    expect(lab.sh('kubectl diff -f web.yaml; echo "exit $?"')).toBe('exit 0\n');
  });
});

describe('kubectl set selector', () => {
  it("replaces a Service's selector, and refuses what kubectl refuses", () => {
    const lab = labShell();
    lab.sh('kubectl create deployment web --image=nginx');
    lab.sh('kubectl expose deploy web --port=80');
    expect(lab.sh('kubectl set selector svc web app=other,tier=front')).toBe('service/web selector updated\n');
    expect(lab.sh("kubectl get svc web -o jsonpath='{.spec.selector}'")).toBe('{"app":"other","tier":"front"}');
    expect(lab.sh("kubectl set selector svc/web app=web --dry-run=client -o jsonpath='{.spec.selector}'")).toBe('{"app":"web"}');
    expect(lab.sh("kubectl get svc web -o jsonpath='{.spec.selector.app}'")).toBe('other');
    expect(lab.sh("kubectl set selector svc/web 'app in (b,a)'")).toBe('error: match expression [{app In [a b]}] not supported on this object\n');
    expect(lab.sh('kubectl set selector deploy web app=x')).toBe('error: setting a selector is only supported for Services\n');
    expect(lab.sh('kubectl set selector; echo $?')).toBe('error: one selector is required\n1\n');
    expect(lab.sh('kubectl set selector app=x')).toMatch(/^error: You must provide one or more resources by argument or filename\.\n/);
    expect(lab.sh('kubectl set selector svc nope app=web')).toBe('Error from server (NotFound): services "nope" not found\n');
  });
});

describe('kubectl cp', () => {
  it('copies files and directories into a container and back, through its tar', () => {
    const lab = labShell();
    lab.write('/notes.txt', 'hello from the workspace\n');
    lab.write('/conf/a.conf', 'a=1\n');
    lab.write('/conf/sub/b.conf', 'b=2\n');
    lab.sh('kubectl run box --image=busybox -- sleep 3600');
    lab.wait(30);
    expect(lab.sh('kubectl cp notes.txt box:/tmp/notes.txt; echo "exit $?"')).toBe('exit 0\n');
    expect(lab.sh('kubectl exec box -- cat /tmp/notes.txt')).toBe('hello from the workspace\n');
    // An existing directory receives the file under its own name.
    lab.sh('kubectl exec box -- rm /tmp/notes.txt');
    lab.sh('kubectl cp notes.txt box:/tmp');
    expect(lab.sh('kubectl exec box -- ls /tmp')).toBe('notes.txt\n');
    lab.sh('kubectl cp conf box:/etc/conf');
    expect(lab.sh('kubectl exec box -- cat /etc/conf/sub/b.conf')).toBe('b=2\n');
    // tar's own note comes on kubectl's standard output, as kubectl passes it on.
    expect(lab.sh('kubectl cp box:/etc/hostname host.txt; echo "exit $?"')).toBe("tar: removing leading '/' from member names\nexit 0\n");
    expect(lab.sh('cat host.txt')).toBe('box\n');
    lab.sh('kubectl cp box:/etc/conf back');
    expect(lab.sh('cat back/a.conf back/sub/b.conf')).toBe('a=1\nb=2\n');
    expect(lab.sh('kubectl cp default/box:/nope x; echo "exit $?"')).toBe(
      // kubectl has finished reading the (empty) archive before tar's exit code arrives.
      "tar: removing leading '/' from member names\ntar: /nope: No such file or directory\nexit 0\n",
    );
  });

  it('uses GNU tar in a Debian image, and fails as the runtime says where there is no tar', () => {
    const lab = labShell();
    lab.sh('kubectl run web --image=nginx');
    lab.sh('kubectl run pause --image=registry.k8s.io/pause:3.10');
    lab.wait(30);
    expect(lab.sh('kubectl cp web:/etc/nginx/nginx.conf nginx.conf')).toBe("tar: Removing leading `/' from member names\n");
    expect(lab.sh('head -1 nginx.conf')).toBe('user  nginx;\n');
    expect(lab.sh('kubectl cp web:/nope x; echo "exit $?"')).toBe(
      "tar: Removing leading `/' from member names\ntar: /nope: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\nexit 0\n",
    );
    lab.write('/notes.txt', 'x\n');
    expect(lab.sh('kubectl cp notes.txt pause:/tmp/x; echo "exit $?"')).toMatch(
      /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "tar": executable file not found in \$PATH: unknown\nexit 1\n$/,
    );
  });

  it('checks its arguments as kubectl does', () => {
    const lab = labShell();
    expect(lab.sh('kubectl cp x; echo $?')).toBe('error: source and destination are required\n1\n');
    expect(lab.sh('kubectl cp a b')).toBe('error: one of src or dest must be a remote file specification\n');
    expect(lab.sh('kubectl cp p:/a q:/b')).toBe('error: one of src or dest must be a local file specification\n');
    expect(lab.sh('kubectl cp :x y')).toBe('error: filespec must match the canonical format: [[namespace/]pod:]file/path\n');
    expect(lab.sh('kubectl cp missing p:/tmp')).toBe("error: missing doesn't exist in local filesystem\n");
    expect(lab.sh('kubectl cp nope:/a b')).toBe('Error from server (NotFound): pods "nope" not found\n');
  });
});

describe('kubectl attach', () => {
  it("shows a running container's output from now on, until it stops", () => {
    const lab = labShell();
    lab.sh("kubectl run counter --image=busybox -- sh -c 'i=0; while true; do echo tick $i; i=$((i+1)); sleep 2; done'");
    lab.wait(8);
    expect(lab.sh('kubectl attach counter --request-timeout=5s; echo "exit $?"')).toMatch(/^If you don't see a command prompt, try pressing enter\.\ntick (\d+)\ntick \d+\nexit 0\n$/);
    expect(lab.sh('kubectl attach pod counter -q --request-timeout=3s')).toMatch(/^(tick \d+\n)+$/);
    expect(lab.sh('kubectl attach counter -it --request-timeout=1s')).toBe("error: Unable to use a TTY - container counter did not allocate one\nIf you don't see a command prompt, try pressing enter.\n");
  });

  it('refuses what kubectl refuses', () => {
    const lab = labShell();
    lab.sh("kubectl run short --image=busybox --restart=Never -- sh -c 'echo bye'");
    lab.wait(10);
    expect(lab.sh('kubectl attach short')).toBe('error: cannot attach a container in a completed pod; current phase is Succeeded\n');
    expect(lab.sh('kubectl attach; echo $?')).toBe('error: at least 1 argument is required for attach\n1\n');
    expect(lab.sh('kubectl attach a b c')).toBe('error: expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw 3: [a b c]\n');
    expect(lab.sh('kubectl attach nope')).toBe('Error from server (NotFound): pods "nope" not found\n');
  });
});

describe('kubectl debug', () => {
  it('--copy-to makes a copy of the pod with a debugging container, sharing processes', () => {
    const lab = labShell();
    lab.sh('kubectl run web --image=nginx --labels=app=web');
    lab.wait(10);
    const out = lab.sh(`kubectl debug web --copy-to=web-debug --image=busybox --share-processes --profile=general -- sh -c 'echo hello from the copy; ps'; echo "exit $?"`);
    const name = /^Defaulting debug container name to (debugger-[bcdfghjklmnpqrstvwxz2456789]{5})\.\nexit 0\n$/.exec(out)?.[1];
    expect(name).toBeDefined();
    lab.wait(10);
    expect(lab.sh("kubectl get pod web-debug -o jsonpath='{.spec.containers[*].name} {.spec.shareProcessNamespace} {.metadata.labels}'")).toBe(`web ${name} true `);
    const logs = lab.sh(`kubectl logs web-debug -c ${name}`);
    expect(logs).toMatch(/^hello from the copy\nPID   USER     TIME  COMMAND\n    1 root      0:00 \/pause\n/);
    expect(logs).toContain('nginx: master process nginx -g daemon off;');
  });

  it('--set-image alone changes the copy\'s images, and the legacy profile keeps labels with a warning', () => {
    const lab = labShell();
    lab.sh('kubectl run web --image=nginx --labels=app=web');
    lab.wait(5);
    expect(lab.run('kubectl debug web --copy-to=web-set --set-image=*=busybox:1.36')).toBe(
      '$ kubectl debug web --copy-to=web-set --set-image=*=busybox:1.36\n--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n',
    );
    expect(lab.sh("kubectl get pod web-set -o jsonpath='{.spec.containers[0].image} {.metadata.labels.app}'")).toBe('busybox:1.36 web');
  });

  it('node/NAME runs a pod on the node in its namespaces with the host at /host', () => {
    const lab = labShell();
    const out = lab.sh('kubectl debug node/node01 --image=busybox --profile=general -- sleep 3600');
    const pod = /^Creating debugging pod (node-debugger-node01-[bcdfghjklmnpqrstvwxz2456789]{5}) with container debugger on node node01\.\n$/.exec(out)?.[1];
    expect(pod).toBeDefined();
    lab.wait(10);
    expect(lab.sh(`kubectl get pod ${pod} -o jsonpath='{.spec.nodeName} {.spec.hostPID} {.spec.hostNetwork} {.spec.hostIPC} {.spec.containers[0].volumeMounts[0].mountPath} {.spec.volumes[0].hostPath.path} {.spec.restartPolicy}'`)).toBe('node01 true true true /host / Never');
    expect(lab.sh(`kubectl get pod ${pod} -o jsonpath='{.status.phase}'`)).toBe('Running');
  });

  it("node/NAME's pod is in the node's PID namespace, and a user other than root there meets the permissions of the node's files", () => {
    const lab = labShell();
    const podName = (out: string) => /^Creating debugging pod (\S+) with/.exec(out)![1];
    const root = podName(lab.sh('kubectl debug node/node01 --image=busybox --profile=general -- sleep 3600'));
    lab.write('as-user.json', '{"securityContext":{"runAsUser":1000}}');
    const user = podName(lab.sh('kubectl debug node/node01 --image=busybox --profile=general --custom=as-user.json -- sleep 3600'));
    lab.wait(10);
    const ps = lab.sh(`kubectl exec ${root} -- ps`);
    expect(ps).toMatch(/^PID +USER +TIME +COMMAND\n +1 root +\S+ \/sbin\/init\n/);
    expect(ps).toMatch(/^ +\d+ root +\S+ \/usr\/bin\/kubelet /m);
    expect(ps).toMatch(/^ +\d+ 65535 +\S+ \/pause$/m);
    // Both debugging pods' sleep, as the node numbers them.
    expect(ps.match(/^ +\d+ (root|1000) +\S+ sleep 3600$/gm)).toHaveLength(2);
    expect(lab.sh(`kubectl exec ${root} -- head -1 /host/etc/shadow`)).toBe('root:*:19977:0:99999:7:::\n');
    expect(lab.sh(`kubectl exec ${user} -- id`)).toBe('uid=1000 gid=0(root) groups=0(root)\n');
    expect(lab.sh(`kubectl exec ${user} -- cat /host/etc/shadow; echo $?`)).toBe("cat: can't open '/host/etc/shadow': Permission denied\ncommand terminated with exit code 1\n1\n");
    expect(lab.sh(`kubectl exec ${user} -- ls /host/root`)).toBe("ls: can't open '/host/root': Permission denied\ncommand terminated with exit code 1\n");
    expect(lab.sh(`kubectl exec ${user} -- touch /host/etc/motd`)).toBe('touch: /host/etc/motd: Permission denied\ncommand terminated with exit code 1\n');
    expect(lab.sh(`kubectl exec ${user} -- cat /host/etc/hostname`)).toBe('node01\n');
  });

  it('checks its flags as kubectl does', () => {
    const lab = labShell();
    lab.sh('kubectl run web --image=nginx');
    expect(lab.sh('kubectl debug web; echo $?')).toBe('error: you must specify --image when not using --copy-to.\n1\n');
    expect(lab.sh('kubectl debug --image=busybox --profile=general')).toBe('error: NAME or filename is required for debug\n');
    expect(lab.sh('kubectl debug web --image=busybox --copy-to=x --target=web')).toBe('error: --target is incompatible with --copy-to. Use --share-processes instead.\n');
    expect(lab.sh('kubectl debug web --image=busybox -t')).toBe('error: -i/--stdin is required for containers with -t/--tty=true\n');
    expect(lab.sh('kubectl debug web --replace --image=busybox')).toBe('error: --replace may only be used with --copy-to.\n');
    expect(lab.sh('kubectl debug web --copy-to=x')).toBe('error: you must specify --image, --set-image or command arguments.\n');
    expect(lab.sh('kubectl debug web --image=busybox --profile=foo')).toBe('error: unknown profile: foo\n');
    expect(lab.sh('kubectl debug web --image=busybox --image-pull-policy=Sometimes --profile=general')).toBe('error: invalid image pull policy: Sometimes\n');
  });
});

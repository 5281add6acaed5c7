// Controllers as a learner drives them: Deployments that heal, scale, roll out, stall and roll
// back; Jobs that finish or give up; CronJobs; DaemonSets; the legacy ReplicationController.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labShell, tableRow } from '../support/lab-shell';


function names(output: string): string[] {
  return output.split('\n').slice(1).filter(Boolean).map((l) => l.split(/\s+/)[0]);
}

const failingJob = `apiVersion: batch/v1
kind: Job
metadata:
  name: fail
spec:
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: fail
        image: busybox:1.36
        command: ["sh", "-c", "echo failing; exit 1"]
`;

describe('Deployment', () => {
  it('keeps 3 replicas when pods are deleted and scales to 5', () => {
    const lab = labShell();
    expect(lab.sh('kubectl create deployment web --image=nginx:1.27 --replicas=3')).toBe('deployment.apps/web created\n');
    lab.wait(10);
    expect(tableRow(lab.sh('kubectl get deployment web'), 'web').slice(1, 4)).toEqual(['3/3', '3', '3']);
    const rsName = names(lab.sh('kubectl get rs'))[0];
    expect(rsName).toMatch(/^web-[456789bcdf]{1,10}$/);
    const before = names(lab.sh('kubectl get pods'));
    expect(before).toHaveLength(3);
    for (const pod of before) expect(pod).toMatch(new RegExp(`^${rsName}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    expect(lab.sh(`kubectl delete pod ${before[0]} ${before[1]}`)).toBe(`pod "${before[0]}" deleted\npod "${before[1]}" deleted\n`);
    lab.wait(10);
    const after = names(lab.sh('kubectl get pods'));
    expect(after).toHaveLength(3);
    expect(after).toContain(before[2]);
    expect(after).not.toContain(before[0]);
    expect(lab.sh(`kubectl describe rs ${rsName}`)).toMatch(/Normal\s+SuccessfulCreate\s+\S+\s+replicaset-controller\s+Created pod: /);
    expect(lab.sh('kubectl scale deployment web --replicas=5')).toBe('deployment.apps/web scaled\n');
    lab.wait(10);
    expect(tableRow(lab.sh('kubectl get deployment web'), 'web').slice(1, 4)).toEqual(['5/5', '5', '5']);
    expect(lab.sh('kubectl describe deployment web')).toContain(`Scaled up replica set ${rsName} from 3 to 5`);
  });

  it('pulls the image once per node: the node\'s other Pods wait in line, then need only a registry round-trip', () => {
    const lab = labShell();
    lab.sh('kubectl create deployment web --image=nginx:1.27 --replicas=4');
    lab.wait(15);
    const pulled = lab.sh(`kubectl get events --field-selector reason=Pulled -o jsonpath='{range .items[*]}{.source.host} {.message}{"\\n"}{end}'`);
    const seconds = (text: string) => (text.endsWith('ms') ? Number(text.slice(0, -2)) / 1000 : Number(text.slice(0, -1)));
    for (const node of ['node01', 'node02']) {
      const pulls = pulled
        .split('\n')
        .filter((line) => line.startsWith(`${node} `))
        .map((line) => /^\S+ Successfully pulled image "nginx:1\.27" in (\S+) \((\S+) including waiting\)\. Image size: 72195292 bytes\.$/.exec(line)!)
        .map((match) => ({ pull: seconds(match[1]), total: seconds(match[2]) }));
      expect(pulls, pulled).toHaveLength(2);
      const [first, second] = pulls;
      expect(first.pull).toBeGreaterThan(1.5);
      expect(first.total).toBe(first.pull);
      expect(second.pull).toBeLessThan(0.4);
      expect(second.total).toBeCloseTo(first.pull + second.pull, 3);
    }
  });

  it('rolls out a new image, records history with CHANGE-CAUSE and undoes it', () => {
    const lab = labShell();
    lab.sh('kubectl create deployment web --image=nginx:1.26 --replicas=3');
    lab.wait(10);
    expect(lab.sh('kubectl annotate deployment web kubernetes.io/change-cause="nginx 1.26"')).toBe('deployment.apps/web annotated\n');
    expect(lab.sh('kubectl set image deployment/web nginx=nginx:1.27')).toBe('deployment.apps/web image updated\n');
    lab.sh('kubectl annotate deployment web kubernetes.io/change-cause="update to 1.27" --overwrite');
    // kubectl prints the status at every watch event of the deployment, repeats included.
    expect(lab.sh('kubectl rollout status deployment/web')).toBe(
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n'.repeat(3) +
        'Waiting for deployment "web" rollout to finish: 2 out of 3 new replicas have been updated...\n'.repeat(3) +
        'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...\n'.repeat(2) +
        'deployment "web" successfully rolled out\n',
    );
    expect(lab.sh('kubectl rollout history deployment/web')).toBe(
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         nginx 1.26\n2         update to 1.27\n\n',
    );
    const revision2 = lab.sh('kubectl rollout history deployment/web --revision=2');
    expect(revision2).toMatch(/^deployment\.apps\/web with revision #2\nPod Template:\n/);
    expect(revision2).toContain('  Annotations:\tkubernetes.io/change-cause: update to 1.27\n');
    expect(revision2).toMatch(/Image:\s+nginx:1\.27\n/);
    const sets = lab.sh('kubectl get rs');
    expect(sets.split('\n').filter((l) => /\s3\s+3\s+3\s/.test(l))).toHaveLength(1);
    expect(sets.split('\n').filter((l) => /\s0\s+0\s+0\s/.test(l))).toHaveLength(1);

    expect(lab.sh('kubectl rollout undo deployment/web')).toBe('deployment.apps/web rolled back\n');
    expect(lab.sh('kubectl rollout status deployment/web')).toContain('deployment "web" successfully rolled out\n');
    expect(lab.sh('kubectl get deployment web -o jsonpath={.spec.template.spec.containers[0].image}')).toBe('nginx:1.26');
    // Undo re-uses revision 1's ReplicaSet, which becomes revision 3.
    expect(lab.sh('kubectl rollout history deployment/web')).toBe(
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         update to 1.27\n3         nginx 1.26\n\n',
    );
  });

  it('restarts, pauses and resumes a rollout', () => {
    const lab = labShell();
    lab.sh('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    lab.wait(10);
    expect(lab.sh('kubectl rollout restart deployment/web')).toBe('deployment.apps/web restarted\n');
    expect(lab.sh('kubectl get deployment web -o yaml')).toMatch(/kubectl\.kubernetes\.io\/restartedAt: /);
    expect(lab.sh('kubectl rollout status deployment/web')).toContain('deployment "web" successfully rolled out\n');
    expect(names(lab.sh('kubectl get rs'))).toHaveLength(2);

    expect(lab.sh('kubectl rollout pause deployment/web')).toBe('deployment.apps/web paused\n');
    lab.sh('kubectl set image deployment/web nginx=nginx:1.26');
    lab.wait(10);
    // Paused: no new ReplicaSet for the changed template.
    expect(names(lab.sh('kubectl get rs'))).toHaveLength(2);
    expect(lab.sh('kubectl rollout status deployment/web --timeout=5s')).toBe(
      'Waiting for deployment "web" rollout to finish: 0 out of 2 new replicas have been updated...\nerror: timed out waiting for the condition\n',
    );
    expect(lab.sh('kubectl rollout resume deployment/web')).toBe('deployment.apps/web resumed\n');
    expect(lab.sh('kubectl rollout status deployment/web')).toContain('deployment "web" successfully rolled out\n');
    expect(names(lab.sh('kubectl get rs'))).toHaveLength(3);
  });

  it('stalls on a missing image: old pods keep serving until the progress deadline', () => {
    const lab = labShell();
    lab.sh('kubectl create deployment web --image=nginx:1.27 --replicas=4');
    lab.wait(10);
    lab.sh('kubectl set image deployment/web nginx=nginx:no-such-tag');
    lab.wait(30);
    const pods = lab.sh('kubectl get pods');
    // maxSurge 1 and maxUnavailable 1 of 4: 3 old pods serve, 2 new ones cannot pull.
    expect(pods.split('\n').filter((l) => /\s1\/1\s+Running\s/.test(l))).toHaveLength(3);
    expect(pods.split('\n').filter((l) => /\s0\/1\s+(ErrImagePull|ImagePullBackOff)\s/.test(l))).toHaveLength(2);
    expect(tableRow(lab.sh('kubectl get deployment web'), 'web').slice(1, 4)).toEqual(['3/4', '2', '3']);
    expect(lab.sh('kubectl rollout status deployment/web')).toBe(
      'Waiting for deployment "web" rollout to finish: 2 out of 4 new replicas have been updated...\n' +
        'error: deployment "web" exceeded its progress deadline\n',
    );
    const described = lab.sh('kubectl describe deployment web');
    expect(described).toContain('Replicas:               4 desired | 2 updated | 5 total | 3 available | 2 unavailable');
    expect(described).toMatch(/Progressing\s+False\s+ProgressDeadlineExceeded/);
    expect(described).toMatch(/Available\s+True\s+MinimumReplicasAvailable/);
  });

  it('orphans the ReplicaSet and pods with --cascade=orphan', () => {
    const lab = labShell();
    lab.sh('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    lab.wait(10);
    expect(lab.sh('kubectl delete deployment web --cascade=orphan')).toBe('deployment.apps "web" deleted\n');
    lab.wait(10);
    expect(lab.sh('kubectl get deployments')).toBe('No resources found in default namespace.\n');
    const rs = names(lab.sh('kubectl get rs'));
    expect(rs).toHaveLength(1);
    expect(lab.sh(`kubectl get rs ${rs[0]} -o jsonpath={.metadata.ownerReferences}`)).toBe('');
    expect(names(lab.sh('kubectl get pods'))).toHaveLength(2);
  });
});

describe('Job and CronJob', () => {
  it('computes pi to 2000 places: COMPLETIONS 1/1, STATUS Complete, digits in the log', () => {
    const lab = labShell();
    expect(lab.sh(`kubectl create job pi --image=perl:5.34.0 -- perl -Mbignum=bpi -wle 'print bpi(2000)'`)).toBe('job.batch/pi created\n');
    lab.wait(60);
    const jobRow = tableRow(lab.sh('kubectl get jobs'), 'pi');
    expect(jobRow.slice(1, 3)).toEqual(['Complete', '1/1']);
    const pod = names(lab.sh('kubectl get pods'))[0];
    expect(pod).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(tableRow(lab.sh('kubectl get pods'), pod).slice(1, 3)).toEqual(['0/1', 'Completed']);
    const log = lab.sh('kubectl logs job/pi');
    expect(log).toMatch(/^3\.14159265358979323846264338327950288419716939937510/);
    expect(log.trim()).toHaveLength(2001);
    const described = lab.sh('kubectl describe job pi');
    expect(described).toContain('Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed');
    expect(described).toMatch(/Normal\s+Completed\s+\S+\s+job-controller\s+Job completed/);
  });

  it('gives up after backoffLimit failures: Failed, BackoffLimitExceeded', () => {
    const lab = labShell();
    lab.write('/fail.yaml', failingJob);
    lab.sh('kubectl apply -f fail.yaml');
    lab.wait(120);
    expect(tableRow(lab.sh('kubectl get jobs'), 'fail').slice(1, 3)).toEqual(['Failed', '0/1']);
    const pods = lab.sh('kubectl get pods');
    expect(names(pods)).toHaveLength(3);
    for (const name of names(pods)) expect(tableRow(pods, name).slice(1, 3)).toEqual(['0/1', 'Error']);
    const described = lab.sh('kubectl describe job fail');
    expect(described).toContain('Pods Statuses:    0 Active (0 Ready) / 0 Succeeded / 3 Failed');
    expect(described).toMatch(/Warning\s+BackoffLimitExceeded\s+\S+\s+job-controller\s+Job has reached the specified backoff limit/);
    expect(lab.sh(`kubectl get job fail -o jsonpath='{.status.conditions[?(@.type=="Failed")].reason}'`)).toBe('BackoffLimitExceeded');
    expect(lab.sh(`kubectl logs ${names(pods)[0]}`)).toBe('failing\n');
  });

  it('runs a CronJob every minute and a job created from it by hand', () => {
    const lab = labShell();
    expect(lab.sh(`kubectl create cronjob hello --image=busybox:1.36 --schedule="*/1 * * * *" -- echo hello`)).toBe('cronjob.batch/hello created\n');
    lab.wait(130);
    const cron = lab.sh('kubectl get cronjobs');
    expect(cron).toMatch(/^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE\n/);
    expect(tableRow(cron, 'hello').slice(1, 5)).toEqual(['*/1 * * * *', '<none>', 'False', '0']);
    const jobs = names(lab.sh('kubectl get jobs'));
    expect(jobs).toHaveLength(2);
    for (const job of jobs) expect(job).toMatch(/^hello-\d{8}$/);
    expect(lab.sh('kubectl create job manual --from=cronjob/hello')).toBe('job.batch/manual created\n');
    lab.wait(10);
    expect(tableRow(lab.sh('kubectl get jobs'), 'manual').slice(1, 3)).toEqual(['Complete', '1/1']);
    expect(lab.sh('kubectl logs job/manual')).toBe('hello\n');
  });
});

describe('DaemonSet, ReplicaSet and ReplicationController', () => {
  it('runs one DaemonSet pod on each worker, none on the control plane', () => {
    const lab = labShell();
    lab.write('/ds.yaml', `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: busybox:1.36
        command: ["sleep", "3600"]
`);
    expect(lab.sh('kubectl apply -f ds.yaml')).toBe('daemonset.apps/agent created\n');
    lab.wait(10);
    expect(tableRow(lab.sh('kubectl get daemonset'), 'agent').slice(1, 7)).toEqual(['2', '2', '2', '2', '2', '<none>']);
    const wide = lab.sh('kubectl get pods -o wide');
    const nodes = names(wide).map((pod) => tableRow(wide, pod)[6]).sort();
    expect(nodes).toEqual(['node01', 'node02']);
    expect(lab.sh('kubectl rollout status daemonset/agent')).toBe('daemon set "agent" successfully rolled out\n');
  });

  it('heals a ReplicaSet and a ReplicationController when their pods are deleted', () => {
    const lab = labShell();
    lab.write('/rc.yaml', `apiVersion: v1
kind: ReplicationController
metadata:
  name: legacy
spec:
  replicas: 2
  selector:
    app: legacy
  template:
    metadata:
      labels:
        app: legacy
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`);
    lab.write('/rs.yaml', `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: frontend
spec:
  replicas: 2
  selector:
    matchLabels:
      tier: frontend
  template:
    metadata:
      labels:
        tier: frontend
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`);
    expect(lab.sh('kubectl apply -f rc.yaml')).toBe('replicationcontroller/legacy created\n');
    expect(lab.sh('kubectl apply -f rs.yaml')).toBe('replicaset.apps/frontend created\n');
    lab.wait(10);
    const first = [...names(lab.sh('kubectl get pods -l app=legacy')), ...names(lab.sh('kubectl get pods -l tier=frontend'))];
    lab.sh('kubectl delete pod -l app=legacy --wait=false');
    lab.sh('kubectl delete pod -l tier=frontend --wait=false');
    lab.wait(20);
    const both = lab.sh('kubectl get rc,rs');
    expect(tableRow(both, 'replicationcontroller/legacy').slice(1, 4)).toEqual(['2', '2', '2']);
    expect(tableRow(both, 'replicaset.apps/frontend').slice(1, 4)).toEqual(['2', '2', '2']);
    const now = [...names(lab.sh('kubectl get pods -l app=legacy')), ...names(lab.sh('kubectl get pods -l tier=frontend'))];
    expect(now).toHaveLength(4);
    for (const pod of now) expect(first).not.toContain(pod);
    expect(lab.sh('kubectl describe rc legacy')).toMatch(/Normal\s+SuccessfulCreate\s+\S+\s+replication-controller\s+Created pod: legacy-/);
  });
});

describe('kubectl around workloads', () => {
  it('lists every workload kind with kubectl get all, in kubectl\'s order', () => {
    const lab = labShell();
    lab.sh('kubectl create deployment web --image=nginx:1.27');
    lab.sh('kubectl expose deployment web --port=80');
    lab.sh('kubectl create job once --image=busybox:1.36 -- echo hi');
    lab.sh(`kubectl create cronjob hourly --image=busybox:1.36 --schedule='0 * * * *' -- echo hi`);
    lab.wait(10);
    const all = lab.sh('kubectl get all');
    const headers = all.split('\n').filter((l) => l.startsWith('NAME '));
    expect(headers.map((h) => h.split(/\s{2,}/).slice(1, 3).join(' '))).toEqual([
      'READY STATUS',
      'TYPE CLUSTER-IP',
      'READY UP-TO-DATE',
      'DESIRED CURRENT',
      'SCHEDULE TIMEZONE',
      'STATUS COMPLETIONS',
    ]);
    expect(all).toMatch(/^service\/web\s+ClusterIP\s/m);
    expect(all).toMatch(/^deployment\.apps\/web\s+1\/1\s+1\s+1\s/m);
    expect(all).toMatch(/^cronjob\.batch\/hourly\s+0 \* \* \* \*\s+<none>\s+False\s+0\s+<none>\s/m);
    expect(all).toMatch(/^job\.batch\/once\s+Complete\s+1\/1\s/m);
  });

  it('edits through a file under .kube-edit/ sent back with kubectl replace', () => {
    const lab = labShell();
    lab.sh('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    lab.wait(10);
    expect(lab.sh('kubectl edit deployment web')).toBe(
      'The deployment is in .kube-edit/deployment-web.yaml. Edit and save it, then run:\n  kubectl replace -f .kube-edit/deployment-web.yaml\n',
    );
    const saved = lab.sh('cat .kube-edit/deployment-web.yaml');
    expect(saved).toMatch(/^# Please edit the object below\./);
    expect(saved).toContain('  replicas: 2\n');
    lab.sh(`sed -i 's/  replicas: 2/  replicas: 4/' .kube-edit/deployment-web.yaml`);
    expect(lab.sh('kubectl replace -f .kube-edit/deployment-web.yaml')).toBe('deployment.apps/web replaced\n');
    lab.wait(10);
    expect(tableRow(lab.sh('kubectl get deployment web'), 'web').slice(1, 4)).toEqual(['4/4', '4', '4']);
    // The file still carries the old resourceVersion: a second replace conflicts, as edit would.
    expect(lab.sh('kubectl replace -f .kube-edit/deployment-web.yaml')).toBe(
      'Error from server (Conflict): error when replacing ".kube-edit/deployment-web.yaml": Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again\n',
    );
  });

  const goldenDir = join(__dirname, '../golden-files/scenario');
  const pairCases = [
    { golden: 'annotate-pair-order', args: ['annotate', 'deploy', 'web', 'kubernetes.io/change-cause=x', 'extra'] },
    { golden: 'label-pair-order', args: ['label', 'pod', 'a', 'b=c', 'd'] },
  ];

  it('rejects a resource after the key=value changes, as kubectl does', () => {
    const lab = labShell();
    for (const c of pairCases) {
      const output = lab.sh(`kubectl ${c.args.join(' ')}; echo "--- exit $?"`);
      expect(output).toBe(readFileSync(join(goldenDir, `${c.golden}.golden`), 'utf8'));
    }
  });

  it.skipIf(!existsSync('/usr/bin/kubectl'))('the pair-order goldens match the live kubectl', () => {
    for (const c of pairCases) {
      let text = '';
      try {
        execFileSync('/usr/bin/kubectl', c.args, { stdio: 'pipe', env: { ...process.env, KUBECONFIG: '/dev/null' } });
      } catch (error) {
        const failure = error as { stdout: Buffer; stderr: Buffer; status: number };
        text = `${failure.stdout}${failure.stderr}--- exit ${failure.status}\n`;
      }
      expect(text).toBe(readFileSync(join(goldenDir, `${c.golden}.golden`), 'utf8'));
    }
  });
});

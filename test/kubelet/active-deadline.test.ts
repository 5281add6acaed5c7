// spec.activeDeadlineSeconds, as the Kubernetes docs describe it: once a pod has been active on
// its node that long, the kubelet fails it with reason DeadlineExceeded, says so in an event,
// and stops its containers.
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

const manifest = `cat <<'EOF' | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata:
  name: limited
spec:
  activeDeadlineSeconds: 30
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
EOF`;

describe('a pod with activeDeadlineSeconds', () => {
  it('runs until the deadline, then fails with DeadlineExceeded and its container is stopped', () => {
    const lab = labShell();
    expect(lab.sh(manifest)).toMatch(/\npod\/limited created\n$/);
    lab.wait(25);
    expect(lab.sh('kubectl get pod limited --no-headers').split(/\s+/).slice(0, 3)).toEqual(['limited', '1/1', 'Running']);
    lab.wait(10);
    expect(lab.sh('kubectl get pod limited -o jsonpath={.status.phase}/{.status.reason}/{.status.message}')).toBe(
      'Failed/DeadlineExceeded/Pod was active on the node longer than the specified deadline',
    );
    expect(lab.sh('kubectl get pod limited --no-headers').split(/\s+/).slice(0, 3)).toEqual(['limited', '1/1', 'DeadlineExceeded']);
    const events = lab.sh('kubectl get events --field-selector involvedObject.name=limited -o custom-columns=TYPE:.type,REASON:.reason,MESSAGE:.message --no-headers');
    expect(events).toMatch(/Normal +DeadlineExceeded +Pod was active on the node longer than the specified deadline\n/);
    expect(events).toMatch(/Normal +Killing +Stopping container app\n/);
    // sleep as PID 1 ignores SIGTERM: the kubelet kills it when the 30 s grace period ends.
    lab.wait(35);
    expect(lab.sh('kubectl get pod limited -o jsonpath={.status.containerStatuses[0].state.terminated.exitCode}')).toBe('137');
    // kubectl prints a terminated container's reason over the pod's, as its pod printer does.
    expect(lab.sh('kubectl get pod limited --no-headers').split(/\s+/).slice(0, 3)).toEqual(['limited', '0/1', 'Error']);
    expect(lab.sh('kubectl get pod limited -o jsonpath={.status.phase}/{.status.reason}')).toBe('Failed/DeadlineExceeded');
  });

  it('leaves a pod that finishes before its deadline Succeeded', () => {
    const lab = labShell();
    lab.sh(manifest.replace('["sleep", "3600"]', '["sleep", "5"]').replace('  containers:', '  restartPolicy: Never\n  containers:'));
    lab.wait(60);
    expect(lab.sh('kubectl get pod limited -o jsonpath={.status.phase}/{.status.reason}')).toBe('Succeeded/');
  });
});

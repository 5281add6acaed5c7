// Multi-container patterns end to end: a sidecar shipping the app's log file from a shared
// emptyDir, an ambassador proxying localhost to a remote Service, an adapter reformatting output.
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

const sidecarPod = `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "i=0; while true; do i=$((i+1)); echo \\"line $i\\" >> /var/log/app.log; sleep 5; done"]
    volumeMounts:
    - name: logs
      mountPath: /var/log
  - name: sidecar
    image: busybox:1.36
    command: ["sh", "-c", "tail -n+1 -f /var/log/app.log"]
    volumeMounts:
    - name: logs
      mountPath: /var/log
  volumes:
  - name: logs
    emptyDir: {}
`;

const ambassadorPod = `apiVersion: v1
kind: Pod
metadata:
  name: with-ambassador
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
  - name: ambassador
    image: busybox:1.36
    command: ["nc", "-lk", "-p", "8080", "-e", "nc", "web", "80"]
`;

// The app writes "N requests M errors"; the adapter turns each line into Prometheus text format.
const adapterPod = `apiVersion: v1
kind: Pod
metadata:
  name: with-adapter
spec:
  containers:
  - name: app
    image: busybox:1.36
    command:
    - sh
    - -c
    - |
      i=0
      while true; do
        i=$((i+1))
        echo "$i requests 0 errors" >> /data/status.txt
        sleep 5
      done
    volumeMounts:
    - name: data
      mountPath: /data
  - name: adapter
    image: busybox:1.36
    command:
    - sh
    - -c
    - |
      last=""
      while true; do
        line=$(tail -n 1 /data/status.txt 2>/dev/null)
        if [ -n "$line" ] && [ "$line" != "$last" ]; then
          set -- $line
          echo "app_requests_total $1"
          echo "app_errors_total $3"
          last="$line"
        fi
        sleep 1
      done
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    emptyDir: {}
`;

const nginxTitle = '<title>Welcome to nginx!</title>';

describe('multi-container patterns', () => {
  it('ships the app log file through a sidecar reading the shared emptyDir', () => {
    const lab = labShell();
    lab.write('/sidecar.yaml', sidecarPod);
    expect(lab.sh('kubectl apply -f sidecar.yaml')).toBe('pod/app created\n');
    lab.wait(22);
    expect(lab.sh('kubectl get pod app')).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\napp\s+2\/2\s+Running\s+0\s+22s\n$/);
    expect(lab.sh('kubectl logs app -c sidecar')).toBe('line 1\nline 2\nline 3\nline 4\nline 5\n');
    // The app writes only to the file: its own log stays empty.
    expect(lab.sh('kubectl logs app -c app')).toBe('');
    expect(lab.sh('kubectl exec app -c sidecar -- cat /var/log/app.log')).toBe('line 1\nline 2\nline 3\nline 4\nline 5\n');
    lab.wait(5);
    expect(lab.sh('kubectl logs app -c sidecar --tail=1')).toBe('line 6\n');
  });

  it('proxies localhost:8080 to a remote Service through an ambassador (nc -lk -e)', () => {
    const lab = labShell();
    lab.sh('kubectl create deployment web --image=nginx:1.27');
    lab.sh('kubectl expose deployment web --port=80');
    lab.write('/ambassador.yaml', ambassadorPod);
    expect(lab.sh('kubectl apply -f ambassador.yaml')).toBe('pod/with-ambassador created\n');
    lab.wait(15);
    expect(lab.sh('kubectl get pod with-ambassador')).toMatch(/with-ambassador\s+2\/2\s+Running\s+0\s/);
    expect(lab.sh('kubectl exec with-ambassador -c app -- wget -q -O - http://localhost:8080')).toContain(nginxTitle);
    // -k keeps listening: a second request goes through too, and nginx's 404 comes back.
    expect(lab.sh('kubectl exec with-ambassador -c app -- wget -q -O - http://localhost:8080/missing')).toBe(
      'wget: server returned error: HTTP/1.1 404 Not Found\ncommand terminated with exit code 1\n',
    );
  });

  it('reformats the app output into metrics through an adapter', () => {
    const lab = labShell();
    lab.write('/adapter.yaml', adapterPod);
    expect(lab.sh('kubectl apply -f adapter.yaml')).toBe('pod/with-adapter created\n');
    lab.wait(17);
    expect(lab.sh('kubectl get pod with-adapter')).toMatch(/with-adapter\s+2\/2\s+Running\s+0\s/);
    expect(lab.sh('kubectl exec with-adapter -c app -- cat /data/status.txt')).toBe(
      '1 requests 0 errors\n2 requests 0 errors\n3 requests 0 errors\n4 requests 0 errors\n',
    );
    expect(lab.sh('kubectl logs with-adapter -c adapter')).toBe(
      [1, 2, 3, 4].map((n) => `app_requests_total ${n}\napp_errors_total 0\n`).join(''),
    );
  });
});

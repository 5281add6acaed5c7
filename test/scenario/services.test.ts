// Services as a learner meets them: endpoints that follow readiness, ClusterIP and DNS from
// another pod, NodePort from the workstation, LoadBalancer without a cloud, headless DNS,
// `kubectl expose` and `kubectl port-forward`.
import { describe, expect, it } from 'vitest';
import { labShell, type LabShell, tableRow } from '../support/lab-shell';


// Ready only while /tmp/ready exists: postStart creates it, a learner can remove it.
const webDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
        readinessProbe:
          exec:
            command: ["cat", "/tmp/ready"]
          periodSeconds: 2
        lifecycle:
          postStart:
            exec:
              command: ["touch", "/tmp/ready"]
`;

const nginxTitle = '<title>Welcome to nginx!</title>';

function startWeb(lab: LabShell): { pods: string[]; ips: string[] } {
  lab.write('/web.yaml', webDeployment);
  lab.sh('kubectl apply -f web.yaml');
  expect(lab.sh('kubectl expose deployment web --port=80')).toBe('service/web exposed\n');
  lab.sh('kubectl run client --image=busybox:1.36 -- sleep 3600');
  lab.wait(15);
  const pods = lab.sh(`kubectl get pods -l app=web -o jsonpath='{.items[*].metadata.name}'`).split(' ');
  const ips = pods.map((pod) => lab.sh(`kubectl get pod ${pod} -o jsonpath={.status.podIP}`));
  return { pods, ips };
}

describe('Services', () => {
  it('moves a pod to notReadyAddresses when its readiness file is removed, and back', () => {
    const lab = labShell();
    const { pods, ips } = startWeb(lab);
    expect(tableRow(lab.sh('kubectl get endpoints web'), 'web')[1]).toBe(`${ips[0]}:80,${ips[1]}:80`);
    expect(lab.sh(`kubectl exec ${pods[0]} -- rm /tmp/ready`)).toBe('');
    lab.wait(10);
    expect(tableRow(lab.sh('kubectl get pods'), pods[0]).slice(1, 3)).toEqual(['0/1', 'Running']);
    expect(tableRow(lab.sh('kubectl get endpoints web'), 'web')[1]).toBe(`${ips[1]}:80`);
    expect(lab.sh(`kubectl get endpoints web -o jsonpath='{.subsets[0].notReadyAddresses[*].ip}'`)).toBe(ips[0]);
    expect(lab.sh(`kubectl get endpoints web -o jsonpath='{.subsets[0].addresses[*].ip}'`)).toBe(ips[1]);
    expect(lab.sh('kubectl describe service web')).toMatch(new RegExp(`Endpoints:\\s+${ips[1].replace(/\./g, '\\.')}:80\\n`));
    expect(lab.sh(`kubectl get endpointslices -l kubernetes.io/service-name=web -o jsonpath='{.items[0].endpoints[*].conditions.ready}'`)).toBe('false true');
    lab.sh(`kubectl exec ${pods[0]} -- touch /tmp/ready`);
    lab.wait(5);
    expect(tableRow(lab.sh('kubectl get endpoints web'), 'web')[1]).toBe(`${ips[0]}:80,${ips[1]}:80`);
  });

  it('reaches the ClusterIP by name from another pod and resolves its DNS name', () => {
    const lab = labShell();
    startWeb(lab);
    const clusterIP = lab.sh('kubectl get service web -o jsonpath={.spec.clusterIP}');
    expect(clusterIP).toMatch(/^10\.(9[6-9]|1[01][0-9])\.\d+\.\d+$/);
    expect(tableRow(lab.sh('kubectl get service web'), 'web').slice(1, 5)).toEqual(['ClusterIP', clusterIP, '<none>', '80/TCP']);
    expect(lab.sh('kubectl exec client -- wget -q -O - http://web')).toContain(nginxTitle);
    expect(lab.sh('kubectl exec client -- wget -q -O - http://web.default.svc.cluster.local')).toContain(nginxTitle);
    expect(lab.sh('kubectl exec client -- nslookup web.default.svc.cluster.local')).toBe(
      `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${clusterIP}\n\n`,
    );
    expect(lab.sh('kubectl exec client -- nc -zv web 80')).toBe(`web (${clusterIP}:80) open\n`);
  });

  it('answers a NodePort on every node from the workstation; a LoadBalancer stays <pending>', () => {
    const lab = labShell();
    startWeb(lab);
    expect(lab.sh('kubectl expose deployment web --name=web-np --type=NodePort --port=80')).toBe('service/web-np exposed\n');
    expect(lab.sh('kubectl expose deployment web --name=web-lb --type=LoadBalancer --port=80')).toBe('service/web-lb exposed\n');
    const nodePort = Number(lab.sh('kubectl get service web-np -o jsonpath={.spec.ports[0].nodePort}'));
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(nodePort).toBeLessThanOrEqual(32767);
    const services = lab.sh('kubectl get services');
    expect(tableRow(services, 'web-np')[1]).toBe('NodePort');
    expect(tableRow(services, 'web-np')[4]).toBe(`80:${nodePort}/TCP`);
    expect(tableRow(services, 'web-lb')[1]).toBe('LoadBalancer');
    expect(tableRow(services, 'web-lb')[3]).toBe('<pending>');
    expect(tableRow(services, 'web-lb')[4]).toMatch(/^80:3\d{4}\/TCP$/);
    expect(lab.sh(`curl -s http://node01:${nodePort}`)).toContain(nginxTitle);
    expect(lab.sh(`curl -s http://node02:${nodePort}/`)).toContain(nginxTitle);
    // The workstation is outside the cluster: Service names do not resolve there.
    expect(lab.sh('curl http://web')).toBe('curl: (6) Could not resolve host: web\n');
  });

  it('gives a Service patched to NodePort a node port, keeps it through later writes and drops it back to ClusterIP', () => {
    const lab = labShell();
    startWeb(lab);
    expect(lab.sh('kubectl expose deployment web --name=web-svc --port=80')).toBe('service/web-svc exposed\n');
    const clusterIP = lab.sh('kubectl get service web-svc -o jsonpath={.spec.clusterIP}');
    expect(lab.sh(`kubectl patch service web-svc -p '{"spec":{"type":"NodePort"}}'`)).toBe('service/web-svc patched\n');
    const nodePort = Number(lab.sh('kubectl get service web-svc -o jsonpath={.spec.ports[0].nodePort}'));
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(nodePort).toBeLessThanOrEqual(32767);
    expect(tableRow(lab.sh('kubectl get services'), 'web-svc')[4]).toBe(`80:${nodePort}/TCP`);
    expect(lab.sh(`curl -s http://node01:${nodePort}`)).toContain(nginxTitle);
    lab.sh('kubectl label service web-svc tier=front');
    expect(Number(lab.sh('kubectl get service web-svc -o jsonpath={.spec.ports[0].nodePort}'))).toBe(nodePort);
    // A replace that leaves out what the API server allocated keeps it.
    lab.write('/svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web-svc\nspec:\n  type: NodePort\n  selector:\n    app: web\n  ports:\n  - port: 80\n');
    expect(lab.sh('kubectl replace -f /svc.yaml')).toBe('service/web-svc replaced\n');
    expect(lab.sh('kubectl get service web-svc -o jsonpath={.spec.clusterIP}/{.spec.ports[0].nodePort}')).toBe(`${clusterIP}/${nodePort}`);
    expect(lab.sh(`kubectl patch service web-svc -p '{"spec":{"type":"ClusterIP"}}'`)).toBe('service/web-svc patched\n');
    expect(tableRow(lab.sh('kubectl get services'), 'web-svc')[4]).toBe('80/TCP');
  });

  it('returns the ready pod IPs for a headless Service', () => {
    const lab = labShell();
    const { ips } = startWeb(lab);
    lab.write('/headless.yaml', `apiVersion: v1
kind: Service
metadata:
  name: web-headless
spec:
  clusterIP: None
  selector:
    app: web
  ports:
  - port: 80
`);
    lab.sh('kubectl apply -f headless.yaml');
    lab.wait(2);
    expect(tableRow(lab.sh('kubectl get service web-headless'), 'web-headless').slice(1, 3)).toEqual(['ClusterIP', 'None']);
    const answer = lab.sh('kubectl exec client -- nslookup web-headless.default.svc.cluster.local');
    expect(answer).toBe(
      `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb-headless.default.svc.cluster.local\n` +
        [...ips].sort().map((ip) => `Address: ${ip}\n`).join('') + '\n',
    );
    expect(lab.sh('kubectl exec client -- wget -q -O - http://web-headless')).toContain(nginxTitle);
  });

  it('forwards a workstation port to a pod while port-forward runs in another terminal', () => {
    const lab = labShell();
    lab.sh('kubectl run web --image=nginx:1.27 --port=80');
    lab.wait(10);
    const second = lab.session.openTerminal();
    let forwarded = '';
    const forward = second.execute('kubectl port-forward pod/web 8080:80 --request-timeout=10m', (s) => (forwarded += s));
    lab.wait(1);
    expect(forwarded).toBe('Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n');
    expect(lab.sh('curl -s localhost:8080')).toContain(nginxTitle);
    expect(forwarded).toBe('Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\nHandling connection for 8080\n');
    expect(lab.sh('curl -s localhost:8080 > /dev/null; curl -s localhost:8080 > /dev/null')).toBe('');
    expect(forwarded.match(/Handling connection for 8080\n/g)).toHaveLength(3);
    forward.interrupt();
    lab.wait(1);
    expect(lab.sh('curl localhost:8080')).toBe('curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn\'t connect to server\n');
  });
});

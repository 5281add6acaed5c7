// What the catalog's images do when a pod runs them: their default commands, shells, tools and servers.
import { describe, expect, it } from 'vitest';
import { labShell, tableRow } from '../support/lab-shell';

describe('images behave as the real ones', () => {
  it('agnhost with no arguments pauses, so the dnsutils pod stays Running', () => {
    const lab = labShell();
    lab.sh('kubectl run dnsutils --image=registry.k8s.io/e2e-test-images/agnhost:2.39');
    lab.wait(20);
    expect(tableRow(lab.sh('kubectl get pod dnsutils'), 'dnsutils').slice(1, 4)).toEqual(['1/1', 'Running', '0']);
    expect(lab.sh('kubectl logs dnsutils')).toBe('Paused\n');
  });

  it('the bash image runs bash; busybox alone has no bash', () => {
    const lab = labShell();
    lab.sh(`kubectl run b --image=docker.io/library/bash:5 --restart=Never --command -- bash -c 'echo $0 $((6 * 7))'`);
    lab.sh(`kubectl run s --image=busybox:1.36 --restart=Never --command -- bash -c 'echo hi'`);
    lab.wait(20);
    expect(lab.sh('kubectl logs b')).toBe('bash 42\n');
    expect(lab.sh('kubectl get pod s')).toMatch(/s\s+0\/1\s+StartError/);
  });

  it('python runs a one-liner with os.environ and sys.exit', () => {
    const lab = labShell();
    lab.write('job.yaml', `apiVersion: v1
kind: Pod
metadata: {name: py}
spec:
  restartPolicy: Never
  containers:
  - name: py
    image: python
    env: [{name: JOB_COMPLETION_INDEX, value: "4"}]
    command: ["python3", "-c", "import os, sys\\nprint(\\"Hello world\\")\\nif int(os.environ.get(\\"JOB_COMPLETION_INDEX\\")) % 2 == 0:\\n  sys.exit(1)\\n"]
`);
    lab.sh('kubectl apply -f job.yaml');
    lab.wait(60);
    expect(lab.sh('kubectl logs py')).toBe('Hello world\n');
    expect(lab.sh(`kubectl get pod py -o jsonpath='{.status.containerStatuses[0].state.terminated.exitCode}'`)).toBe('1');
  });

  it('python reports a name it does not know with a traceback', () => {
    const lab = labShell();
    lab.sh(`kubectl run py --image=python:3.13 --restart=Never --command -- python3 -c 'print(undefined_name)'`);
    lab.wait(60);
    expect(lab.sh('kubectl logs py')).toBe(
      'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\n    print(undefined_name)\nNameError: name \'undefined_name\' is not defined\n',
    );
  });

  it('curlimages/curl hands its arguments to curl', () => {
    const lab = labShell();
    lab.sh('kubectl run web --image=nginx:1.27 --port=80 --expose');
    lab.wait(20);
    lab.sh('kubectl run c --image=curlimages/curl:8.11.1 --restart=Never -- -s http://web');
    lab.wait(30);
    expect(lab.sh('kubectl logs c')).toContain('<title>Welcome to nginx!</title>');
  });

  it('http-echo, whoami and hello-app answer as their images do', () => {
    const lab = labShell();
    lab.sh('kubectl run echo --image=hashicorp/http-echo -- -text=hello');
    lab.sh('kubectl run who --image=traefik/whoami');
    lab.sh('kubectl run hello --image=gcr.io/google-samples/hello-app:2.0');
    lab.sh('kubectl run client --image=busybox:1.36 -- sleep 3600');
    lab.wait(30);
    const ip = (pod: string) => lab.sh(`kubectl get pod ${pod} -o jsonpath='{.status.podIP}'`);
    expect(lab.sh(`kubectl exec client -- wget -qO- http://${ip('echo')}:5678`)).toBe('hello\n');
    expect(lab.sh(`kubectl exec client -- wget -qO- http://${ip('who')}`)).toMatch(/^Hostname: who\r\n/);
    expect(lab.sh(`kubectl exec client -- wget -qO- http://${ip('hello')}:8080`)).toBe('Hello, world!\nVersion: 2.0.0\nHostname: hello\n');
  });

  it('debian has no curl, wget or ps', () => {
    const lab = labShell();
    lab.sh('kubectl run deb --image=debian -- sleep infinity');
    lab.wait(30);
    expect(lab.sh('kubectl exec deb -- curl http://example.com')).toContain('executable file not found in $PATH');
    expect(lab.sh(`kubectl exec deb -- bash -c 'ps; echo $?'`)).toMatch(/ps: command not found\n127\n$/);
  });

  it('mongo, memcached and rabbitmq listen on their ports', () => {
    const lab = labShell();
    lab.sh('kubectl run mongo --image=mongo:8.0');
    lab.sh('kubectl run cache --image=memcached:1.6');
    lab.sh('kubectl run mq --image=rabbitmq:4-management');
    lab.sh('kubectl run client --image=busybox:1.36 -- sleep 3600');
    lab.wait(30);
    const ip = (pod: string) => lab.sh(`kubectl get pod ${pod} -o jsonpath='{.status.podIP}'`);
    expect(lab.sh(`kubectl exec client -- nc -z -w 1 ${ip('mongo')} 27017; echo $?`)).toBe('0\n');
    expect(lab.sh(`kubectl exec client -- nc -z -w 1 ${ip('cache')} 11211; echo $?`)).toBe('0\n');
    expect(lab.sh(`kubectl exec client -- nc -z -w 1 ${ip('mq')} 5672; echo $?`)).toBe('0\n');
  });
});

describe('the release a tag names', () => {
  it('is the one the image reports: nginx:1.14.2 serves as nginx/1.14.2, nginx:1.26 as the newest 1.26.x', () => {
    const lab = labShell();
    lab.sh('kubectl run old --image=nginx:1.14.2');
    lab.sh('kubectl run line --image=nginx:1.26-alpine');
    lab.sh('kubectl run curl --image=curlimages/curl -- sleep 3600');
    lab.wait(30);
    const ip = (pod: string) => lab.sh(`kubectl get pod ${pod} -o jsonpath='{.status.podIP}'`);
    expect(lab.sh(`kubectl exec curl -- curl -sI http://${ip('old')}`)).toContain('Server: nginx/1.14.2\r\n');
    expect(lab.sh('kubectl exec old -- printenv NGINX_VERSION')).toBe('1.14.2\n');
    expect(lab.sh('kubectl logs line')).toContain('[notice] 1#1: nginx/1.26.3\n');
  });

  it('redis, python, node and golang report theirs too', () => {
    const lab = labShell();
    lab.sh('kubectl run r --image=redis:5');
    lab.sh('kubectl run p --image=python:3.12 --restart=Never -- python3 --version');
    lab.sh('kubectl run n --image=node:20.18.1 --restart=Never -- node --version');
    lab.sh('kubectl run g --image=golang:1.22 --restart=Never -- go version');
    lab.wait(60);
    expect(lab.sh('kubectl logs r')).toContain('Redis version=5.0.14,');
    expect(lab.sh('kubectl logs p')).toBe('Python 3.12.11\n');
    expect(lab.sh('kubectl logs n')).toBe('v20.18.1\n');
    expect(lab.sh('kubectl logs g')).toBe('go version go1.22.10 linux/amd64\n');
  });
});

describe('docker-entrypoint.sh', () => {
  it('runs the arguments as a command, or the image’s program with them as options', () => {
    const lab = labShell();
    lab.sh('kubectl run web --image=nginx:1.27 -- sleep 3600');
    lab.sh('kubectl run cache --image=redis:7.4 -- --port 7000');
    lab.wait(30);
    expect(lab.sh('kubectl exec web -- cat /proc/1/cmdline')).toBe('sleep\u00003600\u0000');
    // nginx's image has no procps.
    expect(lab.sh('kubectl exec web -- ps')).toContain('exec: "ps": executable file not found in $PATH');
    expect(lab.sh('kubectl logs web')).toBe('');
    expect(lab.sh('kubectl get pod cache')).toMatch(/cache\s+1\/1\s+Running/);
  });
});

describe('agnhost', () => {
  it('netexec answers its endpoints and serve-hostname its hostname', () => {
    const lab = labShell();
    lab.sh('kubectl run net --image=registry.k8s.io/e2e-test-images/agnhost:2.40 -- netexec --http-port=8080');
    lab.sh('kubectl run host --image=registry.k8s.io/e2e-test-images/agnhost:2.40 -- serve-hostname');
    lab.wait(30);
    const ip = (pod: string) => lab.sh(`kubectl get pod ${pod} -o jsonpath='{.status.podIP}'`);
    expect(lab.sh(`kubectl exec net -- curl -s 'http://localhost:8080/echo?msg=hello%20there'`)).toBe('hello there');
    expect(lab.sh('kubectl exec net -- curl -s http://localhost:8080/hostname')).toBe('net');
    expect(lab.sh('kubectl exec net -- curl -s http://localhost:8080/serverport')).toBe('8080');
    expect(lab.sh('kubectl exec net -- curl -s http://localhost:8080/')).toMatch(/^NOW: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000 UTC$/);
    expect(lab.sh(`kubectl exec net -- curl -s http://${ip('host')}:9376`)).toBe('host');
  });

  it('connect, dns-suffix and entrypoint-tester print what the e2e tests read', () => {
    const lab = labShell();
    lab.sh('kubectl run a --image=registry.k8s.io/e2e-test-images/agnhost:2.40');
    lab.wait(30);
    expect(lab.sh('kubectl exec a -- /agnhost dns-suffix')).toBe('default.svc.cluster.local,svc.cluster.local,cluster.local');
    expect(lab.sh('kubectl exec a -- /agnhost dns-server-list')).toBe('10.96.0.10');
    expect(lab.sh('kubectl exec a -- /agnhost connect nowhere:80')).toBe('DNS: lookup nowhere: no such host\ncommand terminated with exit code 1\n');
    expect(lab.sh('kubectl exec a -- /agnhost connect kubernetes.default:443')).toBe('');
    expect(lab.sh('kubectl exec a -- /agnhost entrypoint-tester foo lish args')).toBe('/agnhost entrypoint-tester foo lish args\n');
  });
});

describe('tutorial images', () => {
  it('kubernetes-bootcamp answers with its pod and version, v2 after the rolling update', () => {
    const lab = labShell();
    lab.sh('kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1');
    lab.sh('kubectl expose deployment/kubernetes-bootcamp --type=NodePort --port 8080');
    lab.sh('kubectl run client --image=busybox:1.36 -- sleep 3600');
    lab.wait(60);
    expect(lab.sh('kubectl exec client -- wget -qO- http://kubernetes-bootcamp:8080')).toMatch(/^Hello Kubernetes bootcamp! \| Running on: kubernetes-bootcamp-\w+-\w+ \| v=1\n$/);
    expect(lab.sh('kubectl logs deployment/kubernetes-bootcamp')).toMatch(/^Kubernetes Bootcamp App Started At: \S+Z \| Running On:  kubernetes-bootcamp-/);
    lab.sh('kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=docker.io/jocatalin/kubernetes-bootcamp:v2');
    lab.wait(120);
    expect(lab.sh('kubectl exec client -- wget -qO- http://kubernetes-bootcamp:8080')).toMatch(/ \| v=2\n$/);
  });

  it('hello-app:1.0 says it is version 1.0.0', () => {
    const lab = labShell();
    lab.sh('kubectl run hello --image=gcr.io/google-samples/hello-app:1.0');
    lab.wait(30);
    expect(lab.sh('kubectl exec hello -- wget -qO- http://localhost:8080')).toBe('Hello, world!\nVersion: 1.0.0\nHostname: hello\n');
  });

  it('echoserver tells what request it received', () => {
    const lab = labShell();
    lab.sh('kubectl run echo --image=registry.k8s.io/echoserver:1.10');
    lab.wait(30);
    const reply = lab.sh('kubectl exec echo -- curl -s http://localhost:8080/hello?x=1');
    expect(reply).toContain('\n\nHostname: echo\n');
    expect(reply).toContain('\tmethod=GET\n\treal path=/hello\n\tquery=x=1\n');
  });
});

describe('redis-cli', () => {
  it('talks to redis: PING, SET, GET, and an unknown command', () => {
    const lab = labShell();
    lab.sh('kubectl run cache --image=redis:7.4 --port=6379 --expose');
    lab.sh('kubectl run box --image=busybox:1.36 -- sleep 3600');
    lab.wait(30);
    expect(lab.sh('kubectl exec cache -- redis-cli PING')).toBe('PONG\n');
    expect(lab.sh('kubectl exec cache -- redis-cli SET greeting hello')).toBe('OK\n');
    expect(lab.sh('kubectl exec cache -- redis-cli GET greeting')).toBe('hello\n');
    expect(lab.sh('kubectl exec cache -- redis-cli GET missing')).toBe('\n');
    expect(lab.sh('kubectl exec cache -- redis-cli FLY away')).toBe("ERR unknown command 'FLY', with args beginning with: 'away' \n");
    expect(lab.sh(`kubectl exec box -- sh -c 'echo PING | nc cache 6379'`)).toBe('+PONG\r\n');
    expect(lab.sh('kubectl exec cache -- redis-cli -h nowhere PING')).toBe('Could not connect to Redis at nowhere:6379: Name or service not known\ncommand terminated with exit code 1\n');
  });
});

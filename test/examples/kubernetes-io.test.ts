// The kubernetes.io examples reach the state their pages describe: each is applied to a fresh lab
// (with what its page creates first), time passes, and the commands the page runs show what the
// page shows. Fixtures and their sources are listed in README.md next to this file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

interface Example {
  /** Under content/en/examples/ in kubernetes/website, as under kubernetes.io/ here. */
  files: string[];
  /** The page in content/en/docs/ that uses it. */
  page: string;
  /** Seconds of virtual time before the checks. */
  wait: number;
  /** Further fixtures the page applies later, written to the workspace only. */
  later?: string[];
  /** What the page creates before applying the example (a namespace). */
  setup?: string[];
  /**
   * A command the page runs, and what its output contains (text) or matches (pattern); `wait N`
   * lets N more seconds pass.
   */
  checks: [command: string, expected: string | RegExp][];
}

const examples: Example[] = [
  {
    files: ['pods/simple-pod.yaml'],
    page: 'concepts/workloads/pods/_index.md',
    wait: 30,
    checks: [['kubectl get pod nginx', /^nginx\s+1\/1\s+Running\s+0\s/m]],
  },
  {
    files: ['pods/two-container-pod.yaml'],
    page: 'tasks/access-application-cluster/communicate-containers-same-pod-shared-volume.md',
    wait: 60,
    checks: [
      [`kubectl get pod two-containers -o jsonpath='{.status.containerStatuses[?(@.name=="debian-container")].state.terminated.reason}'`, 'Completed'],
      ['kubectl exec two-containers -c nginx-container -- apt-get update', 'Reading package lists... Done\n'],
      ['kubectl exec two-containers -c nginx-container -- apt-get install -y curl procps', 'Setting up procps (2:4.0.2-3) ...\n'],
      ['kubectl exec two-containers -c nginx-container -- ps aux', /root +1 .* nginx: master process nginx -g daemon off;\n/],
      ['kubectl exec two-containers -c nginx-container -- curl -s localhost', 'Hello from the debian container\n'],
    ],
  },
  {
    files: ['pods/commands.yaml'],
    page: 'tasks/inject-data-application/define-command-argument-container.md',
    wait: 60,
    checks: [['kubectl logs command-demo', /^command-demo\ntcp:\/\/10\.96\.0\.1:443\n$/]],
  },
  {
    files: ['pods/init-containers.yaml'],
    page: 'tasks/configure-pod-container/configure-pod-initialization.md',
    wait: 60,
    checks: [
      ['kubectl get pod init-demo', /^init-demo\s+1\/1\s+Running/m],
      ['kubectl exec init-demo -c nginx -- curl -s localhost', '<h1>http://info.cern.ch - home of the first website</h1>'],
    ],
  },
  {
    files: ['pods/lifecycle-events.yaml'],
    page: 'tasks/configure-pod-container/attach-handler-lifecycle-event.md',
    wait: 30,
    checks: [['kubectl exec lifecycle-demo -- cat /usr/share/message', 'Hello from the postStart handler']],
  },
  {
    files: ['pods/probe/exec-liveness.yaml'],
    page: 'tasks/configure-pod-container/configure-liveness-readiness-startup-probes.md',
    wait: 90,
    checks: [
      ['kubectl describe pod liveness-exec', 'Liveness probe failed: cat: can\'t open \'/tmp/healthy\': No such file or directory'],
      ['kubectl get pod liveness-exec', /^liveness-exec\s+1\/1\s+Running\s+1 \(/m],
    ],
  },
  {
    files: ['pods/probe/http-liveness.yaml'],
    page: 'tasks/configure-pod-container/configure-liveness-readiness-startup-probes.md',
    wait: 40,
    checks: [['kubectl describe pod liveness-http', 'Liveness probe failed: HTTP probe failed with statuscode: 500']],
  },
  {
    files: ['pods/probe/tcp-liveness-readiness.yaml'],
    page: 'tasks/configure-pod-container/configure-liveness-readiness-startup-probes.md',
    wait: 30,
    checks: [['kubectl get pod goproxy', /^goproxy\s+1\/1\s+Running\s+0\s/m]],
  },
  {
    files: ['pods/inject/envars.yaml'],
    page: 'tasks/inject-data-application/define-environment-variable-container.md',
    wait: 30,
    checks: [['kubectl exec envar-demo -- printenv DEMO_GREETING DEMO_FAREWELL', 'Hello from the environment\nSuch a sweet sorrow\n']],
  },
  {
    files: ['pods/inject/dependent-envars.yaml'],
    page: 'tasks/inject-data-application/define-interdependent-environment-variables.md',
    wait: 30,
    checks: [
      [
        'kubectl logs dependent-envars-demo',
        '\nUNCHANGED_REFERENCE=$(PROTOCOL)://172.17.0.1:80\nSERVICE_ADDRESS=https://172.17.0.1:80\nESCAPED_REFERENCE=$(PROTOCOL)://172.17.0.1:80\n',
      ],
    ],
  },
  {
    files: ['pods/inject/secret.yaml', 'pods/inject/secret-pod.yaml'],
    page: 'tasks/inject-data-application/distribute-credentials-secure.md',
    wait: 30,
    checks: [
      ['kubectl exec secret-test-pod -- ls /etc/secret-volume', 'password\nusername\n'],
      ['kubectl exec secret-test-pod -- cat /etc/secret-volume/username', 'my-app'],
      ['kubectl exec secret-test-pod -- cat /etc/secret-volume/password', '39528$vdg7Jb'],
    ],
  },
  {
    files: ['configmap/configmap-multikeys.yaml', 'pods/pod-configmap-envFrom.yaml'],
    page: 'tasks/configure-pod-container/configure-pod-configmap.md',
    wait: 30,
    checks: [['kubectl logs dapi-test-pod', /^SPECIAL_LEVEL=very\nSPECIAL_TYPE=charm\n/m]],
  },
  {
    files: ['controllers/nginx-deployment.yaml'],
    page: 'concepts/workloads/controllers/deployment.md',
    wait: 40,
    checks: [['kubectl get deployments', /^nginx-deployment\s+3\/3\s+3\s+3\s/m]],
  },
  {
    files: ['controllers/frontend.yaml'],
    page: 'concepts/workloads/controllers/replicaset.md',
    wait: 60,
    checks: [['kubectl get rs frontend', /^frontend\s+3\s+3\s+3\s/m]],
  },
  {
    files: ['controllers/job.yaml'],
    page: 'concepts/workloads/controllers/job.md',
    wait: 120,
    checks: [
      ['kubectl get job pi', /^pi\s+Complete\s+1\/1\s/m],
      ['kubectl logs job/pi', /^3\.14159265358979323846264338327950288419716939937510/],
    ],
  },
  {
    files: ['application/job/indexed-job.yaml'],
    page: 'tasks/job/indexed-parallel-processing-static.md',
    wait: 60,
    checks: [
      ['kubectl describe jobs/indexed-job', /Completion Mode:\s+Indexed\n[\s\S]*Pods Statuses:\s+0 Active \(0 Ready\) \/ 5 Succeeded \/ 0 Failed\nCompleted Indexes:\s+0-4\n/],
      ['kubectl logs -l batch.kubernetes.io/job-completion-index=3', 'xuq\n'],
      [`kubectl get pods -l job-name=indexed-job -o go-template='{{range .items}}{{.spec.hostname}} {{index .metadata.annotations "batch.kubernetes.io/job-completion-index"}}{{"\\n"}}{{end}}'`, 'indexed-job-0 0\nindexed-job-1 1\nindexed-job-2 2\nindexed-job-3 3\nindexed-job-4 4\n'],
    ],
  },
  {
    files: ['controllers/job-pod-failure-policy-failjob.yaml'],
    page: 'tasks/job/pod-failure-policy.md',
    wait: 60,
    checks: [
      ['kubectl get jobs -l job-name=job-pod-failure-policy-failjob -o yaml', /message: Container main for pod default\/job-pod-failure-policy-failjob-\w{5}\s+failed with exit code 42 matching FailJob rule at index 0\n\s+reason: PodFailurePolicy\n\s+status: "True"\n\s+type: Failed\n/],
      ['kubectl get pods -l job-name=job-pod-failure-policy-failjob', /^job-pod-failure-policy-failjob-\w{5}\s+0\/1\s+Error\s/m],
    ],
  },
  {
    files: ['controllers/job-backoff-limit-per-index-example.yaml'],
    page: 'concepts/workloads/controllers/job.md',
    wait: 180,
    checks: [
      [
        `kubectl get job job-backoff-limit-per-index-example -o jsonpath='{.status.completedIndexes} {.status.failedIndexes} {.status.succeeded} {.status.failed} {.status.conditions[*].reason}'`,
        '1,3,5,7,9 0,2,4,6,8 5 10 FailedIndexes FailedIndexes',
      ],
      ['kubectl logs -l job-name=job-backoff-limit-per-index-example,batch.kubernetes.io/job-completion-index=1', 'Hello world\n'],
    ],
  },
  {
    files: ['application/job/job-sidecar.yaml'],
    page: 'concepts/workloads/pods/sidecar-containers.md',
    wait: 60,
    checks: [['kubectl get job myjob', /^myjob\s+Complete\s+1\/1\s/m]],
  },
  {
    files: ['application/deployment-sidecar.yaml'],
    page: 'concepts/workloads/pods/sidecar-containers.md',
    wait: 40,
    checks: [
      ['kubectl get deployment myapp', /^myapp\s+1\/1\s+1\s+1\s/m],
      ['kubectl logs deployment/myapp -c logshipper', /\nlogging\nlogging\n/],
    ],
  },
  {
    files: ['application/php-apache.yaml'],
    page: 'tasks/run-application/horizontal-pod-autoscale-walkthrough.md',
    wait: 60,
    checks: [[`kubectl run load-generator --rm -i --image=busybox:1.28 --restart=Never -- /bin/sh -c "wget -q -O- http://php-apache"`, 'OK!']],
  },
  {
    files: ['service/access/hello-application.yaml'],
    page: 'tasks/access-application-cluster/service-access-application-cluster.md',
    wait: 30,
    checks: [
      ['kubectl expose deployment hello-world --type=NodePort --name=example-service', 'service/example-service exposed'],
      ['kubectl run client --rm -i --image=busybox:1.28 --restart=Never -- wget -qO- http://example-service:8080', /^Hello, world!\nVersion: 2\.0\.0\nHostname: hello-world-/],
    ],
  },
  {
    files: ['debug/termination.yaml'],
    page: 'tasks/debug/debug-application/determine-reason-pod-failure.md',
    wait: 15,
    checks: [[`kubectl get pod termination-demo -o jsonpath='{.status.containerStatuses[0].lastState.terminated.message}'`, 'Sleep expired']],
  },
  {
    files: ['debug/counter-pod.yaml'],
    page: 'concepts/cluster-administration/logging.md',
    wait: 20,
    checks: [['kubectl logs counter', /^0: \w{3} \w{3} +\d+ \d\d:\d\d:\d\d UTC \d{4}\n1: /]],
  },
  {
    files: ['admin/logging/two-files-counter-pod-streaming-sidecar.yaml'],
    page: 'concepts/cluster-administration/logging.md',
    wait: 30,
    checks: [
      ['kubectl logs counter count-log-1', /^0: \w{3} \w{3} +\d+ [\d:]+ UTC \d{4}\n1: /],
      ['kubectl logs counter count-log-2', /^\w{3} \w{3} +\d+ [\d:]+ UTC \d{4} INFO 0\n/],
    ],
  },
  {
    files: ['admin/dns/dnsutils.yaml'],
    page: 'tasks/administer-cluster/dns-debugging-resolution.md',
    wait: 30,
    checks: [
      ['kubectl get pods dnsutils', /^dnsutils\s+1\/1\s+Running\s+0\s/m],
      ['kubectl exec -i -t dnsutils -- nslookup kubernetes.default', 'Name:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n'],
    ],
  },
  {
    files: ['service/networking/run-my-nginx.yaml', 'service/networking/nginx-svc.yaml'],
    page: 'tutorials/services/connect-applications-service.md',
    wait: 30,
    checks: [
      ['kubectl get pods -l run=my-nginx', /my-nginx-\S+\s+1\/1\s+Running[\s\S]*my-nginx-\S+\s+1\/1\s+Running/],
      ['kubectl run curl --rm -i --image=curlimages/curl --restart=Never -- -s http://my-nginx', '<title>Welcome to nginx!</title>'],
    ],
  },
  {
    files: ['service/networking/hostaliases-pod.yaml'],
    page: 'tasks/network/customize-hosts-file-for-pods.md',
    wait: 30,
    checks: [['kubectl logs hostaliases-pod', '\n# Entries added by HostAliases.\n127.0.0.1\tfoo.local\tbar.local\n10.1.2.3\tfoo.remote\tbar.remote\n']],
  },
  {
    files: ['pods/share-process-namespace.yaml'],
    page: 'tasks/configure-pod-container/share-process-namespace.md',
    wait: 30,
    checks: [
      [
        'kubectl exec nginx -c shell -- ps ax',
        /^PID +USER +TIME +COMMAND\n +1 root +0:00 \/pause\n +\d+ root +0:00 nginx: master process nginx -g daemon off;\n +\d+ 101 +0:00 nginx: worker process\n/,
      ],
    ],
  },
  {
    files: ['pods/security/security-context.yaml'],
    page: 'tasks/configure-pod-container/security-context.md',
    wait: 30,
    checks: [
      ['kubectl exec security-context-demo -- ps', /^PID +USER +TIME +COMMAND\n +1 1000 +0:00 /],
      ['kubectl exec security-context-demo -- id', 'uid=1000 gid=3000 groups=2000,3000,4000\n'],
    ],
  },
  {
    files: ['pods/security/security-context-4.yaml'],
    page: 'tasks/configure-pod-container/security-context.md',
    wait: 30,
    checks: [['kubectl exec security-context-demo-4 -- sh -c "cd /proc/1; cat status"', 'CapPrm:\t00000000aa0435fb\nCapEff:\t00000000aa0435fb\n']],
  },
  {
    files: ['pods/pod-with-scheduling-gates.yaml'],
    later: ['pods/pod-without-scheduling-gates.yaml'],
    page: 'concepts/scheduling-eviction/pod-scheduling-readiness.md',
    wait: 10,
    checks: [
      ['kubectl get pod test-pod', /^test-pod\s+0\/1\s+SchedulingGated\s+0\s/m],
      [`kubectl get pod test-pod -o jsonpath='{.spec.schedulingGates}'`, '[{"name":"example.com/foo"},{"name":"example.com/bar"}]'],
      ['kubectl apply -f pods-pod-without-scheduling-gates.yaml', 'pod/test-pod configured'],
      ['wait 10', ''],
      ['kubectl get pod test-pod -o wide', /^test-pod\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+node0\d/m],
    ],
  },
  {
    files: ['pods/resource/memory-request-limit-2.yaml'],
    page: 'tasks/configure-pod-container/assign-memory-resource.md',
    setup: ['kubectl create namespace mem-example'],
    wait: 60,
    checks: [
      ['kubectl get pod memory-demo-2 --namespace=mem-example', /^memory-demo-2\s+0\/1\s+(OOMKilled|CrashLoopBackOff)\s+[1-9]/m],
      ['kubectl get pod memory-demo-2 --output=yaml --namespace=mem-example', 'reason: OOMKilled'],
    ],
  },
  {
    files: ['pods/resource/memory-request-limit-3.yaml'],
    page: 'tasks/configure-pod-container/assign-memory-resource.md',
    setup: ['kubectl create namespace mem-example'],
    wait: 30,
    checks: [
      ['kubectl get pod memory-demo-3 --namespace=mem-example', /^memory-demo-3\s+0\/1\s+Pending\s+0\s/m],
      ['kubectl describe pod memory-demo-3 --namespace=mem-example', 'Insufficient memory'],
    ],
  },
  {
    files: ['pods/qos/qos-pod.yaml'],
    page: 'tasks/configure-pod-container/quality-service-pod.md',
    setup: ['kubectl create namespace qos-example'],
    wait: 30,
    checks: [['kubectl get pod qos-demo --namespace=qos-example --output=yaml', 'qosClass: Guaranteed']],
  },
  {
    files: ['pods/config/example-redis-config.yaml', 'pods/config/redis-pod.yaml'],
    page: 'tutorials/configuration/configure-redis-using-configmap.md',
    wait: 30,
    checks: [
      ['kubectl exec redis -- redis-cli CONFIG GET maxmemory', 'maxmemory\n2097152\n'],
      ['kubectl exec redis -- redis-cli CONFIG GET maxmemory-policy', 'maxmemory-policy\nallkeys-lru\n'],
      // Redis reads its file only when it starts: a changed ConfigMap shows after the pod is recreated.
      [`kubectl patch configmap example-redis-config -p '{"data":{"redis-config":"maxmemory 5mb\\n"}}'`, 'configmap/example-redis-config patched'],
      ['wait 60', ''],
      ['kubectl exec redis -- redis-cli CONFIG GET maxmemory', 'maxmemory\n2097152\n'],
      ['kubectl delete pod redis', 'pod "redis" deleted'],
      ['kubectl apply -f pods-config-redis-pod.yaml', 'pod/redis created'],
      ['wait 30', ''],
      ['kubectl exec redis -- redis-cli CONFIG GET maxmemory', 'maxmemory\n5242880\n'],
      ['kubectl exec redis -- redis-cli CONFIG GET maxmemory-policy', 'maxmemory-policy\nnoeviction\n'],
    ],
  },
  {
    files: ['pods/storage/redis.yaml'],
    page: 'tasks/configure-pod-container/configure-volume-storage.md',
    wait: 30,
    checks: [
      ['kubectl exec redis -- sh -c "echo Hello > /data/redis/test-file; cat /data/redis/test-file"', 'Hello\n'],
    ],
  },
  {
    files: ['pods/multi-container/localhost.yaml'],
    page: 'concepts/workloads/pods/sidecar-containers.md',
    wait: 30,
    checks: [['kubectl logs localhost-example -c client', '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n']],
  },  {
    files: ['admin/resource/memory-defaults.yaml', 'admin/resource/memory-defaults-pod.yaml', 'admin/resource/memory-defaults-pod-2.yaml'],
    page: 'tasks/administer-cluster/manage-resources/memory-default-namespace.md',
    wait: 30,
    checks: [
      ['kubectl get pod default-mem-demo -o jsonpath={.spec.containers[0].resources}', '{"limits":{"memory":"512Mi"},"requests":{"memory":"256Mi"}}'],
      // A limit without a request: the request is set to the limit, not to the LimitRange's default request.
      ['kubectl get pod default-mem-demo-2 -o jsonpath={.spec.containers[0].resources}', '{"limits":{"memory":"1Gi"},"requests":{"memory":"1Gi"}}'],
    ],
  },
  {
    files: ['admin/resource/memory-constraints.yaml', 'admin/resource/memory-constraints-pod.yaml'],
    later: ['admin/resource/memory-constraints-pod-2.yaml'],
    page: 'tasks/administer-cluster/manage-resources/memory-constraint-namespace.md',
    wait: 30,
    checks: [
      ['kubectl get limitrange mem-min-max-demo-lr -o jsonpath={.spec.limits[0]}', '{"default":{"memory":"1Gi"},"defaultRequest":{"memory":"1Gi"},"max":{"memory":"1Gi"},"min":{"memory":"500Mi"},"type":"Container"}'],
      ['kubectl get pod constraints-mem-demo -o jsonpath={.spec.containers[0].resources}', '{"limits":{"memory":"800Mi"},"requests":{"memory":"600Mi"}}'],
      [
        'kubectl apply -f admin-resource-memory-constraints-pod-2.yaml',
        'Error from server (Forbidden): error when creating "admin-resource-memory-constraints-pod-2.yaml": pods "constraints-mem-demo-2" is forbidden: maximum memory usage per Container is 1Gi, but limit is 1536Mi\n',
      ],
    ],
  },
  {
    files: ['admin/resource/quota-pod.yaml', 'admin/resource/quota-pod-deployment.yaml'],
    page: 'tasks/administer-cluster/manage-resources/quota-pod-namespace.md',
    wait: 30,
    checks: [
      ['kubectl get resourcequota pod-demo -o jsonpath={.status}', '{"hard":{"pods":"2"},"used":{"pods":"2"}}'],
      // Only two of the Deployment's three Pods are admitted.
      ['kubectl get pods --no-headers', /^(pod-quota-demo-\S+ +1\/1 +Running +0 +\S+\n){2}$/],
    ],
  },
  {
    files: ['admin/resource/quota-mem-cpu.yaml', 'admin/resource/quota-mem-cpu-pod.yaml'],
    later: ['admin/resource/quota-mem-cpu-pod-2.yaml'],
    page: 'tasks/administer-cluster/manage-resources/quota-memory-cpu-namespace.md',
    wait: 30,
    checks: [
      [
        'kubectl get resourcequota mem-cpu-demo -o jsonpath={.status}',
        '{"hard":{"limits.cpu":"2","limits.memory":"2Gi","requests.cpu":"1","requests.memory":"1Gi"},"used":{"limits.cpu":"800m","limits.memory":"800Mi","requests.cpu":"400m","requests.memory":"600Mi"}}',
      ],
      [
        'kubectl apply -f admin-resource-quota-mem-cpu-pod-2.yaml',
        'Error from server (Forbidden): error when creating "admin-resource-quota-mem-cpu-pod-2.yaml": pods "quota-mem-cpu-demo-2" is forbidden: exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: requests.memory=1Gi\n',
      ],
    ],
  },
  {
    files: ['pods/inject/dapi-envars-pod.yaml'],
    page: 'tasks/inject-data-application/environment-variable-expose-pod-information.md',
    wait: 30,
    checks: [
      ['kubectl logs dapi-envars-fieldref', /^node0\d\ndapi-envars-fieldref\ndefault\n10\.244\.\d+\.\d+\ndefault\n/m],
      ['kubectl exec dapi-envars-fieldref -- printenv MY_POD_NAME MY_POD_NAMESPACE', 'dapi-envars-fieldref\ndefault\n'],
    ],
  },
  {
    files: ['pods/inject/dapi-volume.yaml'],
    page: 'tasks/inject-data-application/downward-api-volume-expose-pod-information.md',
    wait: 30,
    checks: [
      ['kubectl logs kubernetes-downwardapi-volume-example', '\n\ncluster="test-cluster1"\nrack="rack-22"\nzone="us-est-coast"\n\nbuild="two"\nbuilder="john-doe"\n'],
      ['kubectl exec kubernetes-downwardapi-volume-example -- cat /etc/podinfo/labels', 'cluster="test-cluster1"\nrack="rack-22"\nzone="us-est-coast"'],
    ],
  },
  {
    files: ['configmap/configmap-multikeys.yaml', 'pods/pod-configmap-volume.yaml'],
    page: 'tasks/configure-pod-container/configure-pod-configmap.md',
    wait: 30,
    checks: [['kubectl logs dapi-test-pod', 'SPECIAL_LEVEL\nSPECIAL_TYPE\n']],
  },
  {
    files: ['controllers/daemonset.yaml'],
    page: 'concepts/workloads/controllers/daemonset.md',
    wait: 60,
    checks: [['kubectl get daemonset fluentd-elasticsearch --namespace=kube-system', /^fluentd-elasticsearch\s+3\s+3\s+3\s+3\s+3\s+<none>\s/m]],
  },
  {
    files: ['controllers/replication.yaml'],
    page: 'concepts/workloads/controllers/replicationcontroller.md',
    wait: 60,
    checks: [['kubectl describe replicationcontrollers/nginx', 'Pods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed\n']],
  },
  {
    files: ['application/deployment.yaml'],
    page: 'tasks/run-application/run-stateless-application-deployment.md',
    wait: 60,
    checks: [
      ['kubectl describe deployment nginx-deployment', 'Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable\n'],
      ['kubectl get pods -l app=nginx', /^nginx-deployment-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s[\s\S]*^nginx-deployment-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s/m],
    ],
  },
  {
    files: ['application/shell-demo.yaml'],
    page: 'tasks/debug/debug-application/get-shell-running-container.md',
    wait: 30,
    checks: [
      [`kubectl exec shell-demo -- sh -c "echo 'Hello shell demo' > /usr/share/nginx/html/index.html"`, ''],
      ['kubectl exec shell-demo -- curl -s http://localhost/', 'Hello shell demo\n'],
    ],
  },
  {
    files: ['pods/storage/pv-volume.yaml', 'pods/storage/pv-claim.yaml', 'pods/storage/pv-pod.yaml'],
    page: 'tasks/configure-pod-container/configure-persistent-volume-storage.md',
    // The page's cluster has one node; this one has two workers, so the page's file goes on both.
    setup: ['node01', 'node02'].flatMap((node) => [`ssh ${node}`, 'sudo mkdir /mnt/data', `sudo sh -c "echo 'Hello from Kubernetes storage' > /mnt/data/index.html"`, 'exit']),
    wait: 30,
    checks: [
      ['kubectl get pv task-pv-volume', /^task-pv-volume\s+10Gi\s+RWO\s+Retain\s+Bound\s+default\/task-pv-claim\s+manual\s+<unset>\s+\d+s\n/m],
      ['kubectl get pvc task-pv-claim', /^task-pv-claim\s+Bound\s+task-pv-volume\s+10Gi\s+RWO\s+manual\s+<unset>\s+\d+s\n/m],
      ['kubectl get pod task-pv-pod', /^task-pv-pod\s+1\/1\s+Running\s+0\s/m],
      ['kubectl exec task-pv-pod -- curl http://localhost/', 'Hello from Kubernetes storage\n'],
      // Clean up: the claim and the volume outlive the pod; a Retain volume is Released, not deleted.
      ['kubectl delete pod task-pv-pod', 'pod "task-pv-pod" deleted'],
      ['kubectl delete pvc task-pv-claim', 'persistentvolumeclaim "task-pv-claim" deleted'],
      ['kubectl get pv task-pv-volume', /^task-pv-volume\s+10Gi\s+RWO\s+Retain\s+Released\s+default\/task-pv-claim\s/m],
      ['kubectl delete pv task-pv-volume', 'persistentvolume "task-pv-volume" deleted'],
    ],
  },
  {
    files: ['application/web/web.yaml'],
    page: 'tutorials/stateful-application/basic-stateful-set.md',
    wait: 60,
    checks: [
      ['kubectl get service nginx', /^nginx\s+ClusterIP\s+None\s+<none>\s+80\/TCP\s/m],
      ['kubectl get statefulset web', /^web\s+2\/2\s+\d+s\n/m],
      ['kubectl get pods -l app=nginx', /^web-0\s+1\/1\s+Running\s+0\s+\d+s\nweb-1\s+1\/1\s+Running\s+0\s/m],
      [`for i in 0 1; do kubectl exec "web-$i" -- sh -c 'hostname'; done`, 'web-0\nweb-1\n'],
      ['kubectl run -i --image busybox:1.28 dns-test --restart=Never --rm -- nslookup web-0.nginx', /Name:\s+web-0\.nginx\.default\.svc\.cluster\.local\nAddress: 10\.244\.\d+\.\d+\n/],
      ['kubectl get pvc -l app=nginx', /^www-web-0\s+Bound\s+pvc-[0-9a-f-]{36}\s+1Gi\s+RWO\s+standard\s+<unset>\s+\d+s\nwww-web-1\s+Bound\s+pvc-/m],
      [`for i in 0 1; do kubectl exec "web-$i" -- sh -c 'echo "$(hostname)" > /usr/share/nginx/html/index.html'; done`, ''],
      ['for i in 0 1; do kubectl exec -i -t "web-$i" -- curl http://localhost/; done', 'web-0\nweb-1\n'],
      // The Pods come back under the same names, and their claims bring their files back.
      ['kubectl delete pod -l app=nginx', 'pod "web-0" deleted\npod "web-1" deleted\n'],
      ['wait 60', ''],
      ['kubectl get pods -l app=nginx', /^web-0\s+1\/1\s+Running\s+0\s+\d+s\nweb-1\s+1\/1\s+Running\s+0\s/m],
      ['for i in 0 1; do kubectl exec -i -t "web-$i" -- curl http://localhost/; done', 'web-0\nweb-1\n'],
      ['kubectl scale sts web --replicas=5', 'statefulset.apps/web scaled'],
      ['wait 90', ''],
      ['kubectl get sts web', /^web\s+5\/5\s/m],
      [`kubectl patch sts web -p '{"spec":{"replicas":3}}'`, 'statefulset.apps/web patched'],
      ['wait 90', ''],
      ['kubectl get pods -l app=nginx -o name', 'pod/web-0\npod/web-1\npod/web-2\n'],
      // Scaling down keeps the claims.
      ['kubectl get pvc -l app=nginx -o name', 'persistentvolumeclaim/www-web-0\npersistentvolumeclaim/www-web-1\npersistentvolumeclaim/www-web-2\npersistentvolumeclaim/www-web-3\npersistentvolumeclaim/www-web-4\n'],
    ],
  },
  {
    files: ['application/job/cronjob.yaml'],
    page: 'tasks/job/automated-tasks-with-cron-jobs.md',
    wait: 90,
    checks: [
      ['kubectl get cronjob hello', /^hello\s+\* \* \* \* \*\s+<none>\s+False\s+0\s+\d+s\s/m],
      ['kubectl get jobs', /^hello-\d+\s+Complete\s+1\/1\s/m],
      ['kubectl logs $(kubectl get pods -o name | head -1)', /^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}\nHello from the Kubernetes cluster\n$/],
    ],
  },
];

const fixtures = join(__dirname, 'kubernetes.io');

describe('kubernetes.io examples reach the state their pages describe', () => {
  it.each(examples.map((example) => [example.files.join(' + '), example] as const))('%s', (_name, example) => {
    const lab = labShell();
    for (const command of example.setup ?? []) lab.sh(command);
    for (const file of example.later ?? []) lab.write(file.replace(/\//g, '-'), readFileSync(join(fixtures, file), 'utf8'));
    for (const file of example.files) {
      const local = file.replace(/\//g, '-');
      lab.write(local, readFileSync(join(fixtures, file), 'utf8'));
      expect(lab.sh(`kubectl apply -f ${local}`)).toMatch(/ created\n$/);
    }
    lab.wait(example.wait);
    for (const [command, expected] of example.checks) {
      if (command.startsWith('wait ')) {
        lab.wait(Number(command.slice(5)));
        continue;
      }
      const output = lab.sh(command);
      if (typeof expected === 'string') expect(output, command).toContain(expected);
      else expect(output, command).toMatch(expected);
    }
  });
});

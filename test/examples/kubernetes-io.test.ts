// The kubernetes.io examples reach the state their pages describe: each is applied to a fresh lab
// (with what its page creates first), time passes, and the commands the page runs show what the
// page shows. Fixtures and their sources are listed in README.md next to this file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

interface Example {
  /** Under content/en/examples/ in kubernetes/website, as under kubernetes.io/ here; applied first. */
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
    // The walkthrough: the autoscaler holds one replica at rest, scales to about 7 under the
    // page's load generator, and back to 1 once the load stops and the 5 minute scale-down
    // stabilization has passed.
    files: ['application/php-apache.yaml', 'application/hpa/php-apache.yaml'],
    page: 'tasks/run-application/horizontal-pod-autoscale-walkthrough.md',
    wait: 40,
    checks: [
      ['kubectl get hpa', /^NAME\s+REFERENCE\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS\s+AGE\nphp-apache\s+Deployment\/php-apache\s+cpu: 0%\/50%\s+1\s+10\s+1\s+40s\n$/],
      [`kubectl run load-generator --image=busybox:1.28 --restart=Never -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://php-apache; done"`, 'pod/load-generator created'],
      ['wait 150', ''],
      ['kubectl get hpa php-apache', /^php-apache\s+Deployment\/php-apache\s+cpu: (4[5-9]|5[0-5])%\/50%\s+1\s+10\s+7\s/m],
      ['kubectl get deployment php-apache', /^php-apache\s+7\/7\s+7\s+7\s/m],
      ['kubectl describe hpa php-apache', 'New size: 4; reason: cpu resource utilization (percentage of request) above target'],
      ['kubectl delete pod load-generator', 'pod "load-generator" deleted'],
      ['wait 60', ''],
      ['kubectl get hpa php-apache', /cpu: 0%\/50%\s+1\s+10\s+7\s/],
      ['wait 300', ''],
      ['kubectl get hpa php-apache', /cpu: 0%\/50%\s+1\s+10\s+1\s/],
      ['kubectl get deployment php-apache', /^php-apache\s+1\/1\s+1\s+1\s/m],
      ['kubectl describe hpa php-apache', 'New size: 1; reason: All metrics below target'],
    ],
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
    files: ['policy/quota.yaml', 'policy/high-priority-pod.yaml'],
    page: 'concepts/policy/resource-quotas.md',
    // The page's cluster has the classes "low", "medium" and "high"; without "high" the Priority
    // admission plugin refuses the pod.
    setup: ['kubectl create priorityclass high --value=1000000'],
    wait: 10,
    checks: [
      // 10Gi fits no node: the pod waits, and the quota of its class counts it all the same.
      ['kubectl describe quota pods-high', 'Resource    Used  Hard\n--------    ----  ----\ncpu         500m  1k\nmemory      10Gi  200Gi\npods        1     10\n'],
      ['kubectl describe quota pods-low', 'cpu         0     5\nmemory      0     10Gi\npods        0     10\n'],
      ['kubectl describe quota pods-medium', 'cpu         0     10\nmemory      0     20Gi\npods        0     10\n'],
      ['kubectl get pod high-priority -o jsonpath={.spec.priority}', '1000000'],
    ],
  },
  {
    files: ['deployments/deployment-with-low-priorityclass.yaml'],
    page: 'tasks/administer-cluster/node-overprovisioning.md',
    // The page's own class (priorityclass/low-priority-class.yaml) is named "placeholder"; the
    // Deployment asks for "low-priority", so that one is made here.
    setup: ['kubectl create priorityclass low-priority --value=-1000 --description="Negative priority for placeholder pods to enable overprovisioning."'],
    wait: 20,
    checks: [
      ['kubectl scale deployment placeholder-deployment --replicas=5', 'deployment.apps/placeholder-deployment scaled'],
      ['wait 30', ''],
      ['kubectl get deployment placeholder-deployment', /^placeholder-deployment\s+5\/5\s+5\s+5\s/m],
      ['kubectl get pods -l app=placeholder -o jsonpath={.items[0].spec.priority}', '-1000'],
    ],
  },
  {
    files: ['priorityclass/low-priority-class.yaml', 'deployments/deployment-with-low-priorityclass.yaml'],
    page: 'tasks/administer-cluster/node-overprovisioning.md',
    // As the page's two files stand, the class they make and the class they name differ.
    wait: 10,
    checks: [
      ['kubectl get priorityclass placeholder', /^placeholder\s+-1000\s+false\s+\S+\s+PreemptLowerPriority$/m],
      ['kubectl describe replicaset', /Error creating: pods "placeholder-deployment-[a-z0-9]+-" is forbidden: no PriorityClass with name low-priority was found/],
    ],
  },
  {
    files: ['priorityclass/low-priority-class.yaml', 'deployments/deployment-with-capacity-reservation.yaml'],
    page: 'tasks/administer-cluster/node-overprovisioning.md',
    wait: 20,
    checks: [
      ['kubectl get deployment capacity-reservation', /^capacity-reservation\s+1\/1\s+1\s+1\s/m],
      // Placeholders fill both workers; a Pod that needs the room they hold preempts two of them.
      ['kubectl scale deployment capacity-reservation --replicas=16', 'scaled'],
      ['wait 30', ''],
      ['kubectl get deployment capacity-reservation', /^capacity-reservation\s+14\/16\s/m],
      [`kubectl run big --image=nginx --overrides='{"spec":{"containers":[{"name":"big","image":"nginx","resources":{"requests":{"memory":"1Gi"}}}]}}'`, 'pod/big created'],
      ['wait 40', ''],
      ['kubectl get pod big', /^big\s+1\/1\s+Running\s/m],
      ['kubectl get events --field-selector reason=Preempted -o name', /^(event\/capacity-reservation-\S+\n){2}$/],
      ['kubectl get deployment capacity-reservation', /^capacity-reservation\s+12\/16\s/m],
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
    files: ['application/basic-daemonset.yaml'],
    page: 'tasks/manage-daemon/create-daemon-set.md',
    wait: 30,
    checks: [
      // No toleration for the control plane's taint: one pod on each worker.
      ['kubectl get pods -o wide', /^NAME[^\n]*\nexample-daemonset-\w{5} +1\/1 +Running +0 +\S+ +10\.244\.\d+\.\d+ +node0[12] [^\n]*\nexample-daemonset-\w{5} +1\/1 +Running +0 +\S+ +10\.244\.\d+\.\d+ +node0[12] /],
      // The page's exec runs in the pause container, which has no cat, as on a real cluster...
      [
        `kubectl exec $(kubectl get pods -o name | head -1) -- cat /var/log/machine-id.log`,
        'OCI runtime exec failed: exec failed: unable to start container process: exec: "cat": executable file not found in $PATH: unknown\n',
      ],
      // ...but the log is on the node's own disk, the host's machine ID copied by the init container.
      ['ssh node01', ''],
      ['cat /var/log/machine-id.log', /^[0-9a-f]{32}\n$/],
      ['[ "$(cat /var/log/machine-id.log)" = "$(cat /etc/machine-id)" ] && echo same', 'same\n'],
      ['exit', ''],
      ['kubectl delete --cascade=foreground --ignore-not-found --now daemonsets/example-daemonset', 'daemonset.apps "example-daemonset" deleted\n'],
    ],
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
  {
    files: ['pods/resource/memory-request-limit.yaml'],
    page: 'tasks/configure-pod-container/assign-memory-resource.md',
    setup: ['kubectl create namespace mem-example'],
    wait: 30,
    checks: [
      ['kubectl get pod memory-demo --output=yaml --namespace=mem-example', /resources:\n\s+limits:\n\s+memory: 200Mi\n\s+requests:\n\s+memory: 100Mi\n/],
      // stress holds its 150M: about 150 MiB, under the limit.
      ['kubectl top pod memory-demo --namespace=mem-example', /^memory-demo\s+\d+m\s+150Mi\s*$/m],
    ],
  },
  {
    files: ['pods/resource/cpu-request-limit.yaml'],
    later: ['pods/resource/cpu-request-limit-2.yaml'],
    page: 'tasks/configure-pod-container/assign-cpu-resource.md',
    setup: ['kubectl create namespace cpu-example'],
    wait: 30,
    checks: [
      ['kubectl get pod cpu-demo --output=yaml --namespace=cpu-example', /resources:\n\s+limits:\n\s+cpu: "1"\n\s+requests:\n\s+cpu: 500m\n/],
      // Two busy threads, throttled to the limit of one CPU.
      ['kubectl top pod cpu-demo --namespace=cpu-example', /^cpu-demo\s+(9\d\d|1000)m\s/m],
      ['kubectl apply -f pods-resource-cpu-request-limit-2.yaml', 'pod/cpu-demo-2 created'],
      ['wait 10', ''],
      ['kubectl get pod cpu-demo-2 --namespace=cpu-example', /^cpu-demo-2\s+0\/1\s+Pending\s+0\s/m],
      ['kubectl describe pod cpu-demo-2 --namespace=cpu-example', /FailedScheduling .*Insufficient cpu/],
    ],
  },
  {
    files: ['pods/qos/qos-pod-2.yaml', 'pods/qos/qos-pod-3.yaml'],
    page: 'tasks/configure-pod-container/quality-service-pod.md',
    setup: ['kubectl create namespace qos-example'],
    wait: 30,
    checks: [
      ['kubectl get pod qos-demo-2 --namespace=qos-example --output=yaml', 'qosClass: Burstable'],
      ['kubectl get pod qos-demo-3 --namespace=qos-example --output=yaml', 'qosClass: BestEffort'],
    ],
  },
  {
    files: ['pods/inject/dapi-envars-container.yaml'],
    page: 'tasks/inject-data-application/environment-variable-expose-pod-information.md',
    wait: 15,
    // CPU in whole cores rounded up (divisor 1), memory in bytes.
    checks: [['kubectl logs dapi-envars-resourcefieldref', /^\n1\n1\n33554432\n67108864\n\n1\n1\n/]],
  },
  {
    files: ['pods/inject/pod-single-secret-env-variable.yaml', 'pods/inject/pod-multiple-secret-env-variable.yaml'],
    page: 'tasks/inject-data-application/distribute-credentials-secure.md',
    setup: [
      "kubectl create secret generic backend-user --from-literal=backend-username='backend-admin'",
      "kubectl create secret generic db-user --from-literal=db-username='db-admin'",
    ],
    wait: 30,
    checks: [
      ["kubectl exec -i -t env-single-secret -- /bin/sh -c 'echo $SECRET_USERNAME'", 'backend-admin\n'],
      // The kubelet hands the variables over in no set order.
      ["kubectl exec -i -t envvars-multiple-secrets -- /bin/sh -c 'env | grep _USERNAME'", /^(DB_USERNAME=db-admin\nBACKEND_USERNAME=backend-admin|BACKEND_USERNAME=backend-admin\nDB_USERNAME=db-admin)\n$/],
    ],
  },
  {
    files: ['pods/inject/pod-secret-envFrom.yaml', 'pods/inject/secret-envars-pod.yaml'],
    page: 'tasks/inject-data-application/distribute-credentials-secure.md',
    setup: ["kubectl create secret generic test-secret --from-literal=username='my-app' --from-literal=password='39528$vdg7Jb'"],
    wait: 30,
    checks: [
      // nginx's /bin/sh is dash, whose echo turns \n into a new line.
      [`kubectl exec -it envfrom-secret -- /bin/sh -c 'echo "username: $username\\npassword: $password"'`, 'username: my-app\npassword: 39528$vdg7Jb\n'],
      ["kubectl exec -i -t secret-envars-test-pod -- /bin/sh -c 'echo $SECRET_USERNAME; echo $SECRET_PASSWORD'", 'my-app\n39528$vdg7Jb\n'],
    ],
  },
  {
    files: ['pods/pod-single-configmap-env-variable.yaml'],
    page: 'tasks/configure-pod-container/configure-pod-configmap.md',
    setup: ['kubectl create configmap special-config --from-literal=special.how=very'],
    wait: 20,
    checks: [['kubectl logs dapi-test-pod', /^SPECIAL_LEVEL_KEY=very$/m]],
  },
  {
    files: ['configmap/configmaps.yaml', 'pods/pod-multiple-configmap-env-variable.yaml'],
    page: 'tasks/configure-pod-container/configure-pod-configmap.md',
    wait: 20,
    checks: [
      ['kubectl logs dapi-test-pod', /^SPECIAL_LEVEL_KEY=very\nLOG_LEVEL=INFO$/m],
      ['kubectl get pod dapi-test-pod', /^dapi-test-pod\s+0\/1\s+Completed\s+0\s/m],
    ],
  },
  {
    files: ['configmap/configmap-multikeys.yaml', 'pods/pod-configmap-env-var-valueFrom.yaml'],
    page: 'tasks/configure-pod-container/configure-pod-configmap.md',
    wait: 20,
    checks: [['kubectl logs dapi-test-pod', 'very charm\n']],
  },
  {
    files: ['pods/security/security-context-2.yaml'],
    page: 'tasks/configure-pod-container/security-context.md',
    wait: 30,
    // The container's runAsUser wins over the pod's.
    checks: [['kubectl exec -it security-context-demo-2 -- ps aux', /^PID +USER +TIME +COMMAND\n +1 2000 +0:00 \.\/hello-app\n/]],
  },
  {
    files: ['pods/pod-nginx.yaml'],
    page: 'tasks/configure-pod-container/assign-pods-nodes.md',
    wait: 10,
    checks: [
      ['kubectl get pod nginx', /^nginx\s+0\/1\s+Pending\s+0\s/m],
      ['kubectl label nodes node02 disktype=ssd', 'node/node02 labeled'],
      ['kubectl get nodes --show-labels', /^node02\s+Ready\s+<none>\s+\S+\s+v1\.32\.\d+\s+\S*disktype=ssd/m],
      ['wait 20', ''],
      ['kubectl get pods --output=wide', /^nginx\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+node02\s/m],
    ],
  },
  {
    files: ['pods/pod-nginx-required-affinity.yaml'],
    page: 'tasks/configure-pod-container/assign-pods-nodes-using-node-affinity.md',
    setup: ['kubectl label nodes node01 disktype=ssd'],
    wait: 20,
    checks: [['kubectl get pods --output=wide', /^nginx\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+node01\s/m]],
  },
  {
    files: ['pods/storage/projected.yaml'],
    page: 'tasks/configure-pod-container/configure-projected-volume-storage.md',
    setup: [
      'echo -n "admin" > ./username.txt',
      'echo -n "1f2d1e2e67df" > ./password.txt',
      'kubectl create secret generic user --from-file=./username.txt',
      'kubectl create secret generic pass --from-file=./password.txt',
    ],
    wait: 30,
    checks: [
      ['kubectl get pod test-projected-volume', /^test-projected-volume\s+1\/1\s+Running\s+0\s/m],
      ['kubectl exec test-projected-volume -- ls /projected-volume/', 'password.txt\nusername.txt\n'],
      ['kubectl exec test-projected-volume -- cat /projected-volume/username.txt /projected-volume/password.txt', 'admin1f2d1e2e67df'],
      ['kubectl exec test-projected-volume -- touch /projected-volume/new', "touch: /projected-volume/new: Read-only file system\n"],
    ],
  },
  {
    files: ['pods/multi-container/shared-volume.yaml'],
    page: 'concepts/workloads/pods/multi-container-pods.md',
    wait: 30,
    checks: [
      ['kubectl get pod shared-volume-example', /^shared-volume-example\s+1\/1\s+Running\s+0\s/m],
      ['kubectl exec shared-volume-example -c web -- curl -s localhost', 'Hello from the init container\n'],
    ],
  },
  {
    files: ['pods/multi-container/adapter.yaml'],
    page: 'concepts/workloads/pods/multi-container-pods.md',
    wait: 30,
    checks: [
      ['kubectl get pod adapter-pattern-example', /^adapter-pattern-example\s+2\/2\s+Running\s+0\s/m],
      ['kubectl exec adapter-pattern-example -c main-app -- cat /var/log/app/raw.log', /^(\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d UTC \d{4} raw event\n){10,}/],
      // The adapter turns each raw line into its own format as the line is written.
      ['kubectl logs adapter-pattern-example -c adapter', /^(adapted: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d UTC \d{4} raw event\n){10,}$/],
    ],
  },
  {
    files: ['pods/multi-container/ambassador.yaml'],
    page: 'concepts/workloads/pods/multi-container-pods.md',
    wait: 30,
    checks: [
      ['kubectl get pod ambassador-sidecar-example', /^ambassador-sidecar-example\s+2\/2\s+Running\s+0\s/m],
      // The ambassador listens on the port the app is told to use, in the Pod's network namespace.
      [`kubectl exec ambassador-sidecar-example -c main-app -- sh -c 'nc -z \${DATABASE_URL%:*} \${DATABASE_URL#*:} && echo listening'`, 'listening\n'],
      // The page's database host does not exist: socat takes the connection, fails to resolve the host and closes it.
      ['kubectl exec ambassador-sidecar-example -c main-app -- wget -qO- localhost:5432', 'wget: error getting response\ncommand terminated with exit code 1\n'],
      ['kubectl logs ambassador-sidecar-example -c ambassador-sidecar', /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d socat\[\d+\] E getaddrinfo\("external-db\.example\.com", "5432", \{0x20,0,1,6\}, \{\}\): Name does not resolve\n$/],
    ],
  },
  {
    files: ['pods/multi-container/startup-coordination.yaml'],
    page: 'concepts/workloads/pods/multi-container-pods.md',
    wait: 30,
    checks: [
      ['kubectl get pod startup-coordination-example', /^startup-coordination-example\s+2\/2\s+Running\s+0\s/m],
      ['kubectl logs startup-coordination-example -c main-app', 'greeting=hello\n'],
    ],
  },
  {
    files: ['controllers/frontend.yaml'],
    later: ['pods/pod-rs.yaml'],
    page: 'concepts/workloads/controllers/replicaset.md',
    wait: 30,
    checks: [
      // Bare pods matching the selector are acquired by the ReplicaSet, which has enough already.
      ['kubectl apply -f pods-pod-rs.yaml', 'pod/pod1 created\npod/pod2 created\n'],
      ['wait 30', ''],
      ['kubectl get pods --no-headers', /^(frontend-\w{5} +1\/1 +Running +0 +\S+\n){3}$/],
    ],
  },
  {
    files: ['pods/pod-rs.yaml', 'controllers/frontend.yaml'],
    page: 'concepts/workloads/controllers/replicaset.md',
    wait: 30,
    checks: [
      ['kubectl get pods --no-headers', /^frontend-\w{5} +1\/1 +Running +0 +\S+\npod1 +1\/1 +Running +0 +\S+\npod2 +1\/1 +Running +0 +\S+\n$/],
      [`kubectl get pods pod1 -o jsonpath='{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}'`, 'ReplicaSet/frontend'],
      // A ReplicaSet keeps no revisions.
      ['kubectl rollout history rs/frontend', 'error: no history viewer has been implemented for "ReplicaSet.apps"\n'],
    ],
  },
  {
    files: ['application/deployment.yaml'],
    later: ['application/deployment-update.yaml', 'application/deployment-scale.yaml'],
    page: 'tasks/run-application/run-stateless-application-deployment.md',
    wait: 30,
    checks: [
      ['kubectl apply -f application-deployment-update.yaml', 'deployment.apps/nginx-deployment configured'],
      ['wait 60', ''],
      ['kubectl get pods -l app=nginx -o jsonpath={.items[*].spec.containers[0].image}', 'nginx:1.16.1 nginx:1.16.1'],
      ['kubectl describe deployment nginx-deployment', 'Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable\n'],
      ['kubectl apply -f application-deployment-scale.yaml', 'deployment.apps/nginx-deployment configured'],
      ['wait 30', ''],
      ['kubectl get pods -l app=nginx --no-headers', /^(nginx-deployment-\w+-\w{5} +1\/1 +Running +0 +\S+\n){4}$/],
    ],
  },
  {
    files: ['application/deployment-patch.yaml'],
    page: 'tasks/manage-kubernetes-objects/update-api-object-kubectl-patch.md',
    wait: 30,
    checks: [
      ['kubectl get pods --no-headers', /^(patch-demo-\w+-\w{5} +1\/1 +Running +0 +\S+\n){2}$/],
      // A strategic merge patch adds a container to the list...
      ['printf "spec:\\n  template:\\n    spec:\\n      containers:\\n      - name: patch-demo-ctr-2\\n        image: redis\\n" > patch-file.yaml', ''],
      ['kubectl patch deployment patch-demo --patch-file patch-file.yaml', 'deployment.apps/patch-demo patched'],
      [`kubectl get deployment patch-demo -o jsonpath='{.spec.template.spec.containers[*].name}'`, 'patch-demo-ctr-2 patch-demo-ctr'],
      ['wait 60', ''],
      ['kubectl get pods --no-headers', /^(patch-demo-\w+-\w{5} +2\/2 +Running +0 +\S+\n){2}$/],
      // ...but replaces the tolerations, whose list has no merge key...
      ['printf "spec:\\n  template:\\n    spec:\\n      tolerations:\\n      - effect: NoSchedule\\n        key: disktype\\n        value: ssd\\n" > patch-file-tolerations.yaml', ''],
      ['kubectl patch deployment patch-demo --patch-file patch-file-tolerations.yaml', 'deployment.apps/patch-demo patched'],
      [`kubectl get deployment patch-demo -o jsonpath='{.spec.template.spec.tolerations}'`, '[{"effect":"NoSchedule","key":"disktype","value":"ssd"}]'],
      // ...and a JSON merge patch replaces the containers.
      ['printf "spec:\\n  template:\\n    spec:\\n      containers:\\n      - name: patch-demo-ctr-3\\n        image: gcr.io/google-samples/hello-app:2.0\\n" > patch-file-2.yaml', ''],
      ['kubectl patch deployment patch-demo --type merge --patch-file patch-file-2.yaml', 'deployment.apps/patch-demo patched'],
      [`kubectl get deployment patch-demo -o jsonpath='{.spec.template.spec.containers[*].name}'`, 'patch-demo-ctr-3'],
    ],
  },
  {
    files: ['application/simple_deployment.yaml'],
    later: ['application/update_deployment.yaml'],
    page: 'tasks/manage-kubernetes-objects/declarative-config.md',
    wait: 20,
    checks: [
      [
        'kubectl get -f application-simple_deployment.yaml -o yaml',
        '    kubectl.kubernetes.io/last-applied-configuration: |\n' +
          '      {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"nginx-deployment","namespace":"default"},"spec":{"minReadySeconds":5,"selector":{"matchLabels":{"app":"nginx"}},"template":{"metadata":{"labels":{"app":"nginx"}},"spec":{"containers":[{"image":"nginx:1.14.2","name":"nginx","ports":[{"containerPort":80}]}]}}}}\n',
      ],
      ['kubectl scale deployment/nginx-deployment --replicas=2', 'deployment.apps/nginx-deployment scaled'],
      ['kubectl apply -f application-update_deployment.yaml', 'deployment.apps/nginx-deployment configured'],
      // The replicas set by `scale` stay; minReadySeconds, gone from the file, is cleared.
      ['kubectl get -f application-update_deployment.yaml -o yaml', /^spec:\n  progressDeadlineSeconds: 600\n  replicas: 2\n/m],
      ['kubectl get -f application-update_deployment.yaml -o jsonpath={.spec.template.spec.containers[0].image}', 'nginx:1.16.1'],
      ['kubectl apply -f application-update_deployment.yaml', 'deployment.apps/nginx-deployment unchanged'],
    ],
  },
  {
    files: [
      'application/guestbook/redis-leader-deployment.yaml',
      'application/guestbook/redis-leader-service.yaml',
      'application/guestbook/redis-follower-deployment.yaml',
      'application/guestbook/redis-follower-service.yaml',
      'application/guestbook/frontend-deployment.yaml',
      'application/guestbook/frontend-service.yaml',
    ],
    page: 'tutorials/stateless-application/guestbook.md',
    wait: 60,
    checks: [
      ['kubectl get pods -l app=redis --no-headers', /^(redis-follower-\w+-\w{5} +1\/1 +Running +0 +\S+\n){2}redis-leader-\w+-\w{5} +1\/1 +Running +0 +\S+\n$/],
      ['kubectl logs deployment/redis-leader', 'Ready to accept connections'],
      ['kubectl logs deployment/redis-follower', 'MASTER <-> REPLICA sync: Finished with success'],
      ['kubectl get service', /^frontend +ClusterIP +[\d.]+ +<none> +80\/TCP +\S+\n[\s\S]*^redis-follower +ClusterIP +[\d.]+ +<none> +6379\/TCP +\S+\nredis-leader +ClusterIP +[\d.]+ +<none> +6379\/TCP +\S+\n$/m],
      ['kubectl get pods -l app=guestbook -l tier=frontend --no-headers', /^(frontend-\w+-\w{5} +1\/1 +Running +0 +\S+\n){3}$/],
      // The page's script saves a message through the leader and reads the list back from a follower.
      ['kubectl run client --rm -i --image=curlimages/curl --restart=Never -- -s http://frontend', '<title>Guestbook</title>'],
      [`kubectl run client --rm -i --image=curlimages/curl --restart=Never -- -s 'http://frontend/guestbook.php?cmd=set&key=messages&value=,Hello%20Kubernetes'`, '{"message": "Updated"}'],
      [`kubectl run client --rm -i --image=curlimages/curl --restart=Never -- -s 'http://frontend/guestbook.php?cmd=get&key=messages'`, '{"data": ",Hello Kubernetes"}'],
      ['kubectl exec deployment/redis-follower -- redis-cli set messages x', "READONLY You can't write against a read only replica.\n"],
      ['kubectl scale deployment frontend --replicas=5', 'deployment.apps/frontend scaled'],
      ['wait 30', ''],
      ['kubectl get pods -l tier=frontend --no-headers', /^(frontend-\w+-\w{5} +1\/1 +Running +0 +\S+\n){5}$/],
    ],
  },
  {
    files: ['service/networking/custom-dns.yaml'],
    page: 'concepts/services-networking/dns-pod-service.md',
    wait: 30,
    // containerd writes the search line first.
    checks: [['kubectl exec -it dns-example -- cat /etc/resolv.conf', 'search ns1.svc.cluster-domain.example my.dns.search.suffix\nnameserver 192.0.2.1\noptions ndots:2 edns0\n']],
  },
  {
    files: ['pods/security/security-context-3.yaml'],
    page: 'tasks/configure-pod-container/security-context.md',
    wait: 20,
    checks: [['kubectl exec security-context-demo-3 -- sh -c "cd /proc/1; cat status"', 'CapPrm:\t00000000a80425fb\nCapEff:\t00000000a80425fb\n']],
  },
  {
    files: ['configmap/configmap-multikeys.yaml', 'pods/pod-configmap-volume-specific-key.yaml'],
    page: 'tasks/configure-pod-container/configure-pod-configmap.md',
    wait: 20,
    checks: [['kubectl logs dapi-test-pod', 'very']],
  },
  {
    files: ['pods/qos/qos-pod-4.yaml'],
    page: 'tasks/configure-pod-container/quality-service-pod.md',
    setup: ['kubectl create namespace qos-example'],
    wait: 20,
    checks: [['kubectl get pod qos-demo-4 --namespace=qos-example --output=yaml', 'qosClass: Burstable']],
  },
  {
    files: ['pods/inject/dapi-volume-resources.yaml'],
    page: 'tasks/inject-data-application/downward-api-volume-expose-pod-information.md',
    wait: 20,
    checks: [
      ['kubectl exec kubernetes-downwardapi-volume-example-2 -- ls /etc/podinfo', 'cpu_limit\ncpu_request\nmem_limit\nmem_request\n'],
      // Each value over its divisor: 250m in 1m, 64Mi in 1Mi.
      ['kubectl exec kubernetes-downwardapi-volume-example-2 -- cat /etc/podinfo/cpu_limit', '250'],
      ['kubectl logs kubernetes-downwardapi-volume-example-2', '\n\n250\n125\n64\n32\n\n250\n125\n64\n32'],
    ],
  },
  {
    files: ['pods/security/security-context-5.yaml'],
    page: 'tasks/configure-pod-container/security-context.md',
    wait: 20,
    checks: [
      ['kubectl get pod security-context-demo', /^security-context-demo\s+1\/1\s+Running\s+0\s/m],
      // The image's /etc/group puts its user 1000 in group 50000, and the runtime adds it.
      ['kubectl exec -it security-context-demo -- id', 'uid=1000(user-defined-in-image) gid=3000 groups=3000,4000,50000(group-defined-in-image)\n'],
      ['kubectl exec -it security-context-demo -- cat /etc/group', '\nuser-defined-in-image:x:1000:\ngroup-defined-in-image:x:50000:user-defined-in-image\n'],
    ],
  },
  {
    files: ['pods/pod-nginx-specific-node.yaml'],
    page: 'tasks/configure-pod-container/assign-pods-nodes.md',
    wait: 10,
    checks: [
      // No node is called foo-node: the pod stays bound to it, unstarted, until the pod GC removes it.
      ['kubectl get pods --output=wide', /^nginx\s+0\/1\s+Pending\s+0\s+\S+\s+<none>\s+foo-node\s/m],
      ['wait 60', ''],
      ['kubectl get pods', 'No resources found in default namespace.\n'],
    ],
  },
  {
    files: ['controllers/job-pod-failure-policy-example.yaml'],
    page: 'tasks/job/pod-failure-policy.md',
    wait: 30,
    checks: [
      ['kubectl get jobs -l job-name=job-pod-failure-policy-example -o yaml', /message: Container main for pod default\/job-pod-failure-policy-example-\w{5}\s+failed with exit code 42 matching FailJob rule at index 0\n\s+reason: PodFailurePolicy\n\s+status: "True"\n\s+type: Failed\n/],
      ['kubectl get job job-pod-failure-policy-example', /^job-pod-failure-policy-example\s+Failed\s+0\/12\s/m],
      ['kubectl logs -l job-name=job-pod-failure-policy-example --tail=1', 'Hello world!\n'],
    ],
  },
  {
    files: ['controllers/replicaset.yaml'],
    page: 'tasks/administer-cluster/use-cascading-deletion.md',
    wait: 30,
    checks: [
      ['kubectl delete replicaset my-repset --cascade=orphan', 'replicaset.apps "my-repset" deleted\n'],
      ['wait 10', ''],
      // The orphans stay, without an owner.
      ['kubectl get pods -l pod-is-for=garbage-collection-example --no-headers', /^(my-repset-\w{5} +1\/1 +Running +0 +\S+\n){3}$/],
      ['kubectl get pods -l pod-is-for=garbage-collection-example -o jsonpath={.items[*].metadata.ownerReferences}', ''],
    ],
  },
  {
    files: ['controllers/fluentd-daemonset.yaml'],
    page: 'tasks/manage-daemon/update-daemon-set.md',
    wait: 30,
    checks: [
      [`kubectl get ds/fluentd-elasticsearch -o go-template='{{.spec.updateStrategy.type}}{{"\\n"}}' -n kube-system`, 'RollingUpdate\n'],
      // It tolerates the control plane's taint: a pod on every node.
      ['kubectl get pods -n kube-system -l app.kubernetes.io/name=fluentd-elasticsearch -o wide', /fluentd-elasticsearch-\w{5} +1\/1 +Running +0 +\S+ +[\d.]+ +controlplane /],
      ['kubectl set image ds/fluentd-elasticsearch fluentd-elasticsearch=quay.io/fluentd_elasticsearch/fluentd:v2.6.0 -n kube-system', 'daemonset.apps/fluentd-elasticsearch image updated\n'],
      ['kubectl rollout status ds/fluentd-elasticsearch -n kube-system', /Waiting for daemon set "fluentd-elasticsearch" rollout to finish: 1 out of 3 new pods have been updated\.\.\.\n[\s\S]*daemon set "fluentd-elasticsearch" successfully rolled out\n$/],
      [`kubectl get pods -n kube-system -l app.kubernetes.io/name=fluentd-elasticsearch -o jsonpath='{.items[*].spec.containers[0].image}'`, 'quay.io/fluentd_elasticsearch/fluentd:v2.6.0 quay.io/fluentd_elasticsearch/fluentd:v2.6.0 quay.io/fluentd_elasticsearch/fluentd:v2.6.0'],
      // Each template is a ControllerRevision: the rollback page lists them.
      ['kubectl rollout history daemonset fluentd-elasticsearch -n kube-system', 'daemonset.apps/fluentd-elasticsearch \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n'],
      ['kubectl rollout undo daemonset fluentd-elasticsearch --to-revision=1 -n kube-system', 'daemonset.apps/fluentd-elasticsearch rolled back\n'],
      ['wait 60', ''],
      [`kubectl get pods -n kube-system -l app.kubernetes.io/name=fluentd-elasticsearch -o jsonpath='{.items[*].spec.containers[0].image}'`, 'quay.io/fluentd_elasticsearch/fluentd:v5.0.1 quay.io/fluentd_elasticsearch/fluentd:v5.0.1 quay.io/fluentd_elasticsearch/fluentd:v5.0.1'],
      // The old template comes back as the newest revision.
      ['kubectl rollout history daemonset fluentd-elasticsearch -n kube-system', 'REVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n'],
      ['kubectl rollout undo daemonset fluentd-elasticsearch --to-revision=3 -n kube-system', 'daemonset.apps/fluentd-elasticsearch skipped rollback (current template already matches revision 3)\n'],
    ],
  },
  {
    // The update page's manifest selects `name: fluentd-elasticsearch`, as the DaemonSet it
    // updates did at that time; today's fluentd-daemonset.yaml selects another label, which a
    // DaemonSet cannot change.
    files: ['controllers/fluentd-daemonset.8dda686ef4bf.yaml'],
    later: ['controllers/fluentd-daemonset-update.yaml'],
    page: 'tasks/manage-daemon/update-daemon-set.md',
    wait: 30,
    checks: [
      ['kubectl get pods -l name=fluentd-elasticsearch -o wide -n kube-system --no-headers', /^(fluentd-elasticsearch-\w{5} +1\/1 +Running +0 +\S+ +[\d.]+ +(controlplane|node01|node02) .*\n){3}$/],
      ['kubectl apply -f controllers-fluentd-daemonset-update.yaml', 'daemonset.apps/fluentd-elasticsearch configured\n'],
      ['kubectl rollout status ds/fluentd-elasticsearch -n kube-system', /^Waiting for daemon set "fluentd-elasticsearch" rollout to finish: 1 out of 3 new pods have been updated\.\.\.\n[\s\S]*daemon set "fluentd-elasticsearch" successfully rolled out\n$/],
      [
        `kubectl get pods -l name=fluentd-elasticsearch -n kube-system -o jsonpath='{range .items[*]}{.spec.containers[0].resources}{"\\n"}{end}'`,
        '{"limits":{"memory":"200Mi"},"requests":{"cpu":"100m","memory":"200Mi"}}\n'.repeat(3),
      ],
      ['kubectl rollout history ds/fluentd-elasticsearch -n kube-system', 'REVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n'],
      ['kubectl delete ds fluentd-elasticsearch -n kube-system', 'daemonset.apps "fluentd-elasticsearch" deleted\n'],
    ],
  },
  {
    files: ['controllers/job-success-policy.yaml'],
    page: 'concepts/workloads/controllers/job.md',
    wait: 60,
    checks: [
      // Index 2 succeeds before the backoff limit is reached, so the Job meets its success policy;
      // once the lingering Pods are removed it is Complete.
      [
        `kubectl get job job-success -o jsonpath='{range .status.conditions[*]}{.type} {.status} {.reason}: {.message}{"\\n"}{end}'`,
        'SuccessCriteriaMet True SuccessPolicy: Matched rules at index 0\nComplete True SuccessPolicy: Matched rules at index 0\n',
      ],
      [`kubectl get job job-success -o jsonpath='{.status.completedIndexes} {.status.succeeded}'`, '2 1'],
      ['kubectl get job job-success', /^job-success +Complete +1\/10 +\d+s +\d+s\n/m],
      // The lingering Pods, still pulling or waiting to, are gone; the finished ones stay.
      ['kubectl get pods', /^NAME[^\n]*\n(job-success-\d-\w{5} +0\/1 +(Error|Completed) +0 +\S+\n)+$/],
      ['kubectl get pods', /^job-success-2-\w{5} +0\/1 +Completed +0 /m],
    ],
  },
  {
    files: ['service/pod-with-graceful-termination.yaml'],
    page: 'tutorials/services/pods-and-endpoint-termination-behavior.md',
    wait: 30,
    checks: [
      ['kubectl get endpointslice -l kubernetes.io/service-name=nginx-service', /^nginx-service-\w{5} +IPv4 +80 +10\.244\.\d+\.\d+ +\S+\n$/m],
      ['kubectl delete pod -l app=nginx --wait=false', /^pod "nginx-deployment-\w+-\w{5}" deleted\n$/],
      ['wait 5', ''],
      // The preStop hook holds the old pod for its 120 s grace period; it keeps serving meanwhile.
      ['kubectl get pods --no-headers', /^nginx-deployment-\w+-\w{5} +1\/1 +Running +0 +5s\nnginx-deployment-\w+-\w{5} +1\/1 +Terminating +0 +35s\n$|^nginx-deployment-\w+-\w{5} +1\/1 +Terminating +0 +35s\nnginx-deployment-\w+-\w{5} +1\/1 +Running +0 +5s\n$/],
      [
        `kubectl get endpointslice -l kubernetes.io/service-name=nginx-service -o jsonpath='{range .items[0].endpoints[*]}{.conditions}{"\\n"}{end}'`,
        /\{"ready":false,"serving":true,"terminating":true\}\n/,
      ],
      ['wait 130', ''],
      ['kubectl get pods --no-headers', /^nginx-deployment-\w+-\w{5} +1\/1 +Running +0 +\S+\n$/],
    ],
  },
  {
    files: ['service/simple-service.yaml'],
    page: 'concepts/services-networking/service.md',
    wait: 10,
    checks: [
      // No Pod has the selector's label: no endpoints.
      ['kubectl describe service my-service', /TargetPort: +9376\/TCP\nEndpoints: +<none>\n/],
      ['kubectl get endpointslice -l kubernetes.io/service-name=my-service', /^my-service-\w{5} +IPv4 +<unset> +<unset> +\S+\n$/m],
    ],
  },
  {
    files: ['service/access/backend-deployment.yaml', 'service/access/backend-service.yaml', 'service/access/frontend-deployment.yaml', 'service/access/frontend-service.yaml'],
    page: 'tasks/access-application-cluster/connecting-frontend-backend.md',
    wait: 40,
    checks: [
      ['kubectl describe deployment backend', 'Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable\n'],
      ['kubectl describe service hello', /TargetPort: +http\/TCP\nEndpoints: +10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80\n/],
      // No cloud provider gives the LoadBalancer an address; the frontend answers on its cluster IP.
      ['kubectl get service frontend', /^frontend +LoadBalancer +[\d.]+ +<pending> +80:3\d{4}\/TCP +\S+\n$/m],
      ['kubectl run client --rm -i --image=curlimages/curl --restart=Never -- -s http://frontend', '{"message":"Hello"}'],
      // Its preStop hook (nginx -s quit) ends nginx at once.
      ['kubectl delete pod -l tier=frontend', /^pod "frontend-\w+-\w{5}" deleted\n$/],
    ],
  },
  {
    files: ['service/access/frontend-deployment.yaml'],
    later: ['service/access/backend-service.yaml'],
    page: 'tasks/access-application-cluster/connecting-frontend-backend.md',
    wait: 20,
    checks: [
      // nginx resolves its upstream when it starts: no hello Service yet, no frontend.
      ['kubectl logs deployment/frontend', /\[emerg\] 1#1: host not found in upstream "hello" in \/etc\/nginx\/conf\.d\/frontend\.conf:2\nnginx: \[emerg\] host not found in upstream "hello"/],
      ['kubectl get pods -l tier=frontend', /^frontend-\w+-\w{5} +0\/1 +(CrashLoopBackOff|Error) +[1-9]/m],
      ['kubectl apply -f service-access-backend-service.yaml', 'service/hello created'],
      ['wait 300', ''],
      ['kubectl get pods -l tier=frontend', /^frontend-\w+-\w{5} +1\/1 +Running +\d+ \(/m],
    ],
  },
  {
    files: ['pods/pod-with-toleration.yaml'],
    page: 'concepts/scheduling-eviction/taint-and-toleration.md',
    setup: ['kubectl taint nodes node01 example-key=value:NoSchedule', 'kubectl taint nodes node02 example-key=value:NoSchedule'],
    wait: 20,
    checks: [
      ['kubectl get pods -o wide', /^nginx\s+1\/1\s+Running\s+0\s+\S+\s+[\d.]+\s+node0[12]\s/m],
      // Without the toleration, nothing fits.
      ['kubectl run other --image=nginx', 'pod/other created'],
      ['wait 5', ''],
      ['kubectl describe pod other', "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) had untolerated taint {example-key: value}."],
    ],
  },
  {
    files: ['pods/probe/pod-with-http-healthcheck.yaml'],
    page: 'concepts/configuration/liveness-readiness-startup-probes.md',
    wait: 70,
    checks: [
      // nginx has no /_status/healthz: after the 30 s delay, three 404s restart the container.
      ['kubectl describe pod pod-with-http-healthcheck', 'Liveness probe failed: HTTP probe failed with statuscode: 404'],
      ['kubectl get pod pod-with-http-healthcheck', /^pod-with-http-healthcheck\s+1\/1\s+Running\s+1 \(/m],
    ],
  },
  {
    files: ['pods/qos/qos-pod-5.yaml'],
    page: 'tasks/configure-pod-container/quality-service-pod.md',
    setup: ['kubectl create namespace qos-example'],
    wait: 20,
    checks: [['kubectl get pod qos-demo-5 --namespace=qos-example --output=yaml', 'qosClass: Guaranteed']],
  },
  {
    files: ['pods/pod-with-pod-affinity.yaml'],
    page: 'concepts/scheduling-eviction/assign-pod-node.md',
    wait: 10,
    checks: [
      // No pod with security=S1 yet, and no node has a zone label.
      ['kubectl describe pod with-pod-affinity', "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match pod affinity rules."],
      ['kubectl label nodes node01 topology.kubernetes.io/zone=antarctica-east1', 'node/node01 labeled'],
      ['kubectl label nodes node02 topology.kubernetes.io/zone=antarctica-west1', 'node/node02 labeled'],
      [`kubectl run s1 --image=nginx --labels=security=S1 --overrides='{"spec":{"nodeName":"node02"}}'`, 'pod/s1 created'],
      ['wait 30', ''],
      ['kubectl get pod with-pod-affinity -o wide', /^with-pod-affinity\s+1\/1\s+Running\s+0\s+\S+\s+[\d.]+\s+node02\s/m],
    ],
  },
  {
    files: ['pods/pod-with-node-affinity.yaml'],
    page: 'concepts/scheduling-eviction/assign-pod-node.md',
    wait: 10,
    checks: [
      // No node has a zone label yet.
      ['kubectl describe pod with-node-affinity', "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector."],
      // Both workers in an allowed zone: the preferred label decides.
      ['kubectl label nodes node02 another-node-label-key=another-node-label-value', 'node/node02 labeled'],
      ['kubectl label nodes node01 node02 topology.kubernetes.io/zone=antarctica-east1', 'node/node01 labeled\nnode/node02 labeled\n'],
      ['wait 20', ''],
      ['kubectl get pod with-node-affinity -o wide', /^with-node-affinity\s+1\/1\s+Running\s+0\s+\S+\s+[\d.]+\s+node02\s/m],
    ],
  },
  {
    files: ['pods/pod-nginx-preferred-affinity.yaml'],
    page: 'tasks/configure-pod-container/assign-pods-nodes-using-node-affinity.md',
    setup: ['kubectl label nodes node02 disktype=ssd'],
    wait: 20,
    checks: [['kubectl get pods --output=wide', /^nginx\s+1\/1\s+Running\s+0\s+\S+\s+[\d.]+\s+node02\s/m]],
  },
  {
    files: ['application/nginx-with-request.yaml'],
    page: 'tasks/debug/debug-application/debug-running-pod.md',
    wait: 20,
    checks: [
      ['kubectl get pods --no-headers', /^(nginx-deployment-\w+-\w{5} +1\/1 +Running +0 +\S+\n){2}$/],
      // Limits alone: the requests default to them, and the pod is Guaranteed.
      ['kubectl describe pod -l app=nginx', '    Limits:\n      cpu:     500m\n      memory:  128Mi\n    Requests:\n      cpu:        500m\n      memory:     128Mi\n'],
      ['kubectl describe pod -l app=nginx', 'QoS Class:                   Guaranteed\n'],
    ],
  },
  {
    files: ['debug/counter-pod-err.yaml'],
    page: 'concepts/cluster-administration/logging.md',
    wait: 10,
    // Both streams go to the log, in the order they were written.
    checks: [['kubectl logs counter-err', /^0: \w{3} \w{3} +\d+ [\d:]+ UTC \d{4}\n0: err\n1: \w{3} \w{3} +\d+ [\d:]+ UTC \d{4}\n1: err\n/]],
  },
  {
    files: ['pods/multi-container/resources.yaml'],
    page: 'concepts/workloads/pods/multi-container-pods.md',
    wait: 30,
    checks: [
      ['kubectl get pod resources-example', /^resources-example\s+2\/2\s+Running\s+0\s/m],
      // The pod's effective request: the larger of the init container's and the sidecar's plus the app's.
      ['kubectl describe node $(kubectl get pod resources-example -o jsonpath={.spec.nodeName})', /default +resources-example +350m \(\d+%\) +0 \(0%\) +192Mi \(\d+%\) +192Mi \(\d+%\) /],
    ],
  },
  {
    files: ['application/nginx-app.yaml'],
    page: 'concepts/workloads/management.md',
    wait: 30,
    checks: [
      ['kubectl get deployments,services -l app=nginx', /^deployment\.apps\/my-nginx +3\/3 +3 +3 +\S+\n\nNAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE\nservice\/my-nginx-svc +LoadBalancer +[\d.]+ +<pending> +80:3\d{4}\/TCP +\S+\n$/m],
      ['kubectl scale deployment/my-nginx --replicas=1', 'deployment.apps/my-nginx scaled\n'],
      ['wait 40', ''],
      ['kubectl get pods -l app=nginx --no-headers', /^my-nginx-\w+-\w{5} +1\/1 +Running +0 +\S+\n$/],
      ['kubectl delete -f application-nginx-app.yaml', 'service "my-nginx-svc" deleted\ndeployment.apps "my-nginx" deleted\n'],
    ],
  },
  {
    files: ['application/canary/app-v1-deployment.yaml', 'application/canary/app-service.yaml'],
    later: ['application/canary/app-v2-deployment.yaml'],
    page: 'tutorials/stateless-application/canary-deployment.md',
    wait: 30,
    checks: [
      ['kubectl get deployments -l app=canary-demo', /^canary-demo-stable +3\/3 +3 +3 +\S+\n$/m],
      ['kubectl run curl-test --image=curlimages/curl:latest --rm -it --restart=Never -- curl http://canary-demo-service', /^Hello, world!\nVersion: 1\.0\.0\nHostname: canary-demo-stable-\w+-\w{5}\n/],
      ['kubectl apply -f application-canary-app-v2-deployment.yaml', 'deployment.apps/canary-demo-canary created\n'],
      ['wait 30', ''],
      ['kubectl get pods -l app=canary-demo --no-headers', /^canary-demo-canary-\w+-\w{5} +1\/1 +Running +0 +\S+\n(canary-demo-stable-\w+-\w{5} +1\/1 +Running +0 +\S+\n){3}$/],
      // One Service over both tracks: four endpoints, and some answers come from the canary.
      ['kubectl get endpoints canary-demo-service', /^canary-demo-service +(10\.244\.\d+\.\d+:8080,){2}10\.244\.\d+\.\d+:8080 \+ 1 more\.\.\. +\S+\n$/m],
      // The page's {1..10}, spelled out.
      [
        'for i in 1 2 3 4 5 6 7 8 9 10; do kubectl run curl-test-$i --image=curlimages/curl:latest --rm -i --restart=Never -- curl -s http://canary-demo-service && echo ""; done',
        /^(?=[\s\S]*Version: 1\.0\.0)(?=[\s\S]*Version: 2\.0\.0\nHostname: canary-demo-canary-)/,
      ],
      ['kubectl logs -l app=canary-demo,track=canary --tail=50', /Server listening on port 8080\n(\S+ \S+ Serving request: \/\n)+$/],
      // Completing the rollout.
      ['kubectl scale deployment/canary-demo-canary --replicas=3', 'deployment.apps/canary-demo-canary scaled\n'],
      ['kubectl scale deployment/canary-demo-stable --replicas=0', 'deployment.apps/canary-demo-stable scaled\n'],
      ['wait 40', ''],
      ['kubectl get pods -l app=canary-demo --no-headers', /^(canary-demo-canary-\w+-\w{5} +1\/1 +Running +0 +\S+\n){3}$/],
      ['kubectl run curl-test --image=curlimages/curl:latest --rm -it --restart=Never -- curl http://canary-demo-service', /^Hello, world!\nVersion: 2\.0\.0\n/],
      ['kubectl delete deployment canary-demo-stable canary-demo-canary', 'deployment.apps "canary-demo-stable" deleted\ndeployment.apps "canary-demo-canary" deleted\n'],
    ],
  },
  {
    files: ['pods/pod-projected-svc-token.yaml'],
    page: 'tasks/configure-pod-container/configure-service-account.md',
    wait: 20,
    checks: [
      ['kubectl exec nginx -- ls /var/run/secrets/tokens', 'vault-token\n'],
      // A token for the audience the source names.
      [`kubectl exec nginx -- sh -c 'cut -d. -f2 /var/run/secrets/tokens/vault-token | base64 -d'`, '"aud":["vault"]'],
    ],
  },
  {
    files: ['admin/resource/cpu-defaults.yaml', 'admin/resource/cpu-defaults-pod.yaml', 'admin/resource/cpu-defaults-pod-2.yaml', 'admin/resource/cpu-defaults-pod-3.yaml'],
    page: 'tasks/administer-cluster/manage-resources/cpu-default-namespace.md',
    wait: 20,
    checks: [
      ['kubectl get pod default-cpu-demo -o jsonpath={.spec.containers[0].resources}', '{"limits":{"cpu":"1"},"requests":{"cpu":"500m"}}'],
      // A limit alone: the request follows it, not the LimitRange's default request.
      ['kubectl get pod default-cpu-demo-2 -o jsonpath={.spec.containers[0].resources}', '{"limits":{"cpu":"1"},"requests":{"cpu":"1"}}'],
      ['kubectl get pod default-cpu-demo-3 -o jsonpath={.spec.containers[0].resources}', '{"limits":{"cpu":"1"},"requests":{"cpu":"750m"}}'],
    ],
  },
  {
    files: ['admin/resource/cpu-constraints.yaml', 'admin/resource/cpu-constraints-pod.yaml'],
    later: ['admin/resource/cpu-constraints-pod-2.yaml', 'admin/resource/cpu-constraints-pod-3.yaml'],
    page: 'tasks/administer-cluster/manage-resources/cpu-constraint-namespace.md',
    wait: 20,
    checks: [
      ['kubectl get limitrange cpu-min-max-demo-lr --output=yaml', '  limits:\n  - default:\n      cpu: 800m\n    defaultRequest:\n      cpu: 800m\n    max:\n      cpu: 800m\n    min:\n      cpu: 200m\n    type: Container\n'],
      ['kubectl get pod constraints-cpu-demo -o jsonpath={.spec.containers[0].resources}', '{"limits":{"cpu":"800m"},"requests":{"cpu":"500m"}}'],
      [
        'kubectl apply -f admin-resource-cpu-constraints-pod-2.yaml',
        'Error from server (Forbidden): error when creating "admin-resource-cpu-constraints-pod-2.yaml": pods "constraints-cpu-demo-2" is forbidden: maximum cpu usage per Container is 800m, but limit is 1500m\n',
      ],
      [
        'kubectl apply -f admin-resource-cpu-constraints-pod-3.yaml',
        'Error from server (Forbidden): error when creating "admin-resource-cpu-constraints-pod-3.yaml": pods "constraints-cpu-demo-3" is forbidden: minimum cpu usage per Container is 200m, but request is 100m\n',
      ],
    ],
  },
  {
    files: ['deployments/deployment-with-configmap-as-volume.yaml'],
    page: 'tutorials/configuration/updating-configuration-via-a-configmap.md',
    setup: ['kubectl create configmap sport --from-literal=sport=football'],
    wait: 30,
    checks: [
      ['kubectl get pods --selector=app.kubernetes.io/name=configmap-volume --no-headers', /^(configmap-volume-\w+-\w{5} +1\/1 +Running +0 +30s\n){3}$/],
      ['kubectl logs deployments/configmap-volume', /^\w{3} \w{3} +\d+ \d\d:\d\d:\d\d UTC \d{4} My preferred sport is football\n/],
      // The page edits the ConfigMap; the kubelet writes the new value into the mounted files at
      // each Pod's next periodic sync, within about a minute.
      [`kubectl patch configmap sport -p '{"data":{"sport":"cricket"}}'`, 'configmap/sport patched\n'],
      ['wait 70', ''],
      ['kubectl logs deployments/configmap-volume --tail=1', /My preferred sport is cricket\n$/],
      ['kubectl exec deployments/configmap-volume -- cat /etc/config/sport', 'cricket'],
    ],
  },
  {
    files: ['deployments/deployment-with-configmap-as-envvar.yaml'],
    page: 'tutorials/configuration/updating-configuration-via-a-configmap.md',
    setup: ['kubectl create configmap fruits --from-literal=fruits=apples'],
    wait: 30,
    checks: [
      ['kubectl get pods --selector=app.kubernetes.io/name=configmap-env-var --no-headers', /^(configmap-env-var-\w+-\w{5} +1\/1 +Running +0 +30s\n){3}$/],
      ['kubectl logs deployment/configmap-env-var', /^\w{3} \w{3} +\d+ \d\d:\d\d:\d\d UTC \d{4} The basket is full of apples\n/],
      [`kubectl patch configmap fruits -p '{"data":{"fruits":"mangoes"}}'`, 'configmap/fruits patched\n'],
      ['wait 30', ''],
      // The variable was read when the container started: the running Pods still see apples.
      ['kubectl logs deployment/configmap-env-var --tail=1', /The basket is full of apples\n$/],
      ['kubectl rollout restart deployment configmap-env-var', 'deployment.apps/configmap-env-var restarted\n'],
      ['kubectl rollout status deployment configmap-env-var --watch=true', /deployment "configmap-env-var" successfully rolled out\n$/],
      ['wait 30', ''],
      ['kubectl logs deployment/configmap-env-var --tail=1', /The basket is full of mangoes\n$/],
    ],
  },
  {
    files: ['deployments/deployment-with-configmap-two-containers.yaml'],
    page: 'tutorials/configuration/updating-configuration-via-a-configmap.md',
    setup: ['kubectl create configmap color --from-literal=color=red'],
    wait: 30,
    checks: [
      ['kubectl get pods --selector=app.kubernetes.io/name=configmap-two-containers --no-headers', /^(configmap-two-containers-\w+-\w{5} +2\/2 +Running +0 +30s\n){3}$/],
      ['kubectl expose deployment configmap-two-containers --name=configmap-service --port=8080 --target-port=80', 'service/configmap-service exposed\n'],
      ['kubectl run curl --rm -i --image=curlimages/curl --restart=Never -- -s http://configmap-service:8080', /\n\w{3} \w{3} +\d+ \d\d:\d\d:\d\d UTC \d{4} My preferred color is red\n/],
    ],
  },
  {
    files: ['deployments/deployment-with-configmap-and-sidecar-container.yaml'],
    page: 'tutorials/configuration/updating-configuration-via-a-configmap.md',
    setup: ['kubectl create configmap color --from-literal=color=red'],
    wait: 30,
    checks: [
      ['kubectl get pods --selector=app.kubernetes.io/name=configmap-sidecar-container --no-headers', /^(configmap-sidecar-container-\w+-\w{5} +2\/2 +Running +0 +30s\n){3}$/],
      ['kubectl expose deployment configmap-sidecar-container --name=configmap-sidecar-service --port=8081 --target-port=80', 'service/configmap-sidecar-service exposed\n'],
      ['kubectl run curl --rm -i --image=curlimages/curl --restart=Never -- -s http://configmap-sidecar-service:8081', /\n\w{3} \w{3} +\d+ \d\d:\d\d:\d\d UTC \d{4} My preferred color is red\n/],
    ],
  },
  {
    files: ['configmap/configure-pod.yaml'],
    page: 'concepts/configuration/configmap.md',
    setup: [
      `kubectl apply -f - <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: game-demo
data:
  player_initial_lives: "3"
  ui_properties_file_name: "user-interface.properties"
  game.properties: |
    enemy.types=aliens,monsters
    player.maximum-lives=5
  user-interface.properties: |
    color.good=purple
    color.bad=yellow
    allow.textmode=true
EOF`,
    ],
    wait: 30,
    checks: [
      ['kubectl exec configmap-demo-pod -- printenv PLAYER_INITIAL_LIVES UI_PROPERTIES_FILE_NAME', '3\nuser-interface.properties\n'],
      ['kubectl exec configmap-demo-pod -- ls /config', 'game.properties\nuser-interface.properties\n'],
      ['kubectl exec configmap-demo-pod -- cat /config/game.properties', 'enemy.types=aliens,monsters\nplayer.maximum-lives=5\n'],
    ],
  },
  {
    files: ['configmap/env-configmap.yaml'],
    page: 'concepts/configuration/configmap.md',
    setup: ['kubectl create configmap myconfigmap --from-literal=username=k8s-admin --from-literal=access_level=1'],
    wait: 5,
    checks: [
      ['kubectl logs env-configmap', '\nusername=k8s-admin\n'],
      ['kubectl logs env-configmap', '\naccess_level=1\n'],
    ],
  },
  {
    files: ['secret/dotfile-secret.yaml'],
    page: 'concepts/configuration/secret.md',
    wait: 5,
    checks: [
      // The volume holds only .secret-file, which `ls -l` leaves out as a dotfile.
      ['kubectl logs secret-dotfiles-pod', 'total 0\n'],
      [`kubectl get secret dotfile-secret -o jsonpath='{.data.\\.secret-file}'`, 'dmFsdWUtMg0KDQo='],
    ],
  },
  {
    files: ['secret/optional-secret.yaml'],
    page: 'concepts/configuration/secret.md',
    wait: 30,
    // The Secret does not exist, but the volume is optional: the Pod starts without it.
    checks: [['kubectl get pod mypod', /^mypod\s+1\/1\s+Running\s+0\s/m]],
  },
  {
    files: ['admin/dns/busybox.yaml'],
    page: 'tasks/administer-cluster/dns-debugging-resolution.md',
    wait: 30,
    checks: [
      ['kubectl get pods busybox', /^busybox\s+1\/1\s+Running\s+0\s/m],
      ['kubectl exec -ti busybox -- nslookup kubernetes.default', 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n'],
      ['kubectl exec -ti busybox -- cat /etc/resolv.conf', 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n'],
    ],
  },
  {
    files: ['admin/logging/two-files-counter-pod.yaml'],
    page: 'concepts/cluster-administration/logging.md',
    wait: 20,
    checks: [
      // It writes to files only: nothing reaches the container's log.
      ['kubectl logs counter', /^$/],
      ['kubectl exec counter -- ls /var/log', '1.log\n2.log\n'],
      ['kubectl exec counter -- head -2 /var/log/1.log', /^0: \w{3} \w{3} +\d+ [\d:]+ UTC \d{4}\n1: /],
      ['kubectl exec counter -- head -1 /var/log/2.log', /^\w{3} \w{3} +\d+ [\d:]+ UTC \d{4} INFO 0\n$/],
    ],
  },
  {
    files: ['admin/resource/memory-constraints.yaml'],
    later: ['admin/resource/memory-constraints-pod-3.yaml', 'admin/resource/memory-constraints-pod-4.yaml'],
    page: 'tasks/administer-cluster/manage-resources/memory-constraint-namespace.md',
    wait: 5,
    checks: [
      [
        'kubectl apply -f admin-resource-memory-constraints-pod-3.yaml',
        'Error from server (Forbidden): error when creating "admin-resource-memory-constraints-pod-3.yaml": pods "constraints-mem-demo-3" is forbidden: minimum memory usage per Container is 500Mi, but request is 100Mi\n',
      ],
      ['kubectl apply -f admin-resource-memory-constraints-pod-4.yaml', 'pod/constraints-mem-demo-4 created\n'],
      // No resources given: the LimitRange's defaults fill both.
      ['kubectl get pod constraints-mem-demo-4 -o jsonpath={.spec.containers[0].resources}', '{"limits":{"memory":"1Gi"},"requests":{"memory":"1Gi"}}'],
    ],
  },
  {
    files: ['admin/resource/cpu-constraints.yaml'],
    later: ['admin/resource/cpu-constraints-pod-4.yaml'],
    page: 'tasks/administer-cluster/manage-resources/cpu-constraint-namespace.md',
    wait: 5,
    checks: [
      ['kubectl apply -f admin-resource-cpu-constraints-pod-4.yaml', 'pod/constraints-cpu-demo-4 created\n'],
      ['kubectl get pod constraints-cpu-demo-4 -o jsonpath={.spec.containers[0].resources}', '{"limits":{"cpu":"800m"},"requests":{"cpu":"800m"}}'],
      ['wait 30', ''],
      ['kubectl get pod constraints-cpu-demo-4', /^constraints-cpu-demo-4\s+1\/1\s+Running\s+0\s/m],
    ],
  },
  {
    files: ['admin/resource/memory-defaults.yaml', 'admin/resource/memory-defaults-pod-3.yaml'],
    page: 'tasks/administer-cluster/manage-resources/memory-default-namespace.md',
    wait: 5,
    // A request alone: the limit comes from the LimitRange's default.
    checks: [['kubectl get pod default-mem-demo-3 -o jsonpath={.spec.containers[0].resources}', '{"limits":{"memory":"512Mi"},"requests":{"memory":"128Mi"}}']],
  },
  {
    files: ['controllers/job-pod-failure-policy-ignore.yaml'],
    page: 'tasks/job/pod-failure-policy.md',
    wait: 5,
    checks: [
      [`nodeName=$(kubectl get pods -l job-name=job-pod-failure-policy-ignore -o jsonpath='{.items[0].spec.nodeName}')`, /^$/],
      ['kubectl drain nodes/$nodeName --ignore-daemonsets --grace-period=0', /^node\/node0\d cordoned\n[\s\S]*evicting pod default\/job-pod-failure-policy-ignore-\w{5}\n[\s\S]*node\/node0\d drained\n$/],
      // The evicted Pod is marked DisruptionTarget, which the Ignore rule leaves out of the failure count.
      ['kubectl get jobs -l job-name=job-pod-failure-policy-ignore -o yaml', /\n {4}active: 2\n/],
      [`kubectl get jobs -l job-name=job-pod-failure-policy-ignore -o jsonpath='{.items[0].status.failed}'`, /^$/],
      ['kubectl uncordon nodes/$nodeName', /^node\/node0\d uncordoned\n$/],
      ['wait 200', ''],
      ['kubectl get job job-pod-failure-policy-ignore', /^job-pod-failure-policy-ignore\s+Complete\s+4\/4\s/m],
    ],
  },
  {
    files: ['controllers/job-pod-failure-policy-config-issue.yaml'],
    page: 'tasks/job/pod-failure-policy.md',
    wait: 30,
    checks: [
      ['kubectl get pods -l job-name=job-pod-failure-policy-config-issue -o yaml', /message: 'Back-off pulling image "non-existing-repo\/non-existing-image:example":[^']*'\n\s+reason: ImagePullBackOff\n[\s\S]*phase: Pending\n/],
      // The page's steps 3 and 4: a custom condition patched into one pod's status, then the pod deleted.
      [
        'cat <<EOF > patch.yaml\nstatus:\n  conditions:\n  - type: ConfigIssue\n    status: "True"\n    reason: "NonExistingImage"\n    lastTransitionTime: "$(date -u +"%Y-%m-%dT%H:%M:%SZ")"\nEOF',
        // The terminal's continuation prompts.
        /^(> [^\n]*\n){7}$/,
      ],
      [`podName=$(kubectl get pods -l job-name=job-pod-failure-policy-config-issue -o jsonpath='{.items[0].metadata.name}')`, /^$/],
      ['kubectl patch pod $podName --subresource=status --patch-file=patch.yaml', /^pod\/job-pod-failure-policy-config-issue-\w{5} patched\n$/],
      ['kubectl delete pods/$podName', /^pod "job-pod-failure-policy-config-issue-\w{5}" deleted\n$/],
      // Deleted while Pending, the pod ends Failed with its ConfigIssue condition, which the FailJob rule matches.
      [
        'kubectl get jobs -l job-name=job-pod-failure-policy-config-issue -o yaml',
        /message: Pod default\/job-pod-failure-policy-config-issue-\w{5} has condition\n\s+ConfigIssue matching FailJob rule at index 0\n\s+reason: PodFailurePolicy\n\s+status: "True"\n\s+type: Failed\n/,
      ],
      ['echo $podName; kubectl get job job-pod-failure-policy-config-issue -o jsonpath={.status.conditions[1].message}', /^(\S+)\nPod default\/\1 has condition ConfigIssue matching FailJob rule at index 0$/],
    ],
  },
  {
    files: ['controllers/job-backoff-limit-per-index-failindex.yaml'],
    page: 'tasks/job/pod-failure-policy.md',
    wait: 60,
    checks: [
      // Index 0 is retried once (exit 1), index 1 fails at once (exit 42, FailIndex).
      [
        `kubectl get -o jsonpath='{.status.completedIndexes} {.status.failedIndexes} {.status.failed} {.status.succeeded}' job job-backoff-limit-per-index-failindex`,
        '2,3 0,1 3 2',
      ],
      ['kubectl get pods -l job-name=job-backoff-limit-per-index-failindex --no-headers', /^(job-backoff-limit-per-index-failindex-0-\w{5} +0\/1 +Error +0 +\S+\n){2}job-backoff-limit-per-index-failindex-1-\w{5} +0\/1 +Error +0/],
    ],
  },
  {
    files: ['application/job/indexed-job-vol.yaml'],
    page: 'tasks/job/indexed-parallel-processing-static.md',
    wait: 60,
    checks: [
      ['kubectl get job indexed-job', /^indexed-job\s+Complete\s+5\/5\s/m],
      // Each worker reverses the file the downward API wrote: its own index.
      ['kubectl logs -l batch.kubernetes.io/job-completion-index=3', /^3\n$/],
    ],
  },
  {
    files: [],
    later: ['application/job/job-tmpl.yaml'],
    page: 'tasks/job/parallel-processing-expansion.md',
    wait: 0,
    checks: [
      ['mkdir ./jobs', /^$/],
      ['for i in apple banana cherry; do cat application-job-job-tmpl.yaml | sed "s/\\$ITEM/$i/" > ./jobs/job-$i.yaml; done', /^$/],
      ['ls jobs/', 'job-apple.yaml\njob-banana.yaml\njob-cherry.yaml\n'],
      ['kubectl create -f ./jobs', 'job.batch/process-item-apple created\njob.batch/process-item-banana created\njob.batch/process-item-cherry created\n'],
      ['wait 30', ''],
      ['kubectl get jobs -l jobgroup=jobexample', /^process-item-apple\s+Complete\s+1\/1\s+\d+s\s+30s\nprocess-item-banana\s+Complete\s+1\/1\s+\d+s\s+30s\nprocess-item-cherry\s+Complete\s+1\/1\s/m],
      ['for p in $(kubectl get pods -l jobgroup=jobexample -o name); do kubectl logs $p; done', 'Processing item apple\nProcessing item banana\nProcessing item cherry\n'],
    ],
  },
  {
    files: ['application/web/web-parallel.yaml'],
    page: 'tutorials/stateful-application/basic-stateful-set.md',
    wait: 1,
    checks: [
      // Parallel management: web-1 does not wait for web-0 to be Ready.
      ['kubectl get pod -l app.kubernetes.io/name=nginx --no-headers', /^web-0 +0\/1 +\S+ +0 +1s\nweb-1 +0\/1 +\S+ +0 +1s\n$/],
      ['wait 30', ''],
      ['kubectl get pod -l app.kubernetes.io/name=nginx --no-headers', /^web-0 +1\/1 +Running +0 +31s\nweb-1 +1\/1 +Running +0 +31s\n$/],
      ['kubectl scale statefulset/web --replicas=4', 'statefulset.apps/web scaled\n'],
      ['wait 1', ''],
      ['kubectl get pod -l app.kubernetes.io/name=nginx --no-headers', /\nweb-2 +0\/1 +\S+ +0 +1s\nweb-3 +0\/1 +\S+ +0 +1s\n$/],
      ['kubectl delete sts web', 'statefulset.apps "web" deleted\n'],
    ],
  },
  {
    files: ['controllers/fluentd-daemonset-update.yaml'],
    page: 'tasks/manage-daemon/update-daemon-set.md',
    wait: 30,
    checks: [
      [`kubectl get ds/fluentd-elasticsearch -o go-template='{{.spec.updateStrategy.type}}{{"\\n"}}' -n kube-system`, 'RollingUpdate\n'],
      // Its tolerations let it onto the control plane node too.
      ['kubectl get pods -n kube-system -l name=fluentd-elasticsearch -o wide', /fluentd-elasticsearch-\w{5} +1\/1 +Running +0 +\S+ +[\d.]+ +controlplane /],
      ['kubectl get ds fluentd-elasticsearch -n kube-system', /^fluentd-elasticsearch\s+3\s+3\s+3\s+3\s+3\s+<none>\s/m],
    ],
  },
  {
    files: ['pods/storage/projected-secret-downwardapi-configmap.yaml'],
    page: 'concepts/storage/projected-volumes.md',
    setup: [
      'kubectl create secret generic mysecret --from-literal=username=admin',
      'kubectl create configmap myconfigmap --from-literal=config=hello',
    ],
    wait: 30,
    checks: [
      ['kubectl exec volume-test -- ls -R /projected-volume', '/projected-volume:\ncpu_limit\nlabels\nmy-group\n\n/projected-volume/my-group:\nmy-config\nmy-username\n'],
      ['kubectl exec volume-test -- cat /projected-volume/my-group/my-username', /^admin$/],
      ['kubectl exec volume-test -- cat /projected-volume/my-group/my-config', /^hello$/],
    ],
  },
  {
    files: ['pods/storage/projected-secrets-nondefault-permission-mode.yaml'],
    page: 'concepts/storage/projected-volumes.md',
    setup: [
      'kubectl create secret generic mysecret --from-literal=username=admin',
      'kubectl create secret generic mysecret2 --from-literal=password=1f2d1e2e67df',
    ],
    wait: 30,
    checks: [
      ['kubectl exec volume-test -- ls /projected-volume/my-group', 'my-password\nmy-username\n'],
      ['kubectl exec volume-test -- cat /projected-volume/my-group/my-password', /^1f2d1e2e67df$/],
      ['kubectl exec volume-test -- ls -l /projected-volume/my-group/', /^-rw-r--r-- .* my-password\n/m],
    ],
  },
  {
    files: ['pods/storage/projected-service-account-token.yaml'],
    page: 'concepts/storage/projected-volumes.md',
    wait: 30,
    checks: [
      // busybox's default command is a shell, which ends at once without a terminal.
      ['kubectl get pod sa-token-test', /^sa-token-test\s+0\/1\s+(CrashLoopBackOff|Completed)\s+[1-9]/m],
      [`kubectl get pod sa-token-test -o jsonpath='{.spec.volumes[0].projected.sources[0].serviceAccountToken}'`, '{"audience":"api","expirationSeconds":3600,"path":"token"}'],
    ],
  },
  {
    files: ['pods/probe/pod-with-tcp-socket-healthcheck.yaml'],
    page: 'concepts/configuration/liveness-readiness-startup-probes.md',
    wait: 60,
    checks: [
      ['kubectl get pod pod-with-tcp-socket-healthcheck', /^pod-with-tcp-socket-healthcheck\s+1\/1\s+Running\s+0\s/m],
      ['kubectl describe pod pod-with-tcp-socket-healthcheck', '    Liveness:       tcp-socket :6379 delay=30s timeout=1s period=10s #success=1 #failure=3\n'],
    ],
  },
  {
    files: ['pods/pod-with-affinity-preferred-weight.yaml'],
    page: 'concepts/scheduling-eviction/assign-pod-node.md',
    wait: 30,
    // Every node is linux; none has label-1 or label-2, so the preferences only weigh, never block.
    checks: [['kubectl get pod with-affinity-preferred-weight -o wide', /^with-affinity-preferred-weight\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+node0\d\s/m]],
  },
  {
    files: ['admin/sched/pod1.yaml', 'admin/sched/pod2.yaml', 'admin/sched/pod3.yaml'],
    page: 'tasks/extend-kubernetes/configure-multiple-schedulers.md',
    wait: 30,
    checks: [
      ['kubectl get pods no-annotation annotation-default-scheduler', /^no-annotation\s+1\/1\s+Running\s+0\s/m],
      ['kubectl get pods no-annotation annotation-default-scheduler', /^annotation-default-scheduler\s+1\/1\s+Running\s+0\s/m],
      // No scheduler named my-scheduler runs yet: its Pod waits, with no event.
      ['kubectl get pod annotation-second-scheduler', /^annotation-second-scheduler\s+0\/1\s+Pending\s+0\s/m],
      ['kubectl get events --field-selector involvedObject.name=annotation-second-scheduler', 'No resources found in default namespace.\n'],
      ['kubectl get events --field-selector involvedObject.name=annotation-default-scheduler', /Scheduled\s+pod\/annotation-default-scheduler\s+Successfully assigned default\/annotation-default-scheduler to node0\d\n/],
    ],
  },
  {
    files: ['application/deployment-retainkeys.yaml'],
    page: 'tasks/manage-kubernetes-objects/update-api-object-kubectl-patch.md',
    setup: [
      `printf 'spec:\\n  strategy:\\n    type: Recreate\\n' > patch-file-no-retainkeys.yaml`,
      `printf 'spec:\\n  strategy:\\n    $retainKeys:\\n    - type\\n    type: Recreate\\n' > patch-file-retainkeys.yaml`,
    ],
    wait: 10,
    checks: [
      [
        'kubectl patch deployment retainkeys-demo --type strategic --patch-file patch-file-no-retainkeys.yaml',
        'The Deployment "retainkeys-demo" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is \'Recreate\'\n',
      ],
      // $retainKeys drops what the patch does not name: rollingUpdate goes with the old type.
      ['kubectl patch deployment retainkeys-demo --type strategic --patch-file patch-file-retainkeys.yaml', 'deployment.apps/retainkeys-demo patched\n'],
      ['kubectl get deployment retainkeys-demo --output yaml', '  strategy:\n    type: Recreate\n  template:\n'],
    ],
  },
  {
    files: ['service/load-balancer-example.yaml'],
    page: 'tutorials/stateless-application/expose-external-ip-address.md',
    wait: 30,
    checks: [
      ['kubectl get deployments hello-world', /^hello-world\s+5\/5\s+5\s+5\s/m],
      ['kubectl get replicasets', /^hello-world-\w+\s+5\s+5\s+5\s/m],
      ['kubectl expose deployment hello-world --type=LoadBalancer --name=my-service', 'service/my-service exposed\n'],
      // No cloud provider answers: the external IP stays pending, the node port and cluster IP work.
      ['kubectl get services my-service', /^my-service\s+LoadBalancer\s+10\.\d+\.\d+\.\d+\s+<pending>\s+8080:3\d{4}\/TCP\s/m],
      ['kubectl describe services my-service', /\nEndpoints: +10\.244\.\d+\.\d+:8080,10\.244\.\d+\.\d+:8080,10\.244\.\d+\.\d+:8080 \+ 2 more\.\.\.\n/],
      ['kubectl run curl --rm -i --image=curlimages/curl --restart=Never -- -s http://my-service:8080', /Hello, world!\nVersion: 2\.0\.0\nHostname: hello-world-/],
    ],
  },
  {
    files: ['configmap/immutable-configmap.yaml', 'deployments/deployment-with-immutable-configmap-as-volume.yaml'],
    later: ['configmap/new-immutable-configmap.yaml'],
    page: 'tutorials/configuration/updating-configuration-via-a-configmap.md',
    wait: 30,
    checks: [
      ['kubectl get pods --selector=app.kubernetes.io/name=immutable-configmap-volume --no-headers', /^(immutable-configmap-volume-\w+-\w{5} +1\/1 +Running +0 +30s\n){3}$/],
      ['kubectl logs deployments/immutable-configmap-volume', /^\w{3} \w{3} +\d+ \d\d:\d\d:\d\d UTC \d{4} The name of the company is ACME, Inc\.\n/],
      // An immutable ConfigMap cannot change: the page makes a new one and points the Deployment at it.
      [`kubectl patch configmap company-name-20150801 -p '{"data":{"company_name":"x"}}'`, 'The ConfigMap "company-name-20150801" is invalid: data: Forbidden: field is immutable when `immutable` is set\n'],
      ['kubectl apply -f configmap-new-immutable-configmap.yaml', 'configmap/company-name-20240312 created\n'],
      ['kubectl get configmap', /^company-name-20150801\s+1\s+30s\ncompany-name-20240312\s+1\s+0s\n/m],
      [`kubectl patch deployment immutable-configmap-volume --type=json -p '[{"op":"replace","path":"/spec/template/spec/volumes/0/configMap/name","value":"company-name-20240312"}]'`, 'deployment.apps/immutable-configmap-volume patched\n'],
      ['kubectl rollout status deployment immutable-configmap-volume', /deployment "immutable-configmap-volume" successfully rolled out\n$/],
      ['wait 30', ''],
      ['kubectl logs deployment/immutable-configmap-volume --tail=1', /The name of the company is Fiktivesunternehmen GmbH\n$/],
      ['kubectl delete configmap company-name-20150801', 'configmap "company-name-20150801" deleted\n'],
    ],
  },
  {
    files: ['controllers/frontend.yaml', 'controllers/hpa-rs.yaml'],
    page: 'concepts/workloads/controllers/replicaset.md',
    wait: 60,
    checks: [
      // The frontend's containers request no CPU, so there is no utilization to read.
      ['kubectl get hpa frontend-scaler', /^frontend-scaler\s+ReplicaSet\/frontend\s+cpu: <unknown>\/50%\s+3\s+10\s+3\s/m],
      ['kubectl get rs frontend', /^frontend\s+3\s+3\s+3\s/m],
    ],
  },
  {
    files: ['application/mysql/mysql-pv.yaml', 'application/mysql/mysql-deployment.yaml'],
    page: 'tasks/run-application/run-single-instance-stateful-application.md',
    wait: 60,
    checks: [
      ['kubectl get pods -l app=mysql', /^mysql-\w+-\w{5}\s+1\/1\s+Running\s+0\s/m],
      ['kubectl describe deployment mysql', /\nStrategyType: +Recreate\n/],
      ['kubectl describe pvc mysql-pv-claim', /^Name: +mysql-pv-claim\nNamespace: +default\nStorageClass: +manual\nStatus: +Bound\nVolume: +mysql-pv-volume\n[\s\S]*\nCapacity: +20Gi\nAccess Modes: +RWO\n/],
      // The page's client, given its statements on stdin instead of at its prompt (test/images/mysql.test.ts types at the prompt).
      [
        `echo 'SHOW DATABASES;' | kubectl run -i --rm --image=mysql:5.6 --restart=Never mysql-client -- mysql -h mysql -ppassword`,
        'Database\ninformation_schema\nmysql\nperformance_schema\npod "mysql-client" deleted\n',
      ],
      ['kubectl delete deployment,svc mysql', 'deployment.apps "mysql" deleted\nservice "mysql" deleted\n'],
      ['kubectl delete pvc mysql-pv-claim', 'persistentvolumeclaim "mysql-pv-claim" deleted\n'],
      ['kubectl delete pv mysql-pv-volume', 'persistentvolume "mysql-pv-volume" deleted\n'],
    ],
  },
  {
    files: ['application/mongodb/mongo-deployment.yaml', 'application/mongodb/mongo-service.yaml'],
    page: 'tasks/access-application-cluster/port-forward-access-application-cluster.md',
    wait: 30,
    checks: [
      ['kubectl get deployment', /^mongo\s+1\/1\s+1\s+1\s/m],
      ['kubectl get pods', /^mongo-\w+-\w{5}\s+1\/1\s+Running\s+0\s/m],
      ['kubectl get service mongo', /^mongo\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+27017\/TCP\s/m],
      [`kubectl get $(kubectl get pods -l app.kubernetes.io/name=mongo -o name) --template='{{(index (index .spec.containers 0).ports 0).containerPort}}{{"\\n"}}'`, '27017\n'],
      ['kubectl port-forward service/mongo 28015:27017 &', 'Forwarding from 127.0.0.1:28015 -> 27017\nForwarding from [::1]:28015 -> 27017\n'],
      ['nc -z localhost 28015 && echo open', 'open\n'],
    ],
  },
  {
    files: ['pods/security/seccomp/ga/default-pod.yaml'],
    page: 'tutorials/security/seccomp.md',
    wait: 30,
    checks: [
      ['kubectl get pod default-pod', /^default-pod\s+1\/1\s+Running\s+0\s/m],
      ['kubectl expose pod default-pod --type NodePort --port 5678', 'service/default-pod exposed\n'],
      ['kubectl run curl --rm -i --image=curlimages/curl --restart=Never -- -s http://default-pod:5678', 'just made some more syscalls!\n'],
    ],
  },
  {
    files: ['application/deployment-sidecar-legacy.yaml'],
    page: 'concepts/workloads/pods/sidecar-containers.md',
    wait: 40,
    checks: [
      ['kubectl get deployment myapp', /^myapp\s+1\/1\s+1\s+1\s/m],
      ['kubectl get pods -l app=myapp', /^myapp-\w+-\w{5}\s+2\/2\s+Running\s+0\s/m],
      ['kubectl logs deployment/myapp -c sidecar-container --tail=2', 'logging\nlogging\n'],
    ],
  },
  {
    files: ['application/job/job-sidecar-legacy.yaml'],
    page: 'concepts/workloads/pods/sidecar-containers.md',
    wait: 60,
    checks: [
      // A sidecar run as a regular container keeps the Pod, and so the Job, from completing.
      ['kubectl get job myjob', /^myjob\s+Running\s+0\/1\s/m],
      ['kubectl get pods -l job-name=myjob', /^myjob-\w{5}\s+1\/2\s+NotReady\s+0\s/m],
      ['kubectl logs job/myjob -c logshipper', 'logging\n'],
    ],
  },
  {
    files: ['pods/pod-with-affinity-anti-affinity.yaml'],
    page: 'concepts/scheduling-eviction/assign-pod-node.md',
    wait: 30,
    checks: [['kubectl get pod with-affinity-anti-affinity -o wide', /^with-affinity-anti-affinity\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+node0\d\s/m]],
  },
  {
    files: ['pods/pod-with-node-affinity-1.yaml'],
    page: 'concepts/scheduling-eviction/assign-pod-node.md',
    wait: 30,
    checks: [
      // No node is in either zone yet: the required affinity keeps the Pod unscheduled.
      ['kubectl get pod with-node-affinity-1', /^with-node-affinity-1\s+0\/1\s+Pending\s+0\s/m],
      ['kubectl describe pod with-node-affinity-1', "didn't match Pod's node affinity/selector"],
      ['kubectl label nodes node02 topology.kubernetes.io/zone=antarctica-west1', 'node/node02 labeled\n'],
      ['wait 10', ''],
      ['kubectl get pod with-node-affinity-1 -o wide', /^with-node-affinity-1\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+node02\s/m],
    ],
  },
  {
    files: ['application/deployment-subresource.yaml'],
    page: 'tasks/manage-kubernetes-objects/update-api-object-kubectl-patch.md',
    wait: 30,
    checks: [
      ['kubectl get pods -l app=nginx --no-headers', /^(subresource-demo-\w+-\w{5} +1\/1 +Running +0 +30s\n){2}$/],
      [`kubectl patch deployment subresource-demo --subresource='scale' --type='merge' -p '{"spec":{"replicas":3}}'`, 'scale.autoscaling/subresource-demo patched\n'],
      ['wait 20', ''],
      ['kubectl get pods -l app=nginx --no-headers', /^(subresource-demo-\w+-\w{5} +1\/1 +Running +0 +\d+s\n){3}$/],
      ['kubectl get deployment subresource-demo -o yaml', /\nspec:\n[\s\S]*\n  replicas: 3\n/],
    ],
  },
  {
    files: ['pods/assigning-pods-to-nodes-affinity.yaml'],
    page: 'concepts/scheduling-eviction/assign-pod-node.md',
    wait: 30,
    checks: [
      ['kubectl get pod with-node-affinity', /^with-node-affinity\s+0\/1\s+Pending\s+0\s/m],
      ['kubectl label nodes node01 topology.kubernetes.io/zone=antarctica-east1', 'node/node01 labeled\n'],
      ['wait 10', ''],
      // k8s.gcr.io now serves from registry.k8s.io.
      ['kubectl get pod with-node-affinity -o wide', /^with-node-affinity\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+node01\s/m],
    ],
  },
  {
    // The LimitRange walkthrough these come from was folded into the concept page; its steps are kept.
    files: ['admin/resource/limit-mem-cpu-container.yaml', 'admin/resource/limit-range-pod-1.yaml'],
    later: ['admin/resource/limit-mem-cpu-pod.yaml', 'admin/resource/limit-range-pod-2.yaml', 'admin/resource/limit-memory-ratio-pod.yaml', 'admin/resource/limit-range-pod-3.yaml'],
    page: 'concepts/policy/limit-range.md',
    wait: 20,
    checks: [
      [
        'kubectl describe limitrange/limit-mem-cpu-per-container',
        'Type        Resource  Min   Max   Default Request  Default Limit  Max Limit/Request Ratio\n----        --------  ---   ---   ---------------  -------------  -----------------------\nContainer   cpu       100m  800m  110m             700m           -\nContainer   memory    99Mi  1Gi   111Mi            900Mi          -\n',
      ],
      // Each container gets what it left out: the default limit, and a request equal to its own limit or the default request.
      [
        `kubectl get po/busybox1 -o jsonpath='{range .spec.containers[*]}{.resources}{"\\n"}{end}'`,
        '{"limits":{"cpu":"500m","memory":"200Mi"},"requests":{"cpu":"100m","memory":"100Mi"}}\n' +
          '{"limits":{"cpu":"700m","memory":"900Mi"},"requests":{"cpu":"100m","memory":"100Mi"}}\n' +
          '{"limits":{"cpu":"500m","memory":"200Mi"},"requests":{"cpu":"500m","memory":"200Mi"}}\n' +
          '{"limits":{"cpu":"700m","memory":"900Mi"},"requests":{"cpu":"110m","memory":"111Mi"}}\n',
      ],
      ['kubectl get pod busybox1', /^busybox1\s+4\/4\s+Running\s+0\s/m],
      ['kubectl apply -f admin-resource-limit-mem-cpu-pod.yaml', 'limitrange/limit-mem-cpu-per-pod created\n'],
      // With the container defaults filled in, the four limits add up past the Pod's maximum.
      [
        'kubectl apply -f admin-resource-limit-range-pod-2.yaml',
        'Error from server (Forbidden): error when creating "admin-resource-limit-range-pod-2.yaml": pods "busybox2" is forbidden: [maximum cpu usage per Pod is 2, but limit is 2400m, maximum memory usage per Pod is 2Gi, but limit is 2200Mi]\n',
      ],
      ['kubectl delete limitrange limit-mem-cpu-per-pod limit-mem-cpu-per-container', 'limitrange "limit-mem-cpu-per-pod" deleted\nlimitrange "limit-mem-cpu-per-container" deleted\n'],
      ['kubectl apply -f admin-resource-limit-memory-ratio-pod.yaml', 'limitrange/limit-memory-ratio-pod created\n'],
      ['kubectl describe limitrange/limit-memory-ratio-pod', 'Pod         memory    -    -    -                -              2\n'],
      [
        'kubectl apply -f admin-resource-limit-range-pod-3.yaml',
        'Error from server (Forbidden): error when creating "admin-resource-limit-range-pod-3.yaml": pods "busybox3" is forbidden: memory max limit to request ratio per Pod is 2, but provided ratio is 3.000000\n',
      ],
    ],
  },
  {
    files: ['admin/namespace-dev.yaml', 'admin/namespace-prod.yaml'],
    later: ['admin/snowflake-deployment.yaml'],
    page: 'tasks/administer-cluster/namespaces-walkthrough.md',
    wait: 0,
    checks: [
      ['kubectl get namespaces --show-labels', /^development\s+Active\s+0s\s+kubernetes\.io\/metadata\.name=development,name=development\n/m],
      ['kubectl get namespaces --show-labels', /^production\s+Active\s+0s\s+kubernetes\.io\/metadata\.name=production,name=production\n/m],
      ['kubectl apply -f admin-snowflake-deployment.yaml -n development', 'deployment.apps/snowflake created\n'],
      ['wait 30', ''],
      ['kubectl get deployment -n=development', /^snowflake\s+2\/2\s+2\s+2\s+30s\n/m],
      ['kubectl get pods -l app=snowflake -n=development --no-headers', /^(snowflake-\w+-\w{5} +1\/1 +Running +0 +30s\n){2}$/],
      ['kubectl create deployment cattle --image=registry.k8s.io/serve_hostname -n=production', 'deployment.apps/cattle created\n'],
      ['kubectl scale deployment cattle --replicas=5 -n=production', 'deployment.apps/cattle scaled\n'],
      ['wait 30', ''],
      ['kubectl get deployment -n=production', /^cattle\s+5\/5\s+5\s+5\s/m],
      // Each namespace sees only its own Pods.
      ['kubectl get pods -n=development --no-headers', /^(snowflake-\w+-\w{5} +1\/1 +Running +0 +\S+\n){2}$/],
      // serve_hostname answers with the Pod's name.
      [
        `kubectl run c --rm -i --image=curlimages/curl --restart=Never -n development -- -s $(kubectl get pods -l app=snowflake -n development -o jsonpath='{.items[0].status.podIP}'):9376`,
        /^snowflake-\w+-\w{5}\n/m,
      ],
    ],
  },
  {
    files: ['pods/inject/configmap-envFrom.yaml', 'pods/inject/envFrom.yaml'],
    page: 'tasks/inject-data-application/define-environment-variable-container.md',
    wait: 30,
    checks: [
      ['kubectl get pods -l purpose=demonstrate-envfrom', /^envfrom-demo\s+1\/1\s+Running\s+0\s/m],
      ['kubectl exec -it envfrom-demo -- printenv', '\nDEMO_GREETING=Hello from the environment\n'],
      ['kubectl exec -it envfrom-demo -- printenv', '\nDEMO_FAREWELL=Such a sweet sorrow\n'],
    ],
  },
  {
    files: ['pods/storage/pv-volume.yaml', 'pods/storage/pv-claim.yaml', 'pods/storage/pv-pod-backup.yaml'],
    page: 'tasks/configure-pod-container/configure-persistent-volume-storage.md',
    // As for pv-pod.yaml: the page's file goes on both workers.
    setup: ['node01', 'node02'].flatMap((node) => [`ssh ${node}`, 'sudo mkdir /mnt/data', `sudo sh -c "echo 'Hello from Kubernetes storage' > /mnt/data/index.html"`, 'exit']),
    wait: 30,
    checks: [
      ['kubectl get pod pv-pod-backup', /^pv-pod-backup\s+1\/1\s+Running\s+0\s/m],
      ['kubectl logs pv-pod-backup -c init-volume', 'Initializing the mounted volume...\n'],
      // httpd serves the claim's file: the init container wrote into its own htdocs, not the volume.
      ['kubectl exec pv-pod-backup -- cat /usr/local/apache2/htdocs/index.html', /^Hello from Kubernetes storage\n$/],
    ],
  },
  {
    files: [],
    later: ['controllers/daemonset-label-selector.yaml'],
    page: 'tasks/manage-daemon/pods-some-nodes.md',
    wait: 0,
    checks: [
      ['kubectl label nodes node01 ssd=true', 'node/node01 labeled\n'],
      ['kubectl create -f controllers-daemonset-label-selector.yaml', 'daemonset.apps/ssd-driver created\n'],
      ['wait 20', ''],
      // One daemon Pod per labelled node. `example-image` is the page's placeholder: no registry has it.
      ['kubectl get pods -o wide --no-headers', /^ssd-driver-\w{5} +0\/1 +(ErrImagePull|ImagePullBackOff) +0 +20s +10\.244\.\d+\.\d+ +node01 /],
      ['kubectl label nodes node02 ssd=true', 'node/node02 labeled\n'],
      ['wait 5', ''],
      ['kubectl get ds ssd-driver', /^ssd-driver\s+2\s+2\s+0\s+2\s+0\s+ssd=true\s/m],
      ['kubectl describe pods -l app.kubernetes.io/name=ssd-driver-pod', 'Failed to pull image "example-image": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/example-image:latest": failed to resolve reference "docker.io/library/example-image:latest": pull access denied, repository does not exist or may require authorization'],
    ],
  },
  {
    // The page's cluster has two zones of two nodes; here each zone is one worker, with two
    // matching Pods in zoneA and one in zoneB.
    files: ['pods/topology-spread-constraints/two-constraints.yaml'],
    page: 'concepts/scheduling-eviction/topology-spread-constraints.md',
    setup: [
      'kubectl label node node01 zone=zoneA node=node1',
      'kubectl label node node02 zone=zoneB node=node2',
      `kubectl run p1 --image=registry.k8s.io/pause:3.10 --labels=foo=bar --overrides='{"spec":{"nodeName":"node01"}}'`,
      `kubectl run p2 --image=registry.k8s.io/pause:3.10 --labels=foo=bar --overrides='{"spec":{"nodeName":"node01"}}'`,
      `kubectl run p3 --image=registry.k8s.io/pause:3.10 --labels=foo=bar --overrides='{"spec":{"nodeName":"node02"}}'`,
    ],
    wait: 10,
    checks: [['kubectl get pod mypod -o wide', /^mypod +1\/1 +Running +0 +\S+ +10\.244\.2\.\d+ +node02 /m]],
  },
  {
    // zoneC is left out by node affinity, so its empty domain does not hold the skew down.
    files: ['pods/topology-spread-constraints/one-constraint-with-nodeaffinity.yaml'],
    page: 'concepts/scheduling-eviction/topology-spread-constraints.md',
    setup: [
      'kubectl label node node01 zone=zoneA',
      'kubectl label node node02 zone=zoneB',
      'kubectl label node controlplane zone=zoneC',
      `kubectl run p1 --image=registry.k8s.io/pause:3.10 --labels=foo=bar --overrides='{"spec":{"nodeName":"node01"}}'`,
      `kubectl run p2 --image=registry.k8s.io/pause:3.10 --labels=foo=bar --overrides='{"spec":{"nodeName":"node02"}}'`,
    ],
    wait: 10,
    checks: [['kubectl get pod mypod -o wide', /^mypod +1\/1 +Running +0 +\S+ +10\.244\.[12]\.\d+ +node0[12] /m]],
  },
  {
    files: ['pods/probe/grpc-liveness.yaml'],
    page: 'tasks/configure-pod-container/configure-liveness-readiness-startup-probes.md',
    wait: 60,
    checks: [
      // etcd answers the kubelet's gRPC health check on 2379, so the container keeps running.
      ['kubectl get pod etcd-with-grpc', /^etcd-with-grpc +1\/1 +Running +0 +60s\n/m],
      ['kubectl describe pod etcd-with-grpc', /\n    Liveness: +grpc <pod>:2379  delay=10s timeout=1s period=10s #success=1 #failure=3\n/],
    ],
  },
  {
    // The page labels its namespace first, then applies the example into it and into default.
    files: [],
    later: ['security/example-baseline-pod.yaml'],
    page: 'tutorials/security/ns-level-pss.md',
    setup: [
      'kubectl create ns example',
      'kubectl label --overwrite ns example pod-security.kubernetes.io/warn=baseline pod-security.kubernetes.io/warn-version=latest',
      'kubectl label --overwrite ns example pod-security.kubernetes.io/enforce=baseline pod-security.kubernetes.io/enforce-version=latest pod-security.kubernetes.io/warn=restricted pod-security.kubernetes.io/warn-version=latest pod-security.kubernetes.io/audit=restricted pod-security.kubernetes.io/audit-version=latest',
    ],
    wait: 0,
    checks: [
      [
        'kubectl apply -n example -f https://k8s.io/examples/security/example-baseline-pod.yaml',
        /^Warning: would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false \(container "nginx" must set securityContext.allowPrivilegeEscalation=false\), unrestricted capabilities \(container "nginx" must set securityContext.capabilities.drop=\["ALL"\]\), runAsNonRoot != true \(pod or container "nginx" must set securityContext.runAsNonRoot=true\), seccompProfile \(pod or container "nginx" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"\)\npod\/nginx created\n$/,
      ],
      ['kubectl apply -n default -f https://k8s.io/examples/security/example-baseline-pod.yaml', /^pod\/nginx created\n$/],
      ['wait 30', ''],
      ['kubectl get pod nginx -n example', /^nginx\s+1\/1\s+Running\s+0\s/m],
    ],
  },
  {
    // What applies without a kind cluster config: the server dry runs that survey each level. The
    // cluster-wide defaults of its second half are the API server's own configuration.
    files: [],
    later: ['security/example-baseline-pod.yaml'],
    page: 'tutorials/security/cluster-level-pss.md',
    wait: 0,
    checks: [
      [
        'kubectl label --dry-run=server --overwrite ns --all pod-security.kubernetes.io/enforce=privileged',
        'namespace/default labeled (server dry run)\nnamespace/kube-node-lease labeled (server dry run)\nnamespace/kube-public labeled (server dry run)\nnamespace/kube-system labeled (server dry run)\n',
      ],
      [
        'kubectl label --dry-run=server --overwrite ns --all pod-security.kubernetes.io/enforce=baseline',
        /^namespace\/kube-public labeled \(server dry run\)\nWarning: existing pods in namespace "kube-system" violate the new PodSecurity enforce level "baseline:latest"\nWarning: etcd-controlplane \(and 3 other pods\): host namespaces\nWarning: kube-proxy-\w{5} \(and 2 other pods\): host namespaces, privileged\nnamespace\/kube-system labeled \(server dry run\)\n/m,
      ],
      [
        'kubectl label --dry-run=server --overwrite ns --all pod-security.kubernetes.io/enforce=restricted',
        /\nWarning: coredns-\w+-\w{5} \(and 1 other pod\): allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile\n/,
      ],
      // Dry runs: no namespace got the label.
      [`kubectl get namespace kube-system -o jsonpath='{.metadata.labels}'`, '{"kubernetes.io/metadata.name":"kube-system"}'],
    ],
  },
  {
    // The Pod Security Standards page's three namespaces, each given the baseline example Pod.
    files: ['security/podsecurity-privileged.yaml', 'security/podsecurity-baseline.yaml', 'security/podsecurity-restricted.yaml'],
    later: ['security/example-baseline-pod.yaml'],
    page: 'concepts/security/pod-security-standards.md',
    wait: 0,
    checks: [
      ['kubectl apply -n my-privileged-namespace -f security-example-baseline-pod.yaml', /^pod\/nginx created\n$/],
      ['kubectl apply -n my-baseline-namespace -f security-example-baseline-pod.yaml', /^pod\/nginx created\n$/],
      [
        'kubectl apply -n my-restricted-namespace -f security-example-baseline-pod.yaml',
        /^Error from server \(Forbidden\): error when creating "security-example-baseline-pod.yaml": pods "nginx" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false /,
      ],
      [`kubectl run shell -n my-baseline-namespace --image=busybox --overrides='{"spec":{"hostPID":true}}' -- sleep 1d`, /^Error from server \(Forbidden\): pods "shell" is forbidden: violates PodSecurity "baseline:latest": host namespaces \(hostPID=true\)\n$/],
    ],
  },
  {
    // The page's steps with the manifests as stored: wordpress:4.8-apache, whose PHP 7.1 cannot
    // log in to mysql:8.0 (caching_sha2_password), so WordPress gives up as it would on a cluster.
    // The page's current wordpress:6.2.1-apache is test/scenario/wordpress-tutorial.test.ts.
    files: [],
    later: ['application/wordpress/mysql-deployment.yaml', 'application/wordpress/wordpress-deployment.yaml'],
    page: 'tutorials/stateful-application/mysql-wordpress-persistent-volume.md',
    setup: [
      'cat <<EOF >./kustomization.yaml\nsecretGenerator:\n- name: mysql-pass\n  literals:\n  - password=YOUR_PASSWORD\nEOF',
      'curl -LO https://k8s.io/examples/application/wordpress/mysql-deployment.yaml',
      'curl -LO https://k8s.io/examples/application/wordpress/wordpress-deployment.yaml',
      'cat <<EOF >>./kustomization.yaml\nresources:\n  - mysql-deployment.yaml\n  - wordpress-deployment.yaml\nEOF',
    ],
    wait: 0,
    checks: [
      ['kubectl apply -k ./', /^secret\/mysql-pass-\w{10} created\nservice\/wordpress created\nservice\/wordpress-mysql created\npersistentvolumeclaim\/mysql-pv-claim created\npersistentvolumeclaim\/wp-pv-claim created\ndeployment\.apps\/wordpress created\ndeployment\.apps\/wordpress-mysql created\n$/],
      ['wait 90', ''],
      ['kubectl get secrets', /^mysql-pass-\w{10}\s+Opaque\s+1\s+90s\n/m],
      ['kubectl get pvc', /^mysql-pv-claim\s+Bound\s+pvc-[\w-]+\s+20Gi\s+RWO\s+standard\s/m],
      ['kubectl get pvc', /^wp-pv-claim\s+Bound\s+pvc-[\w-]+\s+20Gi\s+RWO\s+standard\s/m],
      ['kubectl get pods', /^wordpress-mysql-\w+-\w{5}\s+1\/1\s+Running\s+0\s/m],
      ['kubectl get services wordpress', /^wordpress\s+LoadBalancer\s+10\.\d+\.\d+\.\d+\s+<pending>\s+80:3\d{4}\/TCP\s/m],
      ['kubectl logs deploy/wordpress', '\nMySQL Connection Error: (2054) The server requested authentication method unknown to the client\n'],
      // Its entrypoint tries ten times, three seconds apart, then exits; the kubelet starts it again.
      ['kubectl get pods -l app=wordpress', /^wordpress-\w+-\w{5}\s+[01]\/1\s+(Running|Error|CrashLoopBackOff)\s+[1-9]/m],
      ['kubectl delete -k ./', /^secret "mysql-pass-\w{10}" deleted\nservice "wordpress" deleted\nservice "wordpress-mysql" deleted\npersistentvolumeclaim "mysql-pv-claim" deleted\npersistentvolumeclaim "wp-pv-claim" deleted\ndeployment\.apps "wordpress" deleted\ndeployment\.apps "wordpress-mysql" deleted\n$/],
    ],
  },
  {
    // Server-side apply: the Deployment is applied by the `kubectl` field manager, autoscaled, and
    // `replicas` is handed over to a manager of its own before the manifest drops it, so the
    // replicas stay 3 instead of falling back to the default of 1.
    files: [],
    later: ['application/ssa/nginx-deployment.yaml', 'application/ssa/nginx-deployment-no-replicas.yaml'],
    page: 'reference/using-api/server-side-apply.md',
    wait: 0,
    checks: [
      ['kubectl apply -f https://k8s.io/examples/application/ssa/nginx-deployment.yaml --server-side', 'deployment.apps/nginx-deployment serverside-applied\n'],
      ['wait 30', ''],
      ['kubectl autoscale deployment nginx-deployment --cpu-percent=50 --min=1 --max=10', 'horizontalpodautoscaler.autoscaling/nginx-deployment autoscaled\n'],
      [
        "printf 'apiVersion: apps/v1\\nkind: Deployment\\nmetadata:\\n  name: nginx-deployment\\nspec:\\n  replicas: 3\\n' > nginx-deployment-replicas-only.yaml && kubectl apply -f nginx-deployment-replicas-only.yaml --server-side --field-manager=handover-to-hpa --validate=false",
        'deployment.apps/nginx-deployment serverside-applied\n',
      ],
      ['kubectl apply -f https://k8s.io/examples/application/ssa/nginx-deployment-no-replicas.yaml --server-side', 'deployment.apps/nginx-deployment serverside-applied\n'],
      [`kubectl get deployment nginx-deployment -o jsonpath='{.spec.replicas}'`, /^3$/],
      [`kubectl get deployment nginx-deployment --show-managed-fields -o jsonpath='{range .metadata.managedFields[*]}{.manager} {.operation}{"\\n"}{end}'`, /^kubectl Apply\nhandover-to-hpa Apply\n/],
    ],
  },
  {
    files: ['policy/zookeeper-pod-disruption-budget-minavailable.yaml'],
    page: 'tasks/run-application/configure-pdb.md',
    wait: 7,
    checks: [
      // No zookeeper pods yet: nothing healthy, so nothing may be disrupted.
      ['kubectl get poddisruptionbudgets', /^NAME     MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\nzk-pdb   2               N\/A               0                     7s\n$/],
      ["kubectl get poddisruptionbudgets zk-pdb -o jsonpath='{.status.currentHealthy} {.status.desiredHealthy} {.status.expectedPods} {.status.conditions[0].reason}'", '0 2 0 InsufficientPods'],
    ],
  },
  {
    files: ['policy/zookeeper-pod-disruption-budget-maxunavailable.yaml'],
    page: 'tasks/run-application/configure-pdb.md',
    wait: 7,
    checks: [['kubectl get poddisruptionbudgets', /^zk-pdb   N\/A             1                 0                     7s$/m]],
  },
];

const fixtures = join(__dirname, '../../examples/kubernetes.io');

describe('kubernetes.io examples reach the state their pages describe', () => {
  it.each(examples.map((example) => [(example.files.length ? example.files : example.later ?? []).join(' + '), example] as const))('%s', (_name, example) => {
    const lab = labShell();
    for (const command of example.setup ?? []) lab.sh(command);
    for (const file of example.later ?? []) lab.write(file.replace(/\//g, '-'), readFileSync(join(fixtures, file), 'utf8'));
    for (const file of example.files) {
      lab.write(file.replace(/\//g, '-'), readFileSync(join(fixtures, file), 'utf8'));
      // As the pages run it: from kubernetes.io, which the lab's offline copy answers.
      expect(lab.sh(`kubectl apply -f https://k8s.io/examples/${file}`)).toMatch(/ created\n$/);
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

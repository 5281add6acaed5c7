import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../sim/api/types';
import { describeObject } from '../../sim/kubectl/printers';
import * as f from './fixtures';
import { expectGolden } from './golden';

const everything: KubeObject[] = [
  f.runningPod, f.crashingPod, f.pendingPod, f.completedPod, f.detailedPod, f.initPod, f.terminatingPod,
  f.node, f.deployment, f.newReplicaSet, f.oldReplicaSet, ...f.webPods, f.service, f.nodePortService, f.endpoints,
  f.configMap, f.secret, f.serviceAccount, f.namespace, f.job, f.completeJob, f.cronJob, f.daemonSet, f.controllerRevision,
  f.endpointSlice, ...f.crashEvents,
];

const ctx = { api: f.fakeApi(everything), now: f.NOW };

function describeIt(obj: KubeObject): string {
  return describeObject(f.typeOf(obj.kind), obj, ctx);
}

describe('kubectl describe', () => {
  const cases: [string, KubeObject][] = [
    ['pod-crashloop', f.crashingPod],
    ['pod-detailed', f.detailedPod],
    ['pod-pending', f.pendingPod],
    ['pod-init', f.initPod],
    ['pod-terminating', f.terminatingPod],
    ['pod-completed', f.completedPod],
    ['node', f.node],
    ['deployment', f.deployment],
    ['replicaset', f.newReplicaSet],
    ['service', f.service],
    ['service-nodeport', f.nodePortService],
    ['endpoints', f.endpoints],
    ['configmap', f.configMap],
    ['secret', f.secret],
    ['serviceaccount', f.serviceAccount],
    ['namespace', f.namespace],
    ['job', f.job],
    ['job-complete', f.completeJob],
    ['cronjob', f.cronJob],
    ['daemonset', f.daemonSet],
    ['event', f.crashEvents[1]],
    ['controllerrevision', f.controllerRevision],
    ['endpointslice', f.endpointSlice],
  ];
  for (const [name, obj] of cases) it(`describes ${name}`, () => expectGolden(`describe-${name}`, describeIt(obj)));

  it('prints the pod layout of the reference, events oldest first with (xN over M)', () => {
    const text = describeIt(f.crashingPod);
    expect(text).toContain('IPs:\n  IP:  10.244.1.5\nContainers:\n  app:\n');
    expect(text).toContain('    State:          Waiting\n      Reason:       CrashLoopBackOff\n    Last State:     Terminated\n      Reason:       Error\n      Exit Code:    1\n');
    expect(text).toContain('Conditions:\n  Type                        Status\n  PodReadyToStartContainers   True \n');
    expect(text).toContain('QoS Class:                   BestEffort\nNode-Selectors:              <none>\nTolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n');
    expect(text).toContain(
      'Events:\n  Type     Reason     Age                From               Message\n  ----     ------     ----               ----               -------\n  Normal   Scheduled  58s                default-scheduler  Successfully assigned default/crash to node01\n',
    );
    expect(text).toContain('  Warning  BackOff    9s (x5 over 55s)   kubelet            Back-off restarting failed container app in pod crash_default(uid-crash)\n');
  });

  it('prints probes, resources and environment sources as kubectl does', () => {
    const text = describeIt(f.detailedPod);
    expect(text).toContain('    Liveness:   exec [cat /tmp/healthy] delay=5s timeout=1s period=5s #success=1 #failure=3\n');
    expect(text).toContain('    Readiness:  http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3\n');
    expect(text).toContain("      LEVEL:        <set to the key 'level' of config map 'settings'>  Optional: false\n");
    expect(text).toContain('    Limits:\n      cpu:     500m\n      memory:  128Mi\n');
    expect(text).toContain('Controlled By:  ReplicaSet/web-7d9f8c6b5\n');
  });

  it('shows `Events:  <none>` aligned with the block before it', () => {
    expect(describeIt(f.serviceAccount)).toBe(
      'Name:                default\nNamespace:           default\nLabels:              <none>\nAnnotations:         <none>\nImage pull secrets:  <none>\nMountable secrets:   <none>\nTokens:              <none>\nEvents:              <none>\n',
    );
  });

  it('prints the deployment summary lines', () => {
    const text = describeIt(f.deployment);
    expect(text).toContain('Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable\n');
    expect(text).toContain('RollingUpdateStrategy:  25% max unavailable, 25% max surge\n');
    expect(text).toContain('OldReplicaSets:  <none>\nNewReplicaSet:   web-7d9f8c6b5 (3/3 replicas created)\n');
  });

  it('prints a namespace with its quota and limit lines', () => {
    expect(describeIt(f.namespace)).toBe('Name:         default\nLabels:       kubernetes.io/metadata.name=default\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n');
  });
});

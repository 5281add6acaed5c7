// What the lab's grader may look at inside the cluster without leaving a trace: a running
// container's environment and files, and what an HTTP request from a Pod or a node gets back.
// Nothing here runs a process, writes a log line or advances the clock, so grading the same
// state twice gives the same answer and the learner never sees the grader's requests.

import type { Cluster } from './cluster';
import type { ContainerInstance } from './runtime/container';
import type { ClusterInspector, ContainerRef, Inspected } from './session-types';

export function inspectCluster(cluster: Cluster): ClusterInspector {
  const runningContainer = (ref: ContainerRef): Inspected<ContainerInstance> => {
    const pod = cluster.api.peek('Pod', ref.namespace, ref.pod);
    if (!pod) return { error: `Pod "${ref.pod}" not found` };
    const names = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c: { name: string }) => c.name);
    const name = ref.container ?? pod.spec?.containers?.[0]?.name;
    if (!names.includes(name)) return { error: `Pod "${ref.pod}" has no container named ${name}; containers: ${names.join(', ')}` };
    const instance = cluster.workerFor(pod)?.records.find((record) => record.spec.name === name)?.instance;
    if (!instance?.running) return { error: `container ${name} of Pod "${ref.pod}" is not running` };
    return { value: instance };
  };

  return {
    containerEnv(ref) {
      const found = runningContainer(ref);
      return 'error' in found ? found : { value: found.value.env };
    },

    containerFile(ref, path) {
      const found = runningContainer(ref);
      if ('error' in found) return found;
      const fs = found.value.fs;
      const stat = fs.stat(path);
      if (!stat) return { error: `${path}: No such file or directory` };
      if (stat.type === 'dir') return { error: `${path}: Is a directory` };
      return { value: fs.readFile(path) };
    },

    httpGet(origin, url) {
      let from;
      if ('node' in origin) {
        const node = cluster.nodes.get(origin.node);
        if (!node) return { error: `node ${origin.node} not found` };
        from = node.nodeNetns;
      } else {
        const pod = cluster.api.peek('Pod', origin.namespace, origin.pod);
        if (!pod) return { error: `Pod "${origin.pod}" not found` };
        from = cluster.workerFor(pod)?.sandbox?.netns;
        if (!from) return { error: `Pod "${origin.pod}" has no network yet` };
      }
      return { value: cluster.network.inspectHttpGet(url, from) };
    },
  };
}

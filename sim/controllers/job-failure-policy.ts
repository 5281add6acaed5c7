// A Job's podFailurePolicy (pkg/controller/job, 1.32): the first rule matching a failed pod, by
// a container's non-zero exit code or by a pod condition, decides whether the failure counts
// toward backoffLimit, is ignored, fails the pod's index, or fails the whole Job.
import type { KubeObject } from '../api/types';

export interface FailurePolicyMatch {
  /** False for an Ignore rule: the failure is not counted and the pod is simply replaced. */
  counts: boolean;
  action?: 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';
  /** With FailJob: the message of the Job's PodFailurePolicy condition. */
  failJobMessage?: string;
}

interface ExitCodeRule {
  containerName?: string;
  operator: 'In' | 'NotIn';
  values: number[];
}

interface Rule {
  action: FailurePolicyMatch['action'];
  onExitCodes?: ExitCodeRule;
  onPodConditions?: { type: string; status?: string }[];
}

interface ContainerStatus {
  name: string;
  state?: { terminated?: { exitCode: number } };
}

function matchingContainer(pod: KubeObject, rule: ExitCodeRule): ContainerStatus | undefined {
  const lists: ContainerStatus[][] = [pod.status?.containerStatuses ?? [], pod.status?.initContainerStatuses ?? []];
  for (const statuses of lists) {
    for (const status of statuses) {
      const exitCode = status.state?.terminated?.exitCode;
      if (exitCode === undefined || exitCode === 0) continue;
      if (rule.containerName && rule.containerName !== status.name) continue;
      const listed = (rule.values ?? []).includes(exitCode);
      if (rule.operator === 'In' ? listed : rule.operator === 'NotIn' ? !listed : false) return status;
    }
  }
  return undefined;
}

function matchingCondition(pod: KubeObject, patterns: { type: string; status?: string }[]): { type: string } | undefined {
  for (const condition of pod.status?.conditions ?? []) {
    // The API server defaults a pattern's status to True.
    if (patterns.some((p) => p.type === condition.type && (p.status ?? 'True') === condition.status)) return condition;
  }
  return undefined;
}

export function matchPodFailurePolicy(policy: { rules?: Rule[] } | undefined, pod: KubeObject): FailurePolicyMatch {
  const where = `${pod.metadata.namespace}/${pod.metadata.name}`;
  for (const [index, rule] of (policy?.rules ?? []).entries()) {
    let failJobMessage: string | undefined;
    if (rule.onExitCodes) {
      const container = matchingContainer(pod, rule.onExitCodes);
      if (!container) continue;
      failJobMessage = `Container ${container.name} for pod ${where} failed with exit code ${container.state!.terminated!.exitCode} matching FailJob rule at index ${index}`;
    } else if (rule.onPodConditions) {
      const condition = matchingCondition(pod, rule.onPodConditions);
      if (!condition) continue;
      failJobMessage = `Pod ${where} has condition ${condition.type} matching FailJob rule at index ${index}`;
    } else {
      continue;
    }
    switch (rule.action) {
      case 'Ignore':
        return { counts: false, action: 'Ignore' };
      case 'FailIndex':
        return { counts: true, action: 'FailIndex' };
      case 'Count':
        return { counts: true, action: 'Count' };
      case 'FailJob':
        return { counts: true, action: 'FailJob', failJobMessage };
    }
  }
  return { counts: true };
}

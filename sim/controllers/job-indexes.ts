// Indexed Jobs (completionMode: Indexed): each pod runs one completion index, carried in an
// annotation and a label, in JOB_COMPLETION_INDEX and in the hostname; the Job records finished
// indexes as intervals ("0-2,4") in status.completedIndexes and status.failedIndexes.
import type { KubeObject, PodTemplateSpec } from '../api/types';
import { deepClone } from '../api/object-utils';

export const completionIndexKey = 'batch.kubernetes.io/job-completion-index';
export const indexFailureCountKey = 'batch.kubernetes.io/job-index-failure-count';
export const indexIgnoredFailureCountKey = 'batch.kubernetes.io/job-index-ignored-failure-count';
const completionIndexEnv = 'JOB_COMPLETION_INDEX';

/** The pod's completion index, or undefined when it has none (or a malformed one). */
export function completionIndexOf(pod: KubeObject): number | undefined {
  const text = pod.metadata.annotations?.[completionIndexKey];
  if (text === undefined || !/^(0|[1-9][0-9]*)$/.test(text)) return undefined;
  return Number(text);
}

/** "0-2,4,6,7" for {0,1,2,4,6,7}: a run of two is written as two indexes, as the job controller does. */
export function formatIntervals(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}${j === i + 1 ? ',' : '-'}${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

export function parseIntervals(text: string | undefined): Set<number> {
  const result = new Set<number>();
  for (const part of (text ?? '').split(',')) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!match) continue;
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    for (let i = first; i <= last && i - first < 100_000; i++) result.add(i);
  }
  return result;
}

/** The Job's pod template for one index: annotation, label, JOB_COMPLETION_INDEX and hostname. */
export function templateForIndex(job: KubeObject, template: PodTemplateSpec, index: number, failureCounts?: { failed: number; ignored: number }): PodTemplateSpec {
  const copy = deepClone(template);
  copy.metadata = { ...(copy.metadata ?? {}) };
  copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), [completionIndexKey]: String(index) };
  if (failureCounts) {
    copy.metadata.annotations[indexFailureCountKey] = String(failureCounts.failed);
    if (failureCounts.ignored > 0) copy.metadata.annotations[indexIgnoredFailureCountKey] = String(failureCounts.ignored);
  }
  copy.metadata.labels = { ...(copy.metadata.labels ?? {}), [completionIndexKey]: String(index) };
  const spec = copy.spec as any;
  // The hostname is NAME-INDEX, cut to a DNS label's 63 characters.
  if (!spec.hostname) spec.hostname = `${job.metadata.name}-${index}`.slice(0, 63);
  for (const container of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    const env = (container.env ??= []) as { name: string }[];
    if (env.some((v) => v.name === completionIndexEnv)) continue;
    env.push({ name: completionIndexEnv, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: `metadata.annotations['${completionIndexKey}']` } } } as never);
  }
  return copy;
}

interface SuccessPolicyRule {
  succeededIndexes?: string;
  succeededCount?: number;
}

/**
 * The Job's successPolicy (Indexed Jobs): the first rule the succeeded indexes meet, as the
 * controller words it ("Matched rules at index 0"), or undefined. A rule with succeededIndexes
 * needs all of them, or succeededCount of them; one with only succeededCount needs that many
 * succeeded indexes in all.
 */
export function matchSuccessPolicy(rules: SuccessPolicyRule[] | undefined, completions: number, succeeded: Set<number>): string | undefined {
  if (!rules || succeeded.size === 0) return undefined;
  for (const [position, rule] of rules.entries()) {
    let met = false;
    if (typeof rule.succeededIndexes === 'string') {
      const required = [...parseIntervals(rule.succeededIndexes)].filter((index) => index < completions);
      if (required.length === 0) continue;
      const contains = required.filter((index) => succeeded.has(index)).length;
      met = contains === required.length || (typeof rule.succeededCount === 'number' && contains >= rule.succeededCount);
    } else if (typeof rule.succeededCount === 'number') {
      met = succeeded.size >= rule.succeededCount;
    }
    if (met) return `Matched rules at index ${position}`;
  }
  return undefined;
}

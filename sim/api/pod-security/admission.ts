// The PodSecurity admission plugin as kube-apiserver 1.32 runs it
// (staging/src/k8s.io/pod-security-admission/admission/admission.go) with kind's configuration:
// every mode defaults to privileged:latest and nothing is exempt. The namespace's
// pod-security.kubernetes.io/* labels choose the levels; a pod that breaks the enforce level is
// refused, one that breaks the warn level gets a warning, and so do workloads whose pod template
// would; changing a namespace's enforce level warns about the pods already there.
import { ApiError, invalidError, type FieldError } from '../errors';
import { invalid } from '../validation/field-error';
import type { KubeObject } from '../types';
import { evaluatePod, forbiddenDetail, forbiddenReason, levelVersionString, type Level, type LevelVersion, type Version } from './policy';

export interface PodSecurityDeps {
  /** The stored objects of a kind (Namespace: all of them; Pod: those of one namespace). */
  list?(kind: string, namespace: string): KubeObject[];
}

/** What the plugin answers: a refusal, or the warnings to send back with the response. */
export interface PodSecurityAnswer {
  error?: ApiError;
  warnings: string[];
}

interface Policy {
  enforce: LevelVersion;
  audit: LevelVersion;
  warn: LevelVersion;
}

const labelPrefix = 'pod-security.kubernetes.io/';
const levels: Level[] = ['privileged', 'baseline', 'restricted'];
const allowedAnswer: PodSecurityAnswer = Object.freeze({ warnings: [] }) as PodSecurityAnswer;

function parseLevel(value: string): Level | undefined {
  return (levels as string[]).includes(value) ? (value as Level) : undefined;
}

function parseVersion(value: string): Version | undefined {
  if (value === 'latest') return 'latest';
  const match = /^v1\.([0-9]|[1-9][0-9]*)$/.exec(value);
  return match ? Number(match[1]) : undefined;
}

/**
 * The policy a namespace's labels ask for (PolicyToEvaluate): privileged:latest where unset; a bad
 * enforce level enforces restricted, a bad audit or warn level fails open, a bad version is latest.
 */
function policyOf(labels: Record<string, string> | undefined): { policy: Policy; errors: FieldError[] } {
  const policy: Policy = {
    enforce: { level: 'privileged', version: 'latest' },
    audit: { level: 'privileged', version: 'latest' },
    warn: { level: 'privileged', version: 'latest' },
  };
  const errors: FieldError[] = [];
  for (const mode of ['enforce', 'audit', 'warn'] as const) {
    const levelLabel = `${labelPrefix}${mode}`;
    const level = labels?.[levelLabel];
    if (level !== undefined) {
      const parsed = parseLevel(level);
      if (!parsed) errors.push(invalid(`metadata.labels[${levelLabel}]`, level, `must be one of ${levels.join(', ')}`));
      policy[mode].level = parsed ?? (mode === 'enforce' ? 'restricted' : 'privileged');
    }
    const versionLabel = `${labelPrefix}${mode}-version`;
    const version = labels?.[versionLabel];
    if (version !== undefined) {
      const parsed = parseVersion(version);
      if (parsed === undefined) errors.push(invalid(`metadata.labels[${versionLabel}]`, version, 'must be "latest" or "v1.x"'));
      policy[mode].version = parsed ?? 'latest';
    }
  }
  return { policy, errors };
}

function sameLevelVersion(a: LevelVersion, b: LevelVersion): boolean {
  return a.level === b.level && a.version === b.version;
}

const strictness: Record<Level, number> = { privileged: 0, baseline: 1, restricted: 2 };

/** The pod template of a workload (PodSpecExtractor), or undefined when it has none. */
function podTemplateOf(obj: KubeObject): { metadata: KubeObject['metadata']; spec: Record<string, unknown> } | undefined {
  const spec = obj.spec as Record<string, any> | undefined;
  let template: any;
  switch (obj.kind) {
    case 'PodTemplate':
      template = (obj as Record<string, any>).template;
      break;
    case 'ReplicationController':
    case 'ReplicaSet':
    case 'Deployment':
    case 'DaemonSet':
    case 'StatefulSet':
    case 'Job':
      template = spec?.template;
      break;
    case 'CronJob':
      template = spec?.jobTemplate?.spec?.template;
      break;
    default:
      return undefined;
  }
  if (!template || typeof template !== 'object') return undefined;
  return { metadata: template.metadata ?? {}, spec: template.spec ?? {} };
}

function namespacePolicy(namespace: string, deps: PodSecurityDeps): { policy: Policy; errors: FieldError[] } | undefined {
  const found = deps.list?.('Namespace', namespace)?.find((ns) => ns.metadata.name === namespace);
  return found ? policyOf(found.metadata.labels) : undefined;
}

function fullyPrivileged(policy: Policy): boolean {
  return policy.enforce.level === 'privileged' && policy.audit.level === 'privileged' && policy.warn.level === 'privileged';
}

/** EvaluatePod: the enforce level refuses (pods only); otherwise the warn level may warn. */
function evaluate(policy: Policy, metadata: KubeObject['metadata'], spec: Record<string, unknown>, name: string, enforce: boolean): PodSecurityAnswer {
  const podMetadata = { annotations: metadata?.annotations };
  let enforced: ReturnType<typeof evaluatePod> | undefined;
  if (enforce) {
    enforced = evaluatePod(policy.enforce, podMetadata, spec);
    if (enforced.length > 0) {
      return { error: new ApiError('Forbidden', `pods ${JSON.stringify(name)} is forbidden: violates PodSecurity ${JSON.stringify(levelVersionString(policy.enforce))}: ${forbiddenDetail(enforced)}`), warnings: [] };
    }
  }
  const failed = enforced && sameLevelVersion(policy.warn, policy.enforce) ? enforced : evaluatePod(policy.warn, podMetadata, spec);
  if (failed.length === 0) return allowedAnswer;
  return { warnings: [`would violate PodSecurity ${JSON.stringify(levelVersionString(policy.warn))}: ${forbiddenDetail(failed)}`] };
}

function validatePod(pod: KubeObject, old: KubeObject | undefined, deps: PodSecurityDeps): PodSecurityAnswer {
  const found = namespacePolicy(pod.metadata.namespace ?? 'default', deps);
  if (!found || (found.errors.length === 0 && fullyPrivileged(found.policy))) return allowedAnswer;
  if (old && !isSignificantPodUpdate(pod, old)) return allowedAnswer;
  return evaluate(found.policy, pod.metadata, (pod.spec ?? {}) as Record<string, unknown>, pod.metadata.name ?? '', true);
}

function validatePodController(obj: KubeObject, deps: PodSecurityDeps): PodSecurityAnswer {
  const template = podTemplateOf(obj);
  if (!template) return allowedAnswer;
  const found = namespacePolicy(obj.metadata.namespace ?? 'default', deps);
  if (!found) return allowedAnswer;
  const { policy, errors } = found;
  if (errors.length === 0 && policy.warn.level === 'privileged' && policy.audit.level === 'privileged') return allowedAnswer;
  return evaluate(policy, template.metadata, template.spec, obj.metadata.name ?? '', false);
}

function validateNamespace(namespace: KubeObject, old: KubeObject | undefined, deps: PodSecurityDeps): PodSecurityAnswer {
  const name = namespace.metadata.name ?? '';
  const next = policyOf(namespace.metadata.labels);
  if (!old) return next.errors.length > 0 ? { error: invalidError('Namespace', name, next.errors), warnings: [] } : allowedAnswer;
  const before = policyOf(old.metadata.labels);
  // Labels that were already invalid the same way do not block other changes.
  if (next.errors.length > 0 && (before.errors.length === 0 || next.errors.map((e) => e.text).join('\n') !== before.errors.map((e) => e.text).join('\n'))) {
    return { error: invalidError('Namespace', name, next.errors), warnings: [] };
  }
  const enforce = next.policy.enforce;
  const previous = before.policy.enforce;
  if (sameLevelVersion(enforce, previous) || enforce.level === 'privileged') return allowedAnswer;
  if (enforce.version === previous.version && strictness[enforce.level] <= strictness[previous.level]) return allowedAnswer;
  return { warnings: podsInNamespaceWarnings(name, enforce, deps.list?.('Pod', name) ?? []) };
}

/**
 * EvaluatePodsInNamespace: one warning naming the new level, then one per distinct set of
 * failed checks, led by the first pod's name (by name) and how many others share it.
 */
function podsInNamespaceWarnings(namespace: string, enforce: LevelVersion, pods: KubeObject[]): string[] {
  const byReason = new Map<string, { podName: string; count: number }>();
  for (const pod of pods) {
    const failed = evaluatePod(enforce, { annotations: pod.metadata.annotations }, (pod.spec ?? {}) as Record<string, unknown>);
    if (failed.length === 0) continue;
    const reason = forbiddenReason(failed);
    const name = pod.metadata.name ?? '';
    const seen = byReason.get(reason);
    if (!seen) byReason.set(reason, { podName: name, count: 1 });
    else {
      seen.count += 1;
      if (name < seen.podName) seen.podName = name;
    }
  }
  if (byReason.size === 0) return [];
  const perPod = [...byReason].map(([reason, { podName, count }]) => {
    if (count === 1) return `${podName}: ${reason}`;
    return `${podName} (and ${count - 1} other ${count === 2 ? 'pod' : 'pods'}): ${reason}`;
  });
  perPod.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [`existing pods in namespace ${JSON.stringify(namespace)} violate the new PodSecurity enforce level ${JSON.stringify(levelVersionString(enforce))}`, ...perPod];
}

/** Only a change of images, of the number of containers, or of seccomp annotations, or a new ephemeral container is checked again. */
function isSignificantPodUpdate(pod: KubeObject, old: KubeObject): boolean {
  const annotations = pod.metadata.annotations ?? {};
  const oldAnnotations = old.metadata.annotations ?? {};
  const containers = (obj: KubeObject, field: string) => ((obj.spec as Record<string, unknown> | undefined)?.[field] ?? []) as Record<string, unknown>[];
  const significant = (container: Record<string, unknown>, before: Record<string, unknown>) => {
    if (container.image !== before.image) return true;
    const key = `container.seccomp.security.alpha.kubernetes.io/${String(container.name)}`;
    return annotations[key] !== oldAnnotations[key];
  };
  for (const field of ['containers', 'initContainers']) {
    const now = containers(pod, field);
    const then = containers(old, field);
    if (now.length !== then.length) return true;
    if (now.some((container, index) => significant(container, then[index]))) return true;
  }
  const oldEphemeral = containers(old, 'ephemeralContainers');
  return containers(pod, 'ephemeralContainers').some((container) => {
    const before = oldEphemeral.find((candidate) => candidate.name === container.name);
    return !before || significant(container, before);
  });
}

/** The plugin on a create: namespaces' labels, pods, and the workloads that carry a pod template. */
export function podSecurityOnCreate(obj: KubeObject, deps: PodSecurityDeps): PodSecurityAnswer {
  if (obj.kind === 'Namespace') return validateNamespace(obj, undefined, deps);
  if (obj.kind === 'Pod') return validatePod(obj, undefined, deps);
  return validatePodController(obj, deps);
}

/** The plugin on an update of the main resource (status and the other ignored subresources never reach it). */
export function podSecurityOnUpdate(obj: KubeObject, old: KubeObject, deps: PodSecurityDeps): PodSecurityAnswer {
  if (obj.kind === 'Namespace') return validateNamespace(obj, old, deps);
  if (obj.kind === 'Pod') return validatePod(obj, old, deps);
  return validatePodController(obj, deps);
}

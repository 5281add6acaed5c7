// The review resources kubectl asks about the caller: `kubectl auth can-i` (SelfSubjectAccessReview),
// `kubectl auth can-i --list` (SelfSubjectRulesReview) and `kubectl auth whoami` (SelfSubjectReview).
// The lab's cluster has one user, the learner with the run's token, who may do everything, as a
// cluster admin may.
import type { ResourceType } from '../sim/api/resources';
import { learnerRules, learnerUser } from '../sim/api/learner-access';

export const reviewTypes: readonly ResourceType[] = [
  { plural: 'selfsubjectreviews', singular: 'selfsubjectreview', kind: 'SelfSubjectReview', group: 'authentication.k8s.io', version: 'v1', namespaced: false, shortNames: [], verbs: ['create'] },
  { plural: 'selfsubjectaccessreviews', singular: 'selfsubjectaccessreview', kind: 'SelfSubjectAccessReview', group: 'authorization.k8s.io', version: 'v1', namespaced: false, shortNames: [], verbs: ['create'] },
  { plural: 'selfsubjectrulesreviews', singular: 'selfsubjectrulesreview', kind: 'SelfSubjectRulesReview', group: 'authorization.k8s.io', version: 'v1', namespaced: false, shortNames: [], verbs: ['create'] },
];

/** The answer to a review, or undefined when `kind` is not a review. */
export function answerReview(kind: string, body: Record<string, unknown>): unknown {
  const base = { apiVersion: '', kind, metadata: { creationTimestamp: null }, spec: body.spec ?? {} };
  if (kind === 'SelfSubjectReview') {
    return { ...base, apiVersion: 'authentication.k8s.io/v1', status: { userInfo: learnerUser } };
  }
  if (kind === 'SelfSubjectAccessReview') {
    return { ...base, apiVersion: 'authorization.k8s.io/v1', status: { allowed: true, reason: 'the learner may do everything in the lab cluster' } };
  }
  if (kind === 'SelfSubjectRulesReview') {
    return { ...base, apiVersion: 'authorization.k8s.io/v1', status: learnerRules };
  }
  return undefined;
}

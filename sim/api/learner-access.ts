// What the lab's one user may do. The learner belongs to system:masters, so RBAC on a 1.32
// cluster grants the rules of the bootstrap cluster roles bound to its groups: cluster-admin,
// and system:basic-user, system:discovery and system:public-info-viewer, which every
// authenticated user has, in that order. The served API answers SelfSubjectRulesReview with
// them, and the lab's `kubectl auth can-i --list` prints them.

export interface ResourceRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames?: string[];
}

export interface NonResourceRule {
  verbs: string[];
  nonResourceURLs: string[];
}

export interface SubjectRules {
  resourceRules: ResourceRule[];
  nonResourceRules: NonResourceRule[];
  incomplete: boolean;
}

export const learnerRules: SubjectRules = {
  resourceRules: [
    { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
    { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] },
    { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
  ],
  nonResourceRules: [
    { verbs: ['*'], nonResourceURLs: ['*'] },
    { verbs: ['get'], nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'] },
    { verbs: ['get'], nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'] },
  ],
  incomplete: false,
};

export const learnerUser = { username: 'podlab-learner', groups: ['system:masters', 'system:authenticated'] };

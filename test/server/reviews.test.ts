// `kubectl auth can-i --list`: the served API answers a SelfSubjectRulesReview with what RBAC gives
// a cluster admin on a 1.32 cluster, so the real kubectl prints the table it prints there.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../sim/session';
import { KubeApiServer } from '../../server/kube-api-server';
import { kubeconfigText } from '../../server/kubeconfig';
import { call } from './client';
import { realKubectl, realKubectlInstalled } from './oracle';

let server: KubeApiServer;
let dir: string;

beforeAll(async () => {
  server = new KubeApiServer({ session: createSession({ seed: 1 }) });
  await server.listen();
  dir = mkdtempSync(join(tmpdir(), 'podlab-reviews-'));
  writeFileSync(join(dir, 'kubeconfig'), kubeconfigText(server.url, server.certificate, server.token));
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SelfSubjectRulesReview', () => {
  it('lists the rules of cluster-admin and of the roles every authenticated user has', async () => {
    const answer = await call(server, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', {
      body: JSON.stringify({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'default' } }),
    });
    expect(answer.status).toBe(201);
    const review = answer.json();
    expect(review.spec).toEqual({ namespace: 'default' });
    expect(review.status.incomplete).toBe(false);
    expect(review.status.resourceRules[0]).toEqual({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
    expect(review.status.nonResourceRules[0]).toEqual({ verbs: ['*'], nonResourceURLs: ['*'] });
  });
});

describe.runIf(realKubectlInstalled())('kubectl auth can-i --list (the real kubectl 1.32)', () => {
  it('prints the table a cluster admin sees', async () => {
    const printed = await new Promise<string>((resolve, reject) => {
      execFile(realKubectl, ['auth', 'can-i', '--list'], { env: { PATH: '/usr/bin:/bin', HOME: dir, KUBECONFIG: join(dir, 'kubeconfig') }, timeout: 30_000 }, (error, stdout, stderr) =>
        error ? reject(new Error(stderr)) : resolve(stdout),
      );
    });
    expect(printed).toBe(readFileSync(join(__dirname, '..', 'golden-files', 'server', 'auth-can-i-list.golden'), 'utf8'));
  });
});

describe.skipIf(realKubectlInstalled())('kubectl auth can-i --list', () => {
  it('skipped: /usr/bin/kubectl not installed', () => {
    console.log('skipped: /usr/bin/kubectl not installed');
  });
});

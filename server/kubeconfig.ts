// The kubeconfig `podlab serve` writes: one cluster on loopback whose certificate authority is the
// server's own self-signed certificate, one user holding this run's bearer token, one context
// `podlab`. Written with mode 0600. (kubectl sends a token only over https.)
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function kubeconfigText(server: string, certificate: string, token: string, context = 'podlab'): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- cluster:',
    `    certificate-authority-data: ${Buffer.from(certificate).toString('base64')}`,
    `    server: ${server}`,
    `  name: ${context}`,
    'contexts:',
    '- context:',
    `    cluster: ${context}`,
    '    namespace: default',
    `    user: ${context}`,
    `  name: ${context}`,
    `current-context: ${context}`,
    'preferences: {}',
    'users:',
    `- name: ${context}`,
    '  user:',
    `    token: ${token}`,
    '',
  ].join('\n');
}

export function writeKubeconfig(path: string, server: string, certificate: string, token: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, kubeconfigText(server, certificate, token), { mode: 0o600 });
  renameSync(temp, path);
}

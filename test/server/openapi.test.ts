// The OpenAPI documents kubectl 1.32 reads: v3 per group version (explain, and whether the server
// validates fields itself), and v2 as protobuf (`explain --output=plaintext-openapiv2`).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
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
  server = new KubeApiServer({ session: createSession({ seed: 2 }) });
  await server.listen();
  dir = mkdtempSync(join(tmpdir(), 'podlab-openapi-'));
  writeFileSync(join(dir, 'kubeconfig'), kubeconfigText(server.url, server.certificate, server.token));
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The answer's bytes, for the protobuf document. */
function fetchBytes(path: string, accept: string): Promise<{ status: number; type: string; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, server.url), { ca: server.certificate, headers: { authorization: `Bearer ${server.token}`, accept } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), bytes: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('OpenAPI v2', () => {
  it('serves Swagger 2.0 as JSON with each served kind found by its group, version and kind', async () => {
    const document = (await call(server, 'GET', '/openapi/v2')).json();
    expect(document.swagger).toBe('2.0');
    const deployment = document.definitions['io.k8s.podlab.Deployment'];
    expect(deployment['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    expect(deployment.properties.spec).toMatchObject({ $ref: '#/definitions/io.k8s.podlab.DeploymentSpec' });
    const patch = document.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    expect(patch.parameters.map((p: { name: string }) => p.name)).toContain('fieldValidation');
  });

  it('serves it as protobuf when asked as kubectl asks', async () => {
    const answer = await fetchBytes('/openapi/v2', 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf');
    expect(answer.status).toBe(200);
    expect(answer.type).toBe('application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
    // Field 1 (swagger), length 3, "2.0".
    expect([...answer.bytes.subarray(0, 5)]).toEqual([0x0a, 3, ...Buffer.from('2.0')]);
    expect(answer.bytes.includes(Buffer.from('io.k8s.podlab.Deployment'))).toBe(true);
  });
});

describe.runIf(realKubectlInstalled())('the real kubectl 1.32 reads the OpenAPI documents', () => {
  // Asynchronous: the server answers from this same process.
  const kubectl = (...args: string[]) =>
    new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve) => {
      const child = spawn(realKubectl, args, { env: { PATH: process.env.PATH ?? '', HOME: dir, KUBECONFIG: join(dir, 'kubeconfig') }, timeout: 20_000 });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ stdout, stderr, code }));
    });

  it('explains a field from v3, with the held type after the field', async () => {
    const { stdout, code } = await kubectl('explain', 'deployment.spec.strategy');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: strategy <DeploymentStrategy>\n\n\nDESCRIPTION:\n/);
    expect(stdout).toContain('FIELDS:\n  rollingUpdate\t<RollingUpdateDeployment>\n');
  });

  it('explains a kind from v2 (protobuf)', async () => {
    const { stdout, stderr, code } = await kubectl('explain', 'deployment.spec.strategy', '--output=plaintext-openapiv2');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^KIND:     Deployment\nVERSION:  apps\/v1\n\nRESOURCE: strategy <Object>\n\nDESCRIPTION:\n/);
    expect(stdout).toContain('FIELDS:\n   rollingUpdate\t<Object>\n');
  });

  it('lets the server reject unknown fields for apply --validate=strict', async () => {
    writeFileSync(
      join(dir, 'bad.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers:\n  - name: app\n    image: nginx\n    foo: bar\n',
    );
    const { stderr, code } = await kubectl('apply', '--validate=strict', '-f', join(dir, 'bad.yaml'));
    expect(code).toBe(1);
    expect(stderr).toBe(`Error from server (BadRequest): error when creating "${join(dir, 'bad.yaml')}": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].foo"\n`);
  });
});

describe.skipIf(realKubectlInstalled())('the real kubectl reads the OpenAPI documents', () => {
  it('skipped: /usr/bin/kubectl not installed', () => {
    console.log('skipped: /usr/bin/kubectl not installed');
  });
});

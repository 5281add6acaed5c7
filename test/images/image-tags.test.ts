// Image tags are the registries' real ones: a tag that exists pulls, one that does not fails the
// way containerd reports it, and every image the course uses exists.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog, findImage, parseImageReference } from '../../sim/runtime/images/catalog';
import { imageTags } from '../../sim/runtime/images/tags';
import { labShell } from '../support/lab-shell';

function pulls(reference: string): boolean | string {
  const parsed = parseImageReference(reference);
  if ('error' in parsed) return parsed.error;
  const found = findImage(parsed);
  return 'error' in found ? found.error : true;
}

describe('image tags', () => {
  it('every image of the catalog has its tag list', () => {
    for (const image of catalog) expect(imageTags[image.repository], image.repository).toBeDefined();
  });

  it.each([
    'nginx', 'nginx:1.27', 'nginx:1.27.3', 'nginx:1.14.2', 'nginx:1.16.1', 'nginx:1.29', 'nginx:stable', 'nginx:mainline',
    'nginx:alpine', 'nginx:1.27-alpine', 'nginx:1.26.2-alpine-slim', 'nginx:1.27-bookworm', 'docker.io/library/nginx:1.25',
    'busybox:1.28', 'busybox:1.36', 'busybox:1.36.1-musl', 'busybox:stable', 'registry.k8s.io/busybox:1.27.2', 'registry.k8s.io/busybox',
    'alpine:3.21', 'alpine:latest', 'debian:bookworm-slim', 'debian:12', 'ubuntu:24.04', 'redis:5', 'redis:7.4', 'perl:5.34.0',
    'docker.io/library/bash:5', 'python:3.13-slim', 'registry.k8s.io/e2e-test-images/agnhost:2.40', 'registry.k8s.io/pause:3.6',
    'k8s.gcr.io/busybox', 'gcr.io/google-samples/hello-app:2.0', 'docker.io/nginx:1.27', 'index.docker.io/library/nginx:1.27',
  ])('%s exists', (reference) => {
    expect(pulls(reference)).toBe(true);
  });

  it.each(['nginx:1.277', 'nginx:1.30.99', 'nginx:1.13.99', 'busybox:1.99', 'alpine:3.99', 'redis:7.9', 'debian:12.3', 'ubuntu:23.42', 'registry.k8s.io/pause:3.77'])(
    '%s is not found',
    (reference) => {
      const name = (parseImageReference(reference) as { fullName: string }).fullName;
      expect(pulls(reference)).toBe(`failed to pull and unpack image "${name}": failed to resolve reference "${name}": ${name}: not found`);
    },
  );

  it('an unknown repository is refused as the registry refuses it', () => {
    expect(pulls('ngnix:1.27')).toBe(
      'failed to pull and unpack image "docker.io/library/ngnix:1.27": failed to resolve reference "docker.io/library/ngnix:1.27": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    );
  });

  it('a pod with a tag that does not exist backs off pulling it', () => {
    const lab = labShell();
    lab.sh('kubectl run typo --image=nginx:1.277');
    lab.wait(30);
    expect(lab.sh('kubectl get pod typo')).toMatch(/typo\s+0\/1\s+(ErrImagePull|ImagePullBackOff)/);
    expect(lab.sh('kubectl describe pod typo')).toContain(
      'Failed to pull image "nginx:1.277": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.277": failed to resolve reference "docker.io/library/nginx:1.277": docker.io/library/nginx:1.277: not found',
    );
  });
});

/** Every image reference in the course: `image:` fields, `--image=`, and `kubectl set image c=ref`. */
function courseImageReferences(): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ya?ml|md)$/.test(name)) {
        const text = readFileSync(path, 'utf8');
        const patterns = [/image:\s*["']?([\w./:@-]+)/g, /--image[= ]["']?([\w./:@-]+)/g, /set image \S+ [\w-]+=([\w./:@-]+)/g];
        for (const pattern of patterns) for (const match of text.matchAll(pattern)) if (!found.has(match[1])) found.set(match[1], path);
      }
    }
  };
  walk(join(__dirname, '../../lessons'));
  return found;
}

describe('the course', () => {
  // The references that are wrong on purpose: the lessons teach what their failures look like, and
  // the mistakes a learner makes with tags (a patch release that does not exist) must fail.
  const deliberatelyMissing = ['nginx:1.277', 'ngnix:1.27', 'nginx:1.27.99', 'busybox:1.63'];

  it('uses only images and tags that exist, besides its deliberate mistakes', () => {
    const missing = [...courseImageReferences()]
      .filter(([reference]) => reference !== 'IMAGE' && !deliberatelyMissing.includes(reference) && pulls(reference) !== true)
      .map(([reference, file]) => `${reference} (${file})`);
    expect(missing).toEqual([]);
  });

  it.each(deliberatelyMissing)('%s fails to pull', (reference) => {
    expect(pulls(reference)).not.toBe(true);
  });
});

// The lab's offline copy of kubernetes.io's example manifests (examples/kubernetes.io, packed by
// scripts/pack-kubernetes-examples.mjs), so the pages' own `kubectl apply -f
// https://k8s.io/examples/pods/simple-pod.yaml` works without the internet.

import packed from './examples.json';

const examples: Record<string, string> = packed;

/** The example's path under content/en/examples, from the addresses the docs use for it. */
function examplePath(url: string): string | undefined {
  const match =
    /^https?:\/\/(?:k8s\.io|(?:www\.)?kubernetes\.io)\/examples\/([^?#]+)/.exec(url) ??
    /^https?:\/\/raw\.githubusercontent\.com\/kubernetes\/website\/[^/]+\/content\/en\/examples\/([^?#]+)/.exec(url);
  return match?.[1];
}

/** The manifest at a kubernetes.io example address, or undefined when the offline copy lacks it. */
export function kubernetesExample(url: string): string | undefined {
  const path = examplePath(url);
  return path === undefined ? undefined : exampleAtPath(path);
}

/** The example at its path under content/en/examples (`pods/simple-pod.yaml`). */
export function exampleAtPath(path: string): string | undefined {
  return Object.hasOwn(examples, path) ? examples[path] : undefined;
}

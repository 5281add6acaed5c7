// A build failure, in kustomize's words; each kubectl command frames it its own way
// (`kubectl kustomize` as a klog line, `apply -k` after `error: `).

export class KustomizeError extends Error {
  /** The warnings kustomize printed before it failed (deprecated fields of the files it read). */
  warnings: string[] = [];

  constructor(message: string) {
    super(message);
    this.name = 'KustomizeError';
  }
}

// The images a node's container runtime has pulled, and how long a pull takes.

import type { Random } from '../engine-context';

/** Images every node has from the start (the cluster was set up with them). */
const preloadedImages = ['registry.k8s.io/pause:3.10', 'registry.k8s.io/kube-proxy:v1.32.4'];

export class ImageStore {
  private readonly present = new Set<string>(preloadedImages);

  constructor(private readonly random: Random) {}

  has(fullName: string): boolean {
    return this.present.has(fullName);
  }

  add(fullName: string): void {
    this.present.add(fullName);
  }

  list(): string[] {
    return [...this.present].sort();
  }

  /** A pull takes time by size (about 40 MB/s here), with a little jitter; cached layers are quick. */
  pullDuration(fullName: string, sizeBytes: number): number {
    const base = this.present.has(fullName) ? 300 : 400 + (sizeBytes / 40_000_000) * 1000;
    return Math.round(base * (0.9 + this.random.next() * 0.2));
  }
}

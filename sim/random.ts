// The seeded random source: the only randomness in the simulation, so a seed and the learner's
// inputs replay to the same cluster (names, IPs, IDs).

import type { Random } from './engine-context';

/** apimachinery's util/rand alphabet: no vowels, no confusable characters. */
const safeAlphabet = 'bcdfghjklmnpqrstvwxz2456789';
const hexDigits = '0123456789abcdef';

/** mulberry32: small, fast and good enough for names and jitter. */
export class SeededRandom implements Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  suffix(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += safeAlphabet[this.int(safeAlphabet.length)];
    return out;
  }

  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += hexDigits[this.int(16)];
    return out;
  }
}

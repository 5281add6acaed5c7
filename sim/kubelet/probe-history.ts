// The last results of a container's probes, for the cluster view's probe timeline and the node
// shell. A ring of fixed size: a probe every few seconds for hours must not grow without end, and
// keeping the newest results should not cost an allocation or a copy per attempt. The times and
// kinds are kept in typed arrays, so recording an attempt writes a few adjacent numbers instead
// of reaching for one of hundreds of objects scattered over the heap.

/** One probe attempt, as the cluster view's timeline shows it. */
export interface ProbeRecord {
  time: number;
  probe: 'liveness' | 'readiness' | 'startup';
  result: 'success' | 'failure' | 'error';
  message: string;
}

const probeKinds: readonly ProbeRecord['probe'][] = ['liveness', 'readiness', 'startup'];
const results: readonly ProbeRecord['result'][] = ['success', 'failure', 'error'];

export class ProbeHistory {
  private times?: Float64Array;
  /** The probe's kind and result in one number: kind × 3 + result. */
  private outcomes?: Uint8Array;
  private messages: string[] = [];
  private count = 0;
  /** Where the next record goes once the ring is full (the oldest one). */
  private oldest = 0;

  constructor(private readonly capacity: number) {}

  add(time: number, probe: ProbeRecord['probe'], result: ProbeRecord['result'], message: string): void {
    if (!this.times) {
      this.times = new Float64Array(this.capacity);
      this.outcomes = new Uint8Array(this.capacity);
    }
    let at: number;
    if (this.count < this.capacity) {
      at = this.count++;
    } else {
      at = this.oldest;
      this.oldest = (this.oldest + 1) % this.capacity;
    }
    this.times[at] = time;
    this.outcomes![at] = probeKinds.indexOf(probe) * 3 + results.indexOf(result);
    this.messages[at] = message;
  }

  get size(): number {
    return this.count;
  }

  /** The records, oldest first. */
  toArray(): ProbeRecord[] {
    const records: ProbeRecord[] = [];
    for (let i = 0; i < this.count; i++) {
      const at = (this.oldest + i) % this.capacity;
      const outcome = this.outcomes![at];
      records.push({ time: this.times![at], probe: probeKinds[Math.floor(outcome / 3)], result: results[outcome % 3], message: this.messages[at] });
    }
    return records;
  }
}

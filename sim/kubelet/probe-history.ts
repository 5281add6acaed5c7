// The last results of a container's probes, for the cluster view's probe timeline and the node
// shell. A ring of fixed size: a probe every few seconds for hours must not grow without end, and
// keeping the newest results should not cost an allocation or a copy per attempt.

/** One probe attempt, as the cluster view's timeline shows it. */
export interface ProbeRecord {
  time: number;
  probe: 'liveness' | 'readiness' | 'startup';
  result: 'success' | 'failure' | 'error';
  message: string;
}

export class ProbeHistory {
  private readonly slots: ProbeRecord[] = [];
  /** Where the next record goes once the ring is full (the oldest one). */
  private oldest = 0;

  constructor(private readonly capacity: number) {}

  add(time: number, probe: ProbeRecord['probe'], result: ProbeRecord['result'], message: string): void {
    if (this.slots.length < this.capacity) {
      this.slots.push({ time, probe, result, message });
      return;
    }
    const slot = this.slots[this.oldest];
    slot.time = time;
    slot.probe = probe;
    slot.result = result;
    slot.message = message;
    this.oldest = (this.oldest + 1) % this.capacity;
  }

  get size(): number {
    return this.slots.length;
  }

  /** Copies of the records, oldest first. */
  toArray(): ProbeRecord[] {
    const ordered = [...this.slots.slice(this.oldest), ...this.slots.slice(0, this.oldest)];
    return ordered.map((record) => ({ ...record }));
  }
}

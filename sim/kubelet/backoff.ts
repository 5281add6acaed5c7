// client-go's flowcontrol.Backoff as the kubelet uses it for crashing containers and image pulls:
// 10 s doubling to 5 min, keyed per container (or image), forgotten after 2 × max without trouble.

export const initialBackoffMs = 10_000;
export const maxBackoffMs = 300_000;

interface Entry {
  backoffMs: number;
  lastUpdate: number;
}

export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly initialMs = initialBackoffMs,
    private readonly maxMs = maxBackoffMs,
  ) {}

  /** True while `now` is within the back-off window that started at `eventTime`. */
  isInBackOffSince(key: string, eventTime: number, now: number): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    if (this.hasExpired(eventTime, entry.lastUpdate)) return false;
    return now - eventTime < entry.backoffMs;
  }

  /** Records another failure at `now` (the next window doubles, or starts over when expired). */
  next(key: string, eventTime: number, now: number): void {
    const entry = this.entries.get(key);
    if (!entry || this.hasExpired(eventTime, entry.lastUpdate)) {
      this.entries.set(key, { backoffMs: this.initialMs, lastUpdate: now });
    } else {
      entry.backoffMs = Math.min(entry.backoffMs * 2, this.maxMs);
      entry.lastUpdate = now;
    }
  }

  /** The current window length (the `back-off 40s` in the waiting message). */
  current(key: string): number {
    return this.entries.get(key)?.backoffMs ?? this.initialMs;
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  private hasExpired(eventTime: number, lastUpdate: number): boolean {
    return eventTime - lastUpdate > this.maxMs * 2;
  }
}

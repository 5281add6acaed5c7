// Time limits of commands that wait or stream (`get -w`, `logs -f`, `delete --wait`).

import { parseGoDuration } from '../flags';
import type { Invocation } from '../command';

/** Streaming commands in scripts stop after this much virtual time unless --request-timeout says otherwise. */
export const scriptStreamTimeoutMs = 30_000;

/** 0 = no limit. */
export function requestTimeoutMs(inv: Invocation): number {
  const text = inv.flags.string('request-timeout');
  const given = /^\d+$/.test(text) ? Number(text) * 1000 : parseGoDuration(text) ?? 0;
  if (given > 0) return given;
  return inv.deps.scriptMode() ? scriptStreamTimeoutMs : 0;
}

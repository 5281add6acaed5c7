// Time limits of commands that wait or stream (`get -w`, `logs -f`, `delete --wait`), and how a
// stream that cannot start (exec, attach) fails.

import { parseGoDuration } from '../flags';
import type { Invocation } from '../command';
import { isApiError } from '../../api/errors';
import { plainError } from '../errors';

/** Streaming commands in scripts stop after this much virtual time unless --request-timeout says otherwise. */
export const scriptStreamTimeoutMs = 30_000;

/** 0 = no limit. */
export function requestTimeoutMs(inv: Invocation): number {
  const text = inv.flags.string('request-timeout');
  const given = /^\d+$/.test(text) ? Number(text) * 1000 : parseGoDuration(text) ?? 0;
  if (given > 0) return given;
  return inv.deps.scriptMode() ? scriptStreamTimeoutMs : 0;
}

/**
 * Opens an exec or attach stream. Its failure is not a Status kubectl prints as `Error from server`:
 * the stream's error is printed as it is, after `error: `.
 */
export function openStream<T>(open: () => T): T {
  try {
    return open();
  } catch (error) {
    if (isApiError(error)) throw plainError(error.message);
    throw error;
  }
}

// Small pieces shared by the simulated images' programs.
import type { CommandContext, Program } from '../../process';

export const MiB = 1024 * 1024;

/** Waits until killed. */
export function* forever(): Program {
  for (;;) yield { kind: 'sleep', until: Infinity };
}

export function* sleepFor(ctx: CommandContext, ms: number): Generator<{ kind: 'sleep'; until: number }, void, unknown> {
  yield { kind: 'sleep', until: ctx.now() + ms };
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2026/01/15 09:00:00` (nginx error log). */
export function slashTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `15/Jan/2026:09:00:00 +0000` (access logs). */
export function accessLogTime(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second === lastAccessLogTime.second) return lastAccessLogTime.text;
  const d = new Date(second * 1000);
  const text = `${pad(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
  lastAccessLogTime.second = second;
  lastAccessLogTime.text = text;
  return text;
}

/** Servers log many requests within one virtual second: the last one formatted. */
const lastAccessLogTime = { second: NaN, text: '' };

/** `I0115 09:00:00.000000       1 main.go:26] ` (klog header). */
export function klogPrefix(ms: number, level = 'I', file = 'main.go:26'): string {
  const d = new Date(ms);
  const micros = pad(d.getUTCMilliseconds() * 1000, 6);
  return `${level}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${micros}       1 ${file}] `;
}

/** `2026-01-15T09:00:00.000Z` */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Parses stress-style sizes: `150M`, `1G`, `256m`, `64Mi`, plain bytes. */
export function parseSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([bkmgtBKMGT]?)(i?)[bB]?$/.exec(text.trim());
  if (!match) return undefined;
  const unit = { '': 1, b: 1, k: 1024, m: MiB, g: 1024 * MiB, t: 1024 * 1024 * MiB }[match[2].toLowerCase()] ?? 1;
  return Math.floor(Number(match[1]) * unit);
}

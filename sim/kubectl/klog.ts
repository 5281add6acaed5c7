// klog's line header, as kubectl writes warnings and fatal errors to stderr.

/** The process id klog prints in its lines; fixed so output is reproducible. */
const KLOG_PID = 4242;

/** `E0115 09:00:12.000000    4242`: klog's header, from the virtual clock. */
export function klogPrefix(now: number, severity: 'E' | 'W' | 'I' = 'E'): string {
  const d = new Date(now);
  const two = (n: number) => String(n).padStart(2, '0');
  const micros = String((now % 1000) * 1000).padStart(6, '0');
  return `${severity}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${micros} ${String(KLOG_PID).padStart(7)}`;
}


// kubectl's duration formats (apimachinery util/duration and Go's time.Duration.String).
// All of them truncate, never round.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Seconds as Go's int(d.Seconds()): truncated toward zero. */
function wholeSeconds(ms: number): number {
  return Math.trunc(ms / SECOND);
}

/** The AGE format: `59s`, `119s`, `2m5s`, `10m`, `3h5m`, `47h`, `2d3h`, `729d`, `2y5d`. */
export function humanDuration(ms: number): string {
  const seconds = wholeSeconds(ms);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const days = Math.floor(hours / 24) % 365;
    const years = Math.floor(hours / 24 / 365);
    return days === 0 ? `${years}y` : `${years}y${days}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** `Ns`, `Nm`, `Nh`, `Nd`, `Ny`: one unit only. */
export function shortHumanDuration(ms: number): string {
  const seconds = wholeSeconds(ms);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.floor(hours / 24)}d`;
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** Go's time.Duration.String() for whole milliseconds: `10s`, `1m20s`, `5m0s`, `1h0m0s`, `1.5s`, `500ms`. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(Math.trunc(ms));
  if (rest < SECOND) return `${sign}${rest}ms`;
  const hours = Math.floor(rest / HOUR);
  rest -= hours * HOUR;
  const minutes = Math.floor(rest / MINUTE);
  rest -= minutes * MINUTE;
  const seconds = Math.floor(rest / SECOND);
  const millis = rest - seconds * SECOND;
  let secondsText = String(seconds);
  if (millis > 0) secondsText += '.' + String(millis).padStart(3, '0').replace(/0+$/, '');
  if (hours > 0) return `${sign}${hours}h${minutes}m${secondsText}s`;
  if (minutes > 0) return `${sign}${minutes}m${secondsText}s`;
  return `${sign}${secondsText}s`;
}

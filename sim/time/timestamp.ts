// Timestamp formats: RFC 3339 as the API stores times, RFC 1123Z as `kubectl describe` prints them.
// Times are virtual ms since the Unix epoch and always shown in UTC.

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** The last second formatted: components stamp many objects within one virtual second. */
const lastFormatted = { second: NaN, text: '' };

/** `2026-01-15T09:00:00Z` (second precision, as metav1.Time). */
export function rfc3339(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second === lastFormatted.second) return lastFormatted.text;
  const d = new Date(second * 1000);
  const text = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}Z`;
  lastFormatted.second = second;
  lastFormatted.text = text;
  return text;
}

/** `2026-01-15T09:00:00.123000Z` (microsecond precision, as metav1.MicroTime). */
export function rfc3339Micro(ms: number): string {
  const millis = ((ms % 1000) + 1000) % 1000;
  return rfc3339(ms).replace('Z', `.${String(millis).padStart(3, '0')}000Z`);
}

/** `Thu, 15 Jan 2026 09:00:00 +0000` */
export function rfc1123z(ms: number): string {
  const d = new Date(ms);
  return `${weekdays[d.getUTCDay()]}, ${two(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

const rfc3339Pattern = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

const lastParsed = { text: '', ms: 0 };

/** Parses an RFC 3339 time to ms; undefined when the text is not one. */
export function parseRfc3339(text: string | null | undefined): number | undefined {
  if (!text) return undefined;
  // Almost every stored time is `2026-01-15T09:00:00Z`, and objects made together share one:
  // `get pods` reads thousands of them.
  if (text === lastParsed.text) return lastParsed.ms;
  if (text.length === 20) {
    const fast = parseSecondsUtc(text);
    if (fast !== undefined) {
      lastParsed.text = text;
      lastParsed.ms = fast;
      return fast;
    }
  }
  const m = rfc3339Pattern.exec(text);
  if (!m) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = m;
  let ms = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second);
  if (fraction) ms += Math.floor(Number(`0${fraction}`) * 1000);
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const offset = (+zone.slice(1, 3) * 60 + +zone.slice(4, 6)) * 60_000;
    ms -= sign * offset;
  }
  return Number.isNaN(ms) ? undefined : ms;
}

/** Digits at `from` and the next `count - 1` places as a number, or -1 if one is not a digit. */
function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** `YYYY-MM-DDTHH:MM:SSZ` without a regular expression; undefined for any other shape. */
function parseSecondsUtc(text: string): number | undefined {
  const t = text[10];
  const z = text[19];
  if (text[4] !== '-' || text[7] !== '-' || text[13] !== ':' || text[16] !== ':' || (t !== 'T' && t !== 't' && t !== ' ') || (z !== 'Z' && z !== 'z')) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  return Number.isNaN(ms) ? undefined : ms;
}

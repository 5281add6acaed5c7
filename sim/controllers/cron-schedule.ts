// Standard 5-field cron schedules as CronJobs accept them (robfig/cron's standard parser):
// minute hour day-of-month month day-of-week, with `*`, `?`, lists, ranges, steps, month and
// weekday names, and the `@yearly`-style descriptors. Times are UTC.

export interface CronSchedule {
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
  /** When either day field is `*`, both must match; otherwise either may (cron's OR rule). */
  dayStar: boolean;
}

export class CronSyntaxError extends Error {}

const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const dayNames = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const descriptors: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

interface FieldBounds {
  min: number;
  max: number;
  names?: string[];
  /** names[i] stands for i + nameOffset */
  nameOffset?: number;
}

const bounds: FieldBounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: monthNames, nameOffset: 1 },
  { min: 0, max: 6, names: dayNames, nameOffset: 0 },
];

function parseValue(text: string, field: FieldBounds): number {
  const lower = text.toLowerCase();
  const named = field.names?.indexOf(lower) ?? -1;
  if (named >= 0) return named + (field.nameOffset ?? 0);
  if (!/^\d+$/.test(text)) throw new CronSyntaxError(`failed to parse int from ${text}: strconv.Atoi: parsing "${text}": invalid syntax`);
  return Number(text);
}

function parseField(text: string, field: FieldBounds): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [rangeText, stepText, extra] = part.split('/');
    if (extra !== undefined) throw new CronSyntaxError(`too many slashes: ${part}`);
    let start: number;
    let end: number;
    if (rangeText === '*' || rangeText === '?') {
      start = field.min;
      end = field.max;
    } else {
      const [low, high, more] = rangeText.split('-');
      if (more !== undefined) throw new CronSyntaxError(`too many hyphens: ${part}`);
      start = parseValue(low, field);
      end = high !== undefined ? parseValue(high, field) : stepText !== undefined ? field.max : start;
    }
    const step = stepText !== undefined ? parseValue(stepText, { min: 1, max: 1000 }) : 1;
    if (start < field.min) throw new CronSyntaxError(`beginning of range (${start}) below minimum (${field.min}): ${part}`);
    if (end > field.max) throw new CronSyntaxError(`end of range (${end}) above maximum (${field.max}): ${part}`);
    if (start > end) throw new CronSyntaxError(`beginning of range (${start}) beyond end of range (${end}): ${part}`);
    if (step === 0) throw new CronSyntaxError(`step of range should be a positive number: ${part}`);
    for (let v = start; v <= end; v += step) values.add(v);
  }
  return values;
}

export function parseCronSchedule(schedule: string): CronSchedule {
  const trimmed = schedule.trim();
  const expanded = trimmed.startsWith('@') ? descriptors[trimmed.toLowerCase()] : trimmed;
  if (!expanded) throw new CronSyntaxError(`unrecognized descriptor: ${trimmed}`);
  const fields = expanded.split(/\s+/).filter((f) => f.length > 0);
  if (fields.length !== 5) throw new CronSyntaxError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  const [minutes, hours, daysOfMonth, months, daysOfWeek] = fields.map((f, i) => parseField(f, bounds[i]));
  // 7 also means Sunday in many crons; robfig rejects it, as does Kubernetes.
  return {
    minutes,
    hours,
    daysOfMonth,
    months,
    daysOfWeek,
    dayStar: fields[2].startsWith('*') || fields[2] === '?' || fields[4].startsWith('*') || fields[4] === '?',
  };
}

function dayMatches(schedule: CronSchedule, date: Date): boolean {
  const dom = schedule.daysOfMonth.has(date.getUTCDate());
  const dow = schedule.daysOfWeek.has(date.getUTCDay());
  return schedule.dayStar ? dom && dow : dom || dow;
}

/** The first scheduled time strictly after `afterMs` (whole minutes), or undefined within 5 years. */
export function nextScheduleTime(schedule: CronSchedule, afterMs: number): number | undefined {
  let t = Math.floor(afterMs / 60_000) * 60_000 + 60_000;
  const limit = afterMs + 5 * 366 * 24 * 3600 * 1000;
  while (t <= limit) {
    const date = new Date(t);
    if (!schedule.months.has(date.getUTCMonth() + 1)) {
      t = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
      continue;
    }
    if (!dayMatches(schedule, date)) {
      t = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
      continue;
    }
    if (!schedule.hours.has(date.getUTCHours())) {
      t = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours() + 1);
      continue;
    }
    if (!schedule.minutes.has(date.getUTCMinutes())) {
      t += 60_000;
      continue;
    }
    return t;
  }
  return undefined;
}

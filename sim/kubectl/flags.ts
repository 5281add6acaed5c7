// Command-line flags with the semantics of spf13/pflag, which kubectl uses: `--flag=value`,
// `--flag value`, `-n ns`, `-nns`, `-n=ns`, combined short booleans (`-it`), repeatable flags,
// `--` ending the flags, and flags mixed freely with positional arguments.

export type FlagType = 'bool' | 'string' | 'int' | 'stringArray' | 'stringSlice' | 'duration';

export interface FlagSpec {
  name: string;
  shorthand?: string;
  type: FlagType;
  /** The value when the flag is absent, as help shows it (repeatable flags default to []). */
  defaultValue?: string;
  usage: string;
  /** `--dry-run` alone means `--dry-run=unchanged`: the value used when the flag has no `=value`. */
  noOptDefault?: string;
}

/** A flag problem, worded as pflag words it (`unknown flag: --bogus`). */
export class FlagError extends Error {}

export type FlagValue = string | boolean | number | string[];

export interface ParsedArgs {
  /** Values of the flags that were given, by long name. */
  given: Map<string, FlagValue>;
  positional: string[];
  /** Where `--` appeared among the positional arguments, or -1. */
  dashAt: number;
  help: boolean;
}

export function parseFlags(args: string[], specs: FlagSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.shorthand).map((s) => [s.shorthand!, s]));
  const given = new Map<string, FlagValue>();
  const positional: string[] = [];
  let dashAt = -1;
  let help = false;

  const set = (spec: FlagSpec, raw: string) => {
    given.set(spec.name, convert(spec, raw, given.get(spec.name)));
  };

  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      dashAt = positional.length;
      positional.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const body = arg.slice(2);
      const eq = body.indexOf('=');
      const name = eq >= 0 ? body.slice(0, eq) : body;
      if (name === 'help') {
        help = true;
        continue;
      }
      const spec = byName.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) set(spec, body.slice(eq + 1));
      else if (spec.type === 'bool') set(spec, 'true');
      else if (spec.noOptDefault !== undefined) set(spec, spec.noOptDefault);
      else if (i + 1 < args.length) set(spec, args[++i]);
      else throw new FlagError(`flag needs an argument: --${name}`);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      // A run of shorthands: `-it`, `-nns`, `-n=ns`, `-n ns`.
      let rest = arg.slice(1);
      while (rest.length > 0) {
        const letter = rest[0];
        rest = rest.slice(1);
        if (letter === 'h' && !byShort.has('h')) {
          help = true;
          continue;
        }
        const spec = byShort.get(letter);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${letter}' in -${arg.slice(1)}`);
        if (rest.startsWith('=')) {
          set(spec, rest.slice(1));
          rest = '';
        } else if (spec.type === 'bool') {
          set(spec, 'true');
        } else if (rest.length > 0) {
          set(spec, rest);
          rest = '';
        } else if (spec.noOptDefault !== undefined) {
          set(spec, spec.noOptDefault);
        } else if (i + 1 < args.length) {
          set(spec, args[++i]);
        } else {
          throw new FlagError(`flag needs an argument: '${letter}' in -${letter}`);
        }
      }
      continue;
    }
    positional.push(arg);
  }
  return { given, positional, dashAt, help };
}

function flagLabel(spec: FlagSpec): string {
  return spec.shorthand ? `-${spec.shorthand}, --${spec.name}` : `--${spec.name}`;
}

function invalid(spec: FlagSpec, raw: string, why: string): FlagError {
  return new FlagError(`invalid argument "${raw}" for "${flagLabel(spec)}" flag: ${why}`);
}

function convert(spec: FlagSpec, raw: string, previous: FlagValue | undefined): FlagValue {
  switch (spec.type) {
    case 'bool': {
      const value = parseGoBool(raw);
      if (value === undefined) throw invalid(spec, raw, `strconv.ParseBool: parsing "${raw}": invalid syntax`);
      return value;
    }
    case 'int': {
      if (!/^[+-]?\d+$/.test(raw)) throw invalid(spec, raw, `strconv.ParseInt: parsing "${raw}": invalid syntax`);
      return Number(raw);
    }
    case 'stringArray':
      return [...((previous as string[] | undefined) ?? []), raw];
    case 'stringSlice':
      return [...((previous as string[] | undefined) ?? []), ...(raw === '' ? [] : raw.split(','))];
    case 'duration':
      if (parseGoDuration(raw) === undefined) throw invalid(spec, raw, `time: invalid duration "${raw}"`);
      return raw;
    default:
      return raw;
  }
}

export function parseGoBool(raw: string): boolean | undefined {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(raw)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(raw)) return false;
  return undefined;
}

/** Go's time.ParseDuration (`30s`, `1m30s`, `500ms`, `0`), in ms. */
export function parseGoDuration(raw: string): number | undefined {
  if (raw === '0') return 0;
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let text = raw;
  let sign = 1;
  if (text.startsWith('-') || text.startsWith('+')) {
    sign = text.startsWith('-') ? -1 : 1;
    text = text.slice(1);
  }
  if (text === '') return undefined;
  let total = 0;
  re.lastIndex = 0;
  while (re.lastIndex < text.length) {
    const match = re.exec(text);
    if (!match) return undefined;
    total += Number(match[1]) * units[match[2]];
  }
  return sign * total;
}

/** Typed access to the flags of one command line. */
export class Flags {
  constructor(
    private readonly specs: FlagSpec[],
    private readonly given: Map<string, FlagValue>,
  ) {}

  has(name: string): boolean {
    return this.given.has(name);
  }

  private spec(name: string): FlagSpec {
    const spec = this.specs.find((s) => s.name === name);
    if (!spec) throw new Error(`flag --${name} is not declared`);
    return spec;
  }

  string(name: string): string {
    const value = this.given.get(name);
    return value !== undefined ? String(value) : this.spec(name).defaultValue ?? '';
  }

  bool(name: string): boolean {
    const value = this.given.get(name);
    if (value !== undefined) return value === true;
    return this.spec(name).defaultValue === 'true';
  }

  int(name: string): number {
    const value = this.given.get(name);
    if (typeof value === 'number') return value;
    return Number(this.spec(name).defaultValue ?? '0');
  }

  list(name: string): string[] {
    const value = this.given.get(name);
    if (Array.isArray(value)) return value;
    const fallback = this.spec(name).defaultValue;
    return fallback ? fallback.split(',') : [];
  }

  /** A duration flag in ms. */
  duration(name: string): number {
    return parseGoDuration(this.string(name)) ?? 0;
  }
}

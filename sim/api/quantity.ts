// Resource quantities (`500m`, `1.5Gi`, `1e9`) parsed and printed the way apimachinery's
// resource.Quantity does. Values are kept exactly as a count of nano-units (bigint).

import { memoizeByText } from '../memo';

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

const splitPattern = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';

export class QuantityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityError';
  }
}

export const quantityFormatMessage = `quantities must match the regular expression '${splitPattern}'`;
export const quantitySuffixMessage = "unable to parse quantity's suffix";

const nanoPerUnit = 1_000_000_000n;

const decimalSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binarySuffixes: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Divides rounding away from zero, as inf.RoundUp does. */
function divideAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  if (quotient * denominator === numerator) return quotient;
  return numerator < 0n ? quotient - 1n : quotient + 1n;
}

export class Quantity {
  constructor(
    /** The value times 10^9. */
    readonly nanos: bigint,
    readonly format: QuantityFormat = 'DecimalSI',
    /** The text as typed, kept when apimachinery keeps it (already canonical-looking input). */
    readonly original?: string,
  ) {}

  /** The value in thousandths, rounded up (cpu in millicores). */
  milliValue(): number {
    return Number(divideAwayFromZero(this.nanos, 1_000_000n));
  }

  /** The value rounded up to a whole number (memory in bytes). */
  value(): number {
    return Number(divideAwayFromZero(this.nanos, nanoPerUnit));
  }

  isZero(): boolean {
    return this.nanos === 0n;
  }

  add(other: Quantity): Quantity {
    return new Quantity(this.nanos + other.nanos, this.format);
  }

  sub(other: Quantity): Quantity {
    return new Quantity(this.nanos - other.nanos, this.format);
  }

  /** -1, 0 or 1. */
  cmp(other: Quantity): number {
    return this.nanos < other.nanos ? -1 : this.nanos > other.nanos ? 1 : 0;
  }

  /** Rounds up to milli precision, as the API server does for every resource list. */
  roundUpToMilli(): Quantity {
    const rounded = divideAwayFromZero(this.nanos, 1_000_000n) * 1_000_000n;
    return new Quantity(rounded, this.format, rounded === this.nanos ? this.original : undefined);
  }

  toString(): string {
    return formatQuantity(this);
  }
}

/** Splits text the way apimachinery's parseQuantityString does. */
function splitQuantity(text: string): { positive: boolean; num: string; denom: string; suffix: string } {
  let pos = 0;
  const end = text.length;
  let positive = true;
  if (text[0] === '-') {
    positive = false;
    pos++;
  } else if (text[0] === '+') {
    pos++;
  }
  while (pos < end && text[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  let start = pos;
  while (pos < end && isDigit(text[pos])) pos++;
  const num = text.slice(start, pos) || '0';
  let denom = '';
  if (text[pos] === '.') {
    pos++;
    start = pos;
    while (pos < end && isDigit(text[pos])) pos++;
    denom = text.slice(start, pos);
  }
  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(text[pos])) pos++;
  if (text[pos] === '-' || text[pos] === '+') pos++;
  while (pos < end && isDigit(text[pos])) pos++;
  if (pos < end) throw new QuantityError(quantityFormatMessage);
  return { positive, num, denom, suffix: text.slice(suffixStart) };
}

function interpretSuffix(suffix: string): { base: 2 | 10; exponent: number; format: QuantityFormat } {
  if (suffix in binarySuffixes) return { base: 2, exponent: binarySuffixes[suffix], format: 'BinarySI' };
  if (suffix in decimalSuffixes) return { base: 10, exponent: decimalSuffixes[suffix], format: 'DecimalSI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[-+]?[0-9]+$/.test(suffix.slice(1))) {
    return { base: 10, exponent: parseInt(suffix.slice(1), 10), format: 'DecimalExponent' };
  }
  throw new QuantityError(quantitySuffixMessage);
}

/** Parses a quantity; throws QuantityError with apimachinery's message. Rounds up to nano precision. */
/** A Quantity is immutable, so each text is parsed once. */
export const parseQuantity: (text: string) => Quantity = memoizeByText(parseQuantityText);

function parseQuantityText(text: string): Quantity {
  if (text.length === 0) throw new QuantityError(quantityFormatMessage);
  const { positive, num, denom, suffix } = splitQuantity(text);
  const { base, exponent, format } = interpretSuffix(suffix);
  // value = digits × 10^(-len(denom)) × base^exponent, then × 10^9 for nanos
  let numerator = BigInt(num + denom);
  let denominator = pow10(denom.length);
  if (base === 2) numerator *= 2n ** BigInt(exponent);
  else if (exponent >= 0) numerator *= pow10(exponent);
  else denominator *= pow10(-exponent);
  const nanos = divideAwayFromZero(numerator * nanoPerUnit, denominator);
  const original = keepsOriginalText(num, denom, base, exponent) ? text : undefined;
  return new Quantity(positive ? nanos : -nanos, format, original);
}

/**
 * apimachinery keeps the typed string when it takes its int64 fast path and the input already
 * looks canonical, which is why `12E3` and `+1` come back unchanged.
 */
function keepsOriginalText(num: string, denom: string, base: 2 | 10, exponent: number): boolean {
  const shifted = num + denom;
  if (base === 2) {
    if (exponent < 0 || denom.length > 0) return false;
    const precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    if (precision < 0 || BigInt(num) * 2n ** BigInt(exponent) > 2n ** 63n - 1n) return false;
    return exponent % 10 === 0 && (BigInt(shifted) & 7n) !== 0n;
  }
  const precision = 18 - (num.length + denom.length);
  const scale = exponent - denom.length;
  if (precision < 0 || scale < -9) return false;
  return scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
}

/** Canonical decimal form: the mantissa and an exponent that is a multiple of 3. */
function canonicalDecimal(nanos: bigint): { mantissa: bigint; exponent: number } {
  let mantissa = nanos;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  const remainder = ((exponent % 3) + 3) % 3;
  mantissa *= pow10(remainder);
  exponent -= remainder;
  return { mantissa, exponent };
}

const decimalSuffixForExponent: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const binarySuffixForPower: Record<number, string> = { 0: '', 1: 'Ki', 2: 'Mi', 3: 'Gi', 4: 'Ti', 5: 'Pi', 6: 'Ei' };

/** Prints a quantity in canonical form, as the API server returns it. */
export function formatQuantity(q: Quantity): string {
  if (q.original !== undefined) return q.original;
  if (q.nanos === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const small = q.nanos > -1024n * nanoPerUnit && q.nanos < 1024n * nanoPerUnit;
    if (small || q.nanos % nanoPerUnit !== 0n) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    let amount = q.nanos / nanoPerUnit;
    let power = 0;
    while (amount % 1024n === 0n && power < 6) {
      amount /= 1024n;
      power++;
    }
    return `${amount}${binarySuffixForPower[power]}`;
  }
  const { mantissa, exponent } = canonicalDecimal(q.nanos);
  if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  const suffix = decimalSuffixForExponent[exponent];
  return `${mantissa}${suffix ?? `e${exponent}`}`;
}

/** Parses and prints back in canonical form (`0.5` → `500m`). Throws QuantityError. */
export function canonicalize(text: string): string {
  return formatQuantity(parseQuantity(text));
}

/** Parses, or returns undefined for text that is not a quantity. */
export function tryParseQuantity(text: unknown): Quantity | undefined {
  if (typeof text === 'number') text = String(text);
  if (typeof text !== 'string') return undefined;
  try {
    return parseQuantity(text);
  } catch {
    return undefined;
  }
}

export function zeroQuantity(format: QuantityFormat = 'DecimalSI'): Quantity {
  return new Quantity(0n, format);
}

// Go's fmt as text/template uses it on decoded JSON: %v of maps, slices and numbers (float64 in
// shortest %g, `1e+06`), Sprint's spacing rules and Sprintf's verbs with their `%!d(string=x)`
// complaints.

import { utf8Encode } from '../../encoding/base64';

/** A number with the Go type it has in a template: constants are int or float64, JSON ints int64. */
export class GoInt {
  constructor(
    readonly value: number,
    readonly goType: 'int' | 'int64' | 'float64' | 'uint8',
  ) {}
}

/** Decoded JSON plus template numbers; `undefined` is "no value", `null` is nil. */
export type GoValue = string | number | boolean | null | undefined | GoInt | GoValue[] | { [key: string]: GoValue };

export function isGoMap(value: GoValue): value is { [key: string]: GoValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof GoInt);
}

export function numericValue(value: GoValue): number | undefined {
  if (typeof value === 'number') return value;
  if (value instanceof GoInt) return value.value;
  return undefined;
}

export function isIntegral(value: GoValue): boolean {
  if (typeof value === 'number') return Number.isInteger(value);
  return value instanceof GoInt && value.goType !== 'float64';
}

export function goTypeOf(value: GoValue): string {
  if (value === null || value === undefined) return 'interface {}';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  if (value instanceof GoInt) return value.goType;
  if (Array.isArray(value)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** A float64 as %v prints it: shortest digits, exponent form below 1e-4 and from 1e6 on. */
export function goFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa, expText] = x.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(x);
}

/** %v. */
export function goPrint(value: GoValue): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  const number = numericValue(value);
  if (number !== undefined) return isIntegral(value) ? String(number) : goFloat(number);
  if (Array.isArray(value)) return `[${value.map(goPrint).join(' ')}]`;
  const map = value as { [key: string]: GoValue };
  return `map[${Object.keys(map)
    .filter((k) => map[k] !== undefined)
    .sort()
    .map((k) => `${k}:${goPrint(map[k])}`)
    .join(' ')}]`;
}

/** `%!d(string=x)`: what fmt prints for a verb that does not fit the value. */
function badVerb(verb: string, value: GoValue): string {
  if (value === null || value === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeOf(value)}=${goPrint(value)})`;
}

interface Spec {
  minus: boolean;
  plus: boolean;
  zero: boolean;
  space: boolean;
  sharp: boolean;
  width?: number;
  precision?: number;
}

function pad(text: string, spec: Spec, numeric: boolean): string {
  if (spec.width === undefined || text.length >= spec.width) return text;
  if (spec.minus) return text.padEnd(spec.width);
  if (spec.zero && numeric) {
    const sign = /^[+-]/.test(text) ? text[0] : '';
    return sign + text.slice(sign.length).padStart(spec.width - sign.length, '0');
  }
  return text.padStart(spec.width);
}

function quote(text: string): string {
  return JSON.stringify(text).replace(/\\u007f/g, '\\x7f');
}

function formatOne(verb: string, spec: Spec, value: GoValue): string {
  const number = numericValue(value);
  const integral = number !== undefined && isIntegral(value);
  const signed = (text: string, n: number): string => (n >= 0 && spec.plus ? `+${text}` : n >= 0 && spec.space ? ` ${text}` : text);
  switch (verb) {
    case 'v':
      if (Array.isArray(value) || isGoMap(value) || typeof value !== 'object' || value === null) return pad(goPrint(value), spec, false);
      return pad(integral ? signed(String(number), number!) : signed(goFloat(number!), number!), spec, true);
    case 's':
      if (typeof value === 'string') return pad(spec.precision !== undefined ? value.slice(0, spec.precision) : value, spec, false);
      if (Array.isArray(value)) return pad(`[${value.map((v) => formatOne('s', { ...spec, width: undefined }, v)).join(' ')}]`, spec, false);
      return badVerb(verb, value);
    case 'q':
      if (typeof value === 'string') return pad(quote(value), spec, false);
      if (integral) return pad(`'${String.fromCodePoint(number!)}'`, spec, false);
      return badVerb(verb, value);
    case 'd':
      if (integral) return pad(signed(String(number), number!), spec, true);
      return badVerb(verb, value);
    case 'x':
    case 'X': {
      let text: string;
      if (integral) text = (number! < 0 ? '-' : '') + Math.abs(number!).toString(16);
      else if (typeof value === 'string') text = utf8Encode(value).map((b) => b.toString(16).padStart(2, '0')).join('');
      else return badVerb(verb, value);
      if (spec.sharp) text = `0x${text}`;
      return pad(verb === 'X' ? text.toUpperCase() : text, spec, true);
    }
    case 'o':
      if (integral) return pad(number!.toString(8), spec, true);
      return badVerb(verb, value);
    case 'b':
      if (integral) return pad(number!.toString(2), spec, true);
      return badVerb(verb, value);
    case 'c':
      if (integral) return pad(String.fromCodePoint(number!), spec, false);
      return badVerb(verb, value);
    case 'f':
    case 'F':
    case 'e':
    case 'g':
      if (number === undefined || integral) return badVerb(verb, value);
      if (verb === 'g') return pad(signed(spec.precision !== undefined ? String(Number(number.toPrecision(spec.precision))) : goFloat(number), number), spec, true);
      if (verb === 'e') {
        const [m, e] = number.toExponential(spec.precision ?? 6).split('e');
        return pad(signed(`${m}e${e[0]}${e.slice(1).padStart(2, '0')}`, number), spec, true);
      }
      return pad(signed(number.toFixed(spec.precision ?? 6), number), spec, true);
    case 't':
      if (typeof value === 'boolean') return pad(String(value), spec, false);
      return badVerb(verb, value);
    case 'T':
      return pad(value === null || value === undefined ? '<nil>' : goTypeOf(value), spec, false);
  }
  return badVerb(verb, value);
}

function sprintf(format: string, args: GoValue[]): string {
  let out = '';
  let next = 0;
  let i = 0;
  while (i < format.length) {
    const ch = format[i];
    if (ch !== '%') {
      out += ch;
      i++;
      continue;
    }
    i++;
    const spec: Spec = { minus: false, plus: false, zero: false, space: false, sharp: false };
    for (; i < format.length; i++) {
      const flag = format[i];
      if (flag === '-') spec.minus = true;
      else if (flag === '+') spec.plus = true;
      else if (flag === '0') spec.zero = true;
      else if (flag === ' ') spec.space = true;
      else if (flag === '#') spec.sharp = true;
      else break;
    }
    let digits = '';
    while (i < format.length && /[0-9]/.test(format[i])) digits += format[i++];
    if (digits) spec.width = Number(digits);
    if (format[i] === '.') {
      i++;
      digits = '';
      while (i < format.length && /[0-9]/.test(format[i])) digits += format[i++];
      spec.precision = digits ? Number(digits) : 0;
    }
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = format[i++];
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (next >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatOne(verb, spec, args[next++]);
  }
  if (next < args.length) {
    out += `%!(EXTRA ${args
      .slice(next)
      .map((a) => (a === null || a === undefined ? '<nil>' : `${goTypeOf(a)}=${goPrint(a)}`))
      .join(', ')})`;
  }
  return out;
}

/** Sprint: a space between operands when neither is a string. */
function sprint(args: GoValue[]): string {
  let out = '';
  args.forEach((arg, i) => {
    if (i > 0 && typeof arg !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += goPrint(arg);
  });
  return out;
}

function sprintln(args: GoValue[]): string {
  return args.map(goPrint).join(' ') + '\n';
}

export const goFormat = { sprint, sprintln, sprintf };

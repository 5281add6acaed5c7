// Comparing a found value with the one a check expects, and saying in both languages what was
// expected when they differ.

import type { Localised } from './localised';
import { compilePattern } from './regex';
import type { CountOp, FieldOp } from './schema';

export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'nothing';
  return JSON.stringify(value);
}

function sameScalar(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'object' && actual !== null) return JSON.stringify(actual) === JSON.stringify(expected);
  return String(actual) === String(expected);
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}

/** Whether `actual` (found) satisfies `op value`. `found` false means the path is not set. */
export function compareField(found: boolean, actual: unknown, op: FieldOp, expected: unknown): boolean {
  if (op === 'exists') return found && actual !== null;
  if (op === 'notExists') return !found || actual === null;
  if (!found) return op === 'notEquals';
  switch (op) {
    case 'equals':
      return sameScalar(actual, expected);
    case 'notEquals':
      return !sameScalar(actual, expected);
    case 'contains':
      if (Array.isArray(actual)) return actual.some((item) => sameScalar(item, expected));
      return typeof actual === 'string' && actual.includes(String(expected));
    case 'matches':
      return typeof actual !== 'object' && compilePattern(String(expected)).test(String(actual));
    default: {
      const left = asNumber(actual);
      const right = asNumber(expected);
      if (left === undefined || right === undefined) return false;
      return compareNumbers(left, op, right);
    }
  }
}

export function compareNumbers(left: number, op: CountOp | '>=' | '<=' | '>' | '<', right: number): boolean {
  switch (op) {
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    case '>=':
      return left >= right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '<':
      return left < right;
  }
}

/** `expected restartCount >= 1, found 0` / `期望 restartCount >= 1，实际为 0` */
export function describeMismatch(key: string, path: string, found: boolean, actual: unknown, op: FieldOp, expected: unknown): Localised {
  const want = formatValue(expected);
  if (op === 'exists') return { en: `expected ${path} to be set`, zh: `期望已设置 ${path}` };
  if (op === 'notExists') return { en: `expected ${path} not to be set, found ${formatValue(actual)}`, zh: `期望未设置 ${path}，实际为 ${formatValue(actual)}` };
  const expectation: Localised = (() => {
    switch (op) {
      case 'equals':
        return { en: `expected ${key} to be ${want}`, zh: `期望 ${key} 为 ${want}` };
      case 'notEquals':
        return { en: `expected ${key} not to be ${want}`, zh: `期望 ${key} 不为 ${want}` };
      case 'contains':
        return { en: `expected ${key} to contain ${want}`, zh: `期望 ${key} 包含 ${want}` };
      case 'matches':
        return { en: `expected ${key} to match ${want}`, zh: `期望 ${key} 匹配 ${want}` };
      default:
        return { en: `expected ${key} ${op} ${String(expected)}`, zh: `期望 ${key} ${op} ${String(expected)}` };
    }
  })();
  if (!found) return { en: `${expectation.en}, but ${path} is not set`, zh: `${expectation.zh}，但 ${path} 未设置` };
  const shown = typeof actual === 'number' ? String(actual) : formatValue(actual);
  return { en: `${expectation.en}, found ${shown}`, zh: `${expectation.zh}，实际为 ${shown}` };
}

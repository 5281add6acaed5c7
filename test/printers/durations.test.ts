import { describe, expect, it } from 'vitest';
import { goDuration, humanDuration, parseRfc3339, rfc1123z, rfc3339, shortHumanDuration } from '../../sim/time';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration (AGE)', () => {
  it.each([
    [-5 * s, '<invalid>'],
    [-2 * s, '<invalid>'],
    [-1500, '0s'],
    [0, '0s'],
    [999, '0s'],
    [59 * s, '59s'],
    [119 * s + 999, '119s'],
    [2 * m, '2m'],
    [2 * m + 5 * s, '2m5s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m, '10m'],
    [10 * m + 59 * s, '10m'],
    [179 * m + 59 * s, '179m'],
    [3 * h, '3h'],
    [3 * h + 5 * m, '3h5m'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h, '8h'],
    [47 * h + 59 * m, '47h'],
    [48 * h, '2d'],
    [2 * d + 3 * h, '2d3h'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d, '8d'],
    [729 * d + 23 * h, '729d'],
    [730 * d, '2y'],
    [735 * d, '2y5d'],
    [8 * 365 * d, '8y'],
    [9 * 365 * d + 100 * d, '9y'],
  ])('%d ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('shortHumanDuration', () => {
  it.each([
    [-3 * s, '<invalid>'],
    [-1 * s, '0s'],
    [59 * s, '59s'],
    [60 * s, '1m'],
    [59 * m + 59 * s, '59m'],
    [60 * m, '1h'],
    [23 * h + 59 * m, '23h'],
    [24 * h, '1d'],
    [364 * d, '364d'],
    [365 * d, '1y'],
  ])('%d ms → %s', (ms, text) => {
    expect(shortHumanDuration(ms)).toBe(text);
  });
});

describe('goDuration (time.Duration.String)', () => {
  it.each([
    [0, '0s'],
    [500, '500ms'],
    [1500, '1.5s'],
    [10 * s, '10s'],
    [80 * s, '1m20s'],
    [5 * m, '5m0s'],
    [h, '1h0m0s'],
    [h + 2 * m + 3 * s + 250, '1h2m3.25s'],
    [-10 * s, '-10s'],
  ])('%d ms → %s', (ms, text) => {
    expect(goDuration(ms)).toBe(text);
  });
});

describe('timestamps', () => {
  const t = Date.UTC(2026, 0, 15, 9, 0, 0);
  it('formats RFC 3339 and RFC 1123Z in UTC', () => {
    expect(rfc3339(t)).toBe('2026-01-15T09:00:00Z');
    expect(rfc1123z(t)).toBe('Thu, 15 Jan 2026 09:00:00 +0000');
    expect(rfc1123z(Date.UTC(2026, 9, 7, 16, 32, 40))).toBe('Wed, 07 Oct 2026 16:32:40 +0000');
  });
  it('parses RFC 3339 back, with fractions and offsets', () => {
    expect(parseRfc3339('2026-01-15T09:00:00Z')).toBe(t);
    expect(parseRfc3339('2026-01-15T09:00:00.250000Z')).toBe(t + 250);
    expect(parseRfc3339('2026-01-15T18:00:00+09:00')).toBe(t);
    expect(parseRfc3339('yesterday')).toBeUndefined();
    expect(parseRfc3339(null)).toBeUndefined();
  });
  it('reads every second-precision UTC time back as it was written, and refuses near misses', () => {
    for (let ms = Date.UTC(2024, 1, 28, 23, 59, 0); ms < Date.UTC(2024, 2, 1, 0, 1, 0); ms += 7_000) expect(parseRfc3339(rfc3339(ms))).toBe(ms);
    expect(parseRfc3339('2026-01-15t09:00:00z')).toBe(t);
    expect(parseRfc3339('2026-01-15 09:00:00Z')).toBe(t);
    for (const bad of ['2026-01-15T09:0a:00Z', '2026-01-15T09:00:00X', '2026/01/15T09:00:00Z', '2026-01-15T09:00:00', '-026-01-15T09:00:00Z']) {
      expect(parseRfc3339(bad)).toBeUndefined();
    }
  });
});

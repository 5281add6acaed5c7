// Resource quantities as numbers: CPU in millicores, everything else in base units (bytes, count).

const suffixFactors: Record<string, number> = {
  n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** Parses `500m`, `1.5Gi`, `1e9`, `2`; returns 0 for anything unparsable (validation rejects those earlier). */
export function quantityValue(text: string | number | undefined): number {
  if (text === undefined) return 0;
  if (typeof text === 'number') return text;
  const match = /^([+-]?[0-9.]+)(?:([eE][-+]?[0-9]+)|([a-zA-Z]*))$/.exec(text.trim());
  if (!match) return 0;
  const base = Number(match[1]);
  if (match[2]) return base * 10 ** Number(match[2].slice(1));
  const factor = suffixFactors[match[3] ?? ''];
  return factor === undefined ? 0 : base * factor;
}

/** CPU in whole millicores, rounded up as the API server does. */
export function milliCpu(text: string | undefined): number {
  return Math.ceil(quantityValue(text) * 1000 - 1e-9);
}

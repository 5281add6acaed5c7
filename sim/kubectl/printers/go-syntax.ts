// Go's %#v of a decoded JSON value (map[string]interface {}), which kubectl shows when a
// jsonpath template fails while running.

export function goSyntax(value: unknown): string {
  if (value === null || value === undefined) return 'interface {}(nil)';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[]interface {}{${value.map((v) => goSyntax(v)).join(', ')}}`;
  const map = value as Record<string, unknown>;
  const entries = Object.keys(map)
    .filter((k) => map[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${goSyntax(map[k])}`);
  return `map[string]interface {}{${entries.join(', ')}}`;
}

/** The Go type name kubectl's jsonpath errors mention. */
export function goTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'interface {}';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  if (Array.isArray(value)) return '[]interface {}';
  return 'map[string]interface {}';
}

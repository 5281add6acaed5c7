// Manifests no one should apply: alias bombs, nesting deeper than any parser allows, control
// characters, binary junk. Each is small enough to keep in a test.

function aliasBomb(levels: number, width: number): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: lol', 'data:', '  a0: &a0 "lol"'];
  for (let i = 1; i <= levels; i++) lines.push(`  a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(', ')}]`);
  return lines.join('\n') + '\n';
}

function binaryJunk(length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode((i * 7919 + 13) % 256);
  return text;
}

/** File name → content; each one kubectl refuses while reading it. */
export const hostileManifests: Record<string, string> = {
  'billion-laughs.yaml': aliasBomb(9, 9),
  'deep-flow.yaml': 'a: ' + '['.repeat(20000) + ']'.repeat(20000) + '\n',
  'deep-block.yaml': Array.from({ length: 1400 }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + '\n',
  'deep.json': '{"a":'.repeat(20000) + '1' + '}'.repeat(20000),
  'nul.yaml': 'apiVersion: v1\u0000\nkind: Pod\n',
  'binary.yaml': binaryJunk(4096),
  'unknown-anchor.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: *nowhere\n',
  'merge-keys.yaml': 'a: &a {x: 1}\nb: &b {<<: [*a, *a, *a]}\nc: {<<: [*b, *b, *b]}\n',
  'not-an-object.yaml': '- just\n- a\n- list\n',
  'wrong-types.yaml': 'apiVersion: 1\nkind: [Pod]\nmetadata:\n  name: x\n',
  'metadata-string.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: web\n',
  'labels-number.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: 1\n',
  'bad-separator.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n--- junk\n',
  'half-manifest.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: half\nspec:\n  containers:\n  - name: app\n    image: "nginx\n',
  'tab-indent.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: tab\n',
};

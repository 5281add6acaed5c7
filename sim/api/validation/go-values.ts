// Go's `%#v` renderings that appear inside Kubernetes validation messages.
import type { LabelSelector } from '../types';

export function goStringMap(map: Record<string, string> | undefined | null): { goSyntax: string } {
  if (!map) return { goSyntax: 'map[string]string(nil)' };
  const entries = Object.keys(map)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${JSON.stringify(map[key])}`);
  return { goSyntax: `map[string]string{${entries.join(', ')}}` };
}

export function goLabelSelector(selector: LabelSelector | undefined | null): { goSyntax: string } {
  if (!selector) return { goSyntax: 'null' };
  const matchLabels = goStringMap(selector.matchLabels).goSyntax;
  const expressions = selector.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${selector.matchExpressions
        .map(
          (e) =>
            `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key)}, Operator:${JSON.stringify(e.operator)}, Values:${
              e.values ? `[]string{${e.values.map((v) => JSON.stringify(v)).join(', ')}}` : '[]string(nil)'
            }}`,
        )
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return { goSyntax: `v1.LabelSelector{MatchLabels:${matchLabels}, MatchExpressions:${expressions}}` };
}

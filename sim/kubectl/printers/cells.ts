// Small cell formatters shared by the tables and describe.

import type { KubeObject, LabelSelector } from '../../api/types';
import { humanDuration, parseRfc3339 } from '../../time';

/** translateTimestampSince: `<unknown>` for a missing time. */
export function sinceText(time: number | undefined, now: number): string {
  return time === undefined ? '<unknown>' : humanDuration(now - time);
}

export function timestampSince(text: string | null | undefined, now: number): string {
  return sinceText(parseRfc3339(text ?? undefined), now);
}

export function age(obj: KubeObject, now: number): string {
  return timestampSince(obj.metadata.creationTimestamp, now);
}

/** labels.FormatLabels: `a=b,c=d` sorted by key, or `<none>`. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/** metav1.FormatLabelSelector: `app=web,tier in (a,b)`, `<none>` when empty. */
export function formatLabelSelector(selector: LabelSelector | undefined | null): string {
  if (!selector) return '<none>';
  const parts: string[] = [];
  for (const key of Object.keys(selector.matchLabels ?? {}).sort()) parts.push(`${key}=${selector.matchLabels![key]}`);
  for (const expr of selector.matchExpressions ?? []) {
    const values = [...(expr.values ?? [])].sort().join(',');
    switch (expr.operator) {
      case 'In': parts.push(`${expr.key} in (${values})`); break;
      case 'NotIn': parts.push(`${expr.key} notin (${values})`); break;
      case 'Exists': parts.push(expr.key); break;
      case 'DoesNotExist': parts.push(`!${expr.key}`); break;
    }
  }
  const text = parts.join(',');
  return text === '' ? '<none>' : text;
}

export function containerNamesAndImages(podSpec: { containers?: { name: string; image?: string }[] } | undefined): [string, string] {
  const containers = podSpec?.containers ?? [];
  return [containers.map((c) => c.name).join(','), containers.map((c) => c.image ?? '').join(',')];
}

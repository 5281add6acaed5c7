// Matching labels against a metav1.LabelSelector (matchLabels AND matchExpressions).
import type { LabelSelector, LabelSelectorRequirement } from '../api/types';

export function matchesSelector(labels: Record<string, string> | undefined, selector: LabelSelector | undefined): boolean {
  // A nil selector matches nothing; an empty one matches everything (as metav1.LabelSelectorAsSelector).
  if (!selector) return false;
  const own = labels ?? {};
  // Controllers match every orphan of a namespace at each sync: no lists are made for it.
  const matchLabels = selector.matchLabels;
  if (matchLabels) {
    for (const key in matchLabels) if (own[key] !== matchLabels[key]) return false;
  }
  const expressions = selector.matchExpressions;
  if (expressions) for (const requirement of expressions) if (!matchesRequirement(own, requirement)) return false;
  return true;
}

function matchesRequirement(labels: Record<string, string>, requirement: LabelSelectorRequirement): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In':
      return has && values.includes(labels[requirement.key]);
    case 'NotIn':
      return !has || !values.includes(labels[requirement.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}

/** A Service's or ReplicationController's plain map selector; an empty map selects nothing here. */
export function matchesMapSelector(labels: Record<string, string> | undefined, selector: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}

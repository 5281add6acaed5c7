// intstr.GetScaledValueFromIntOrPercent and the Deployment's surge/unavailable fenceposts.

export function scaledValue(value: number | string | undefined, total: number, roundUp: boolean, fallback: string): number {
  const v = value ?? fallback;
  if (typeof v === 'number') return v;
  const match = /^(\d+)%$/.exec(v);
  if (!match) return Number.parseInt(v, 10) || 0;
  const exact = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** maxSurge rounds up, maxUnavailable down; if both are 0, one pod may be unavailable. */
export function resolveFenceposts(maxSurge: number | string | undefined, maxUnavailable: number | string | undefined, replicas: number): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge, replicas, true, '25%');
  let unavailable = scaledValue(maxUnavailable, replicas, false, '25%');
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

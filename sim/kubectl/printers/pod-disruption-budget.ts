// What `kubectl get` and `kubectl describe` print of a PodDisruptionBudget (printers.go's
// printPodDisruptionBudget; describe.go's describePodDisruptionBudgetV1).
import type { KubeObject } from '../../api/types';
import { formatLabelSelector } from '../../api/selectors';
import { age } from './cells';
import { DescribeWriter } from './describe-writer';
import { eventsFor, writeEvents, type DescribeContext } from './describe-common';

/** An IntOrString as its String() prints it: the number, or the percentage as written. */
function intOrString(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

export const podDisruptionBudgetTable = {
  columns: ['Name', 'Min Available', 'Max Unavailable', 'Allowed Disruptions', 'Age'].map((name) => ({ name })),
  row: (pdb: KubeObject, now: number): string[] => [
    pdb.metadata.name ?? '',
    intOrString(pdb.spec?.minAvailable) ?? 'N/A',
    intOrString(pdb.spec?.maxUnavailable) ?? 'N/A',
    String(pdb.status?.disruptionsAllowed ?? 0),
    age(pdb, now),
  ],
};

export function describePodDisruptionBudget(pdb: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.line(0, 'Name:', pdb.metadata.name ?? '');
  w.line(0, 'Namespace:', pdb.metadata.namespace ?? '');
  const minAvailable = intOrString(pdb.spec?.minAvailable);
  const maxUnavailable = intOrString(pdb.spec?.maxUnavailable);
  if (minAvailable !== undefined) w.line(0, 'Min available:', minAvailable);
  else if (maxUnavailable !== undefined) w.line(0, 'Max unavailable:', maxUnavailable);
  w.line(0, 'Selector:', pdb.spec?.selector ? formatLabelSelector(pdb.spec.selector) : '<unset>');
  w.write(0, 'Status:\n');
  const status = pdb.status ?? {};
  w.line(2, 'Allowed disruptions:', status.disruptionsAllowed ?? 0);
  w.line(2, 'Current:', status.currentHealthy ?? 0);
  w.line(2, 'Desired:', status.desiredHealthy ?? 0);
  w.line(2, 'Total:', status.expectedPods ?? 0);
  writeEvents(w, eventsFor(pdb, ctx), ctx.now);
  return w.toString();
}

// `kubectl get` and `kubectl describe` for PriorityClasses (printers.go's printPriorityClass,
// describe.go's describePriorityClass).

import type { KubeObject } from '../../api/types';
import { age, formatLabels } from './cells';
import { DescribeWriter } from './describe-writer';
import { eventsFor, writeEvents, type DescribeContext } from './describe-common';

/** The shape of tables.ts's TableDefinition (that file lists these tables, so it is not imported here). */
interface PriorityClassTable {
  columns: { name: string; wide?: boolean }[];
  row(obj: KubeObject, now: number, wide: boolean): string[];
}

export const priorityClassTable: PriorityClassTable = {
  columns: ['Name', 'Value', 'Global-Default', 'Age', 'PreemptionPolicy'].map((name) => ({ name })),
  row: (pc, now) => [pc.metadata.name ?? '', String(pc.value ?? 0), String(pc.globalDefault === true), age(pc, now), pc.preemptionPolicy ?? ''],
};

export function describePriorityClass(pc: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.line(0, 'Name:', pc.metadata.name ?? '');
  w.line(0, 'Value:', String(pc.value ?? 0));
  w.line(0, 'GlobalDefault:', String(pc.globalDefault === true));
  w.line(0, 'PreemptionPolicy:', pc.preemptionPolicy ?? '');
  w.line(0, 'Description:', pc.description ?? '');
  w.line(0, 'Annotations:', formatLabels(pc.metadata.annotations));
  writeEvents(w, eventsFor(pc, ctx), ctx.now);
  return w.toString();
}

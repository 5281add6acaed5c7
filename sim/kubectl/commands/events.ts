// `kubectl events`: the namespace's events (or all namespaces', or one object's with --for) as
// kubectl 1.32's event printer shows them, oldest first, and with -w the ones that follow.

import type { KubeEvent, KubeObject } from '../../api/types';
import type { Program } from '../../process';
import type { Implementations, Invocation } from '../command';
import { plainError } from '../errors';
import { parseRfc3339 } from '../../time';
import { sinceText } from '../printers/cells';
import { alignCells, tableSettings } from '../printers/tabwriter';
import { toYaml } from '../printers/yaml-emitter';
import { resolveType } from '../resource-args';
import { refusing } from './common';
import { requestTimeoutMs } from './streaming';

interface EventQuery {
  namespace: string | undefined;
  forObject?: { kind: string; name: string };
  types: string[];
}

function query(inv: Invocation): EventQuery {
  let forObject: EventQuery['forObject'];
  const forText = inv.flags.string('for');
  if (forText !== '') {
    if (!forText.includes('/')) throw plainError('--for must be in resource/name form');
    const parts = forText.split('/');
    if (parts.length !== 2) throw plainError('arguments in resource/name form may not have more than one slash');
    forObject = { kind: resolveType(parts[0]).kind, name: parts[1] };
  }
  // kubectl sorts and de-duplicates the types, then accepts Normal and Warning in any case.
  const types = [...new Set(inv.flags.list('types'))].sort();
  if (types.some((t) => !['normal', 'warning'].includes(t.toLowerCase()))) throw plainError('valid --types are Normal or Warning');
  return { namespace: inv.flags.bool('all-namespaces') ? undefined : inv.namespace, forObject, types };
}

function selected(event: KubeEvent, q: EventQuery): boolean {
  if (q.forObject && (event.involvedObject?.kind !== q.forObject.kind || event.involvedObject?.name !== q.forObject.name)) return false;
  return q.types.length === 0 || q.types.some((t) => t.toLowerCase() === String(event.type).toLowerCase());
}

/** The LAST SEEN cell: `5s`, or `5s (x3 over 40s)` for a repeated event. */
function interval(event: KubeEvent, now: number): string {
  const first = event.eventTime ? sinceText(parseRfc3339(event.eventTime), now) : sinceText(parseRfc3339(event.firstTimestamp), now);
  if ((event.count ?? 0) > 1) return `${sinceText(parseRfc3339(event.lastTimestamp), now)} (x${event.count} over ${first})`;
  return first;
}

/** What kubectl sorts by: the last time the event was seen. */
function lastSeen(event: KubeEvent): number {
  return parseRfc3339(event.lastTimestamp || event.eventTime || undefined) ?? 0;
}

/** A cell ends at its first line break, as kubectl's printer cuts it. */
function cell(text: string): string {
  const cut = text.search(/[\f\n\r]/);
  return cut >= 0 ? `${text.slice(0, cut)}...` : text;
}

function row(event: KubeEvent, now: number, allNamespaces: boolean): string[] {
  const cells = [interval(event, now), cell(event.type ?? ''), cell(event.reason ?? ''), `${cell(event.involvedObject?.kind ?? '')}/${cell(event.involvedObject?.name ?? '')}`, cell(String(event.message ?? '').trim())];
  return allNamespaces ? [event.metadata.namespace ?? '', ...cells] : cells;
}

function header(allNamespaces: boolean): string[] {
  const cells = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
  return allNamespaces ? ['NAMESPACE', ...cells] : cells;
}

function events(inv: Invocation): Program | number {
  const q = query(inv);
  const allNamespaces = q.namespace === undefined;
  const noHeaders = inv.flags.bool('no-headers');
  if (inv.flags.bool('watch')) return watchEvents(inv, q, allNamespaces, noHeaders);
  const now = inv.ctx.now();
  const found = (inv.deps.api.list('Event', q.namespace, { readOnly: true }) as KubeEvent[]).filter((e) => selected(e, q));
  if (found.length === 0) {
    inv.err(allNamespaces ? 'No events found.\n' : `No events found in ${q.namespace} namespace.\n`);
    return 0;
  }
  const sorted = [...found].sort((a, b) => lastSeen(a) - lastSeen(b));
  if (inv.flags.string('output') === 'yaml') {
    // kubectl prints the list it put together itself: an EventList without list metadata.
    inv.out(toYaml({ apiVersion: 'v1', items: sorted.map(withoutManagedFields), kind: 'EventList', metadata: {} } as never));
    return 0;
  }
  const lines = sorted.map((e) => row(e, now, allNamespaces));
  inv.out(`${alignCells(noHeaders ? lines : [header(allNamespaces), ...lines], tableSettings)}\n`);
  return 0;
}

/**
 * A watch starts with the events that already exist, then prints each new or updated one as it
 * comes; every print is aligned on its own, as kubectl flushes its table writer after each.
 */
function* watchEvents(inv: Invocation, q: EventQuery, allNamespaces: boolean, noHeaders: boolean): Program {
  const pending: KubeObject[] = [...inv.deps.api.list('Event', q.namespace, { readOnly: true })];
  const unsubscribe = inv.deps.api.watch('Event', q.namespace, (change) => {
    if (change.type !== 'DELETED') pending.push(change.object);
  });
  let headerPrinted = noHeaders;
  const timeout = requestTimeoutMs(inv);
  const deadline = timeout > 0 ? inv.ctx.now() + timeout : undefined;
  try {
    for (;;) {
      while (pending.length > 0) {
        const event = pending.shift() as KubeEvent;
        if (!selected(event, q)) continue;
        const lines = [row(event, inv.ctx.now(), allNamespaces)];
        if (!headerPrinted) lines.unshift(header(allNamespaces));
        headerPrinted = true;
        inv.out(`${alignCells(lines, tableSettings)}\n`);
      }
      if (deadline !== undefined && inv.ctx.now() >= deadline) return 0;
      yield deadline !== undefined ? { kind: 'change', until: deadline } : { kind: 'change' };
    }
  } finally {
    unsubscribe();
  }
}

function withoutManagedFields(event: KubeEvent): KubeEvent {
  const { managedFields: _omitted, ...metadata } = event.metadata;
  return { ...event, metadata };
}

/** Of the -o formats, the lab prints YAML (json, name and templates are not simulated for events). */
function onlyYaml(run: (inv: Invocation) => Program | number): (inv: Invocation) => Program | number {
  return (inv) => {
    const output = inv.flags.string('output');
    if (output !== '' && output !== 'yaml') throw plainError(`--output=${output} is not supported in this lab for kubectl events`);
    if (output === 'yaml' && inv.flags.bool('watch')) throw plainError('--output with --watch is not supported in this lab for kubectl events');
    return run(inv);
  };
}

export const eventsCommands: Implementations = {
  events: { run: refusing(['template'], onlyYaml(events)) },
};

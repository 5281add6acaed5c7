// Pieces several `kubectl describe` outputs share: label and annotation blocks, tolerations,
// times, controller references and the events table.

import type { KubeObject, Toleration } from '../../api/types';
import type { ApiServer } from '../../api/server';
import { parseRfc3339, rfc1123z } from '../../time';
import { timestampSince } from './cells';
import type { DescribeWriter } from './describe-writer';

export interface DescribeContext {
  api: ApiServer;
  now: number;
}

const maxAnnotationLength = 140;
const hiddenAnnotations = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

/** RFC1123Z, or Go's zero time for a missing value. */
export function describeTime(text: string | null | undefined): string {
  const ms = parseRfc3339(text ?? undefined);
  return ms === undefined ? 'Mon, 01 Jan 0001 00:00:00 +0000' : rfc1123z(ms);
}

/** `Labels:  a=b` then one `k=v` per line, aligned under the first. */
export function writeLabels(w: DescribeWriter, title: string, labels: Record<string, string> | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, initialIndent + innerIndent);
    w.write(0, `${key}=${labels![key]}\n`);
  });
}

function shorten(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) + '...' : text;
}

export function writeAnnotations(w: DescribeWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !hiddenAnnotations.has(k))
    .sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = annotations![key].replace(/\n$/, '');
    if (value.length + key.length + 2 > maxAnnotationLength || value.includes('\n')) {
      w.write(0, `${key}:\n`);
      for (const part of value.split('\n')) w.write(0, `\t  ${shorten(part, maxAnnotationLength - 2)}\n`);
    } else {
      w.write(0, `${key}: ${value}\n`);
    }
  });
}

export function writeTolerations(w: DescribeWriter, title: string, tolerations: Toleration[] | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const list = [...(tolerations ?? [])].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  if (list.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  list.forEach((t, i) => {
    if (i !== 0) w.write(0, initialIndent + innerIndent);
    let text = t.key ?? '';
    if (t.value) text += `=${t.value}`;
    if (t.effect) text += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) text += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) text += ` for ${t.tolerationSeconds}s`;
    w.write(0, text + '\n');
  });
}

/** `ReplicaSet/web-7d9f8c6b5`, or '' when nothing controls the object. */
export function controllerOf(obj: KubeObject): string {
  const owner = (obj.metadata.ownerReferences ?? []).find((o) => o.controller);
  return owner ? `${owner.kind}/${owner.name}` : '';
}

/** Events about `obj`, as describe fetches them. */
export function eventsFor(obj: KubeObject, ctx: DescribeContext): KubeObject[] {
  const namespace = obj.metadata.namespace || undefined;
  // Kubelets report node events with the node's name as its uid, so nodes match on name only.
  const byNameOnly = obj.kind === 'Node';
  let events: KubeObject[];
  try {
    // Read where they are stored: describe only prints them, and a namespace can hold thousands.
    events = ctx.api.list('Event', namespace, { readOnly: true });
  } catch {
    return [];
  }
  return events.filter((e) => {
    const ref = e.involvedObject ?? {};
    if (ref.kind && ref.kind !== obj.kind) return false;
    if (!byNameOnly && ref.uid && obj.metadata.uid) return ref.uid === obj.metadata.uid;
    return ref.name === obj.metadata.name && (ref.namespace ?? '') === (obj.metadata.namespace ?? '');
  });
}

function lastSeen(e: KubeObject): number {
  return parseRfc3339(e.lastTimestamp) ?? parseRfc3339(e.eventTime) ?? parseRfc3339(e.firstTimestamp) ?? 0;
}

export function writeEvents(w: DescribeWriter, events: KubeObject[], now: number): void {
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const sorted = events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => lastSeen(a.e) - lastSeen(b.e) || a.i - b.i)
    .map((x) => x.e);
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.line(1, '----', '------', '----', '----', '-------');
  for (const e of sorted) {
    const first = e.eventTime ? timestampSince(e.eventTime, now) : timestampSince(e.firstTimestamp, now);
    let interval = first;
    if (e.series) interval = `${timestampSince(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${timestampSince(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    const source = e.source?.component || e.reportingComponent || '';
    w.line(1, e.type ?? '', e.reason ?? '', interval, source, String(e.message ?? '').trim());
  }
}

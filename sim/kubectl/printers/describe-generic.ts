// The describer kubectl falls back to for kinds without their own: every field, sorted, with
// camel-case names turned into labels (`firstTimestamp` → `First Timestamp`).

import type { KubeObject } from '../../api/types';
import { DescribeWriter } from './describe-writer';
import { eventsFor, writeAnnotations, writeEvents, writeLabels, type DescribeContext } from './describe-common';

const acronyms = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

type CharClass = 'lower' | 'upper' | 'digit' | 'other';

function classOf(ch: string): CharClass {
  if (/\p{Ll}/u.test(ch)) return 'lower';
  if (/\p{Lu}/u.test(ch)) return 'upper';
  if (/\p{Nd}/u.test(ch)) return 'digit';
  return 'other';
}

/** Splits camel case as github.com/fatih/camelcase does (`podIPs` → pod, I, Ps). */
export function splitCamelCase(text: string): string[] {
  const runs: string[][] = [];
  let last: CharClass | undefined;
  for (const ch of text) {
    const c = classOf(ch);
    if (c === last) runs[runs.length - 1].push(ch);
    else runs.push([ch]);
    last = c;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (runs[i].length > 0 && classOf(runs[i][0]) === 'upper' && classOf(runs[i + 1][0]) === 'lower') {
      runs[i + 1].unshift(runs[i].pop()!);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}

export function smartLabel(field: string): string {
  if ([...field].some((ch) => ch !== '-' && !/\p{L}/u.test(ch))) return field;
  return splitCamelCase(field)
    .filter((part) => part !== '_')
    .map((part) => (acronyms.has(part.toUpperCase()) ? part.toUpperCase() : part.charAt(0).toUpperCase() + part.slice(1)))
    .join(' ');
}

function scalarText(value: unknown): string {
  return value === null || value === undefined ? '<nil>' : String(value);
}

function writeContent(w: DescribeWriter, level: number, content: Record<string, unknown>, prefix: string, skip: Set<string>): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (skip.has(path) || value === undefined) continue;
    if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of value) {
        if (typeof child === 'object' && child !== null && !Array.isArray(child)) writeContent(w, level + 1, child as Record<string, unknown>, path, skip);
        else w.write(level + 1, `${scalarText(child)}\n`);
      }
    } else if (typeof value === 'object' && value !== null) {
      w.write(level, `${smartLabel(field)}:\n`);
      writeContent(w, level + 1, value as Record<string, unknown>, path, skip);
    } else {
      w.write(level, `${smartLabel(field)}:\t${scalarText(value)}\n`);
    }
  }
}

export function describeGeneric(obj: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.line(0, 'Name:', obj.metadata.name ?? '');
  w.line(0, 'Namespace:', obj.metadata.namespace ?? '');
  writeLabels(w, 'Labels', obj.metadata.labels);
  writeAnnotations(w, 'Annotations', obj.metadata.annotations);
  writeContent(w, 0, obj as Record<string, unknown>, '', new Set(['.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']));
  writeEvents(w, eventsFor(obj, ctx), ctx.now);
  return w.toString();
}

// `kubectl describe` for ConfigMap, Secret, ServiceAccount, Namespace, LimitRange and ResourceQuota.

import type { KubeObject } from '../../api/types';
import { base64Decode } from '../../encoding/base64';
import { DescribeWriter } from './describe-writer';
import { eventsFor, writeAnnotations, writeEvents, writeLabels, type DescribeContext } from './describe-common';

function header(w: DescribeWriter, obj: KubeObject, withNamespace = true): void {
  w.line(0, 'Name:', obj.metadata.name ?? '');
  if (withNamespace) w.line(0, 'Namespace:', obj.metadata.namespace ?? '');
  writeLabels(w, 'Labels', obj.metadata.labels);
  writeAnnotations(w, 'Annotations', obj.metadata.annotations);
}

/** Bytes a base64 value decodes to. */
function decodedLength(base64: string): number {
  const clean = base64.replace(/\s/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - padding;
}

export function describeConfigMap(cm: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  header(w, cm);
  w.write(0, '\nData\n====\n');
  const data: Record<string, string> = cm.data ?? {};
  for (const key of Object.keys(data).sort()) {
    w.write(0, `${key}:\n----\n`);
    w.write(0, `${data[key]}\n`);
  }
  w.write(0, '\nBinaryData\n====\n');
  const binary: Record<string, string> = cm.binaryData ?? {};
  for (const key of Object.keys(binary).sort()) w.write(0, `${key}: ${decodedLength(binary[key])} bytes\n`);
  w.write(0, '\n');
  writeEvents(w, eventsFor(cm, ctx), ctx.now);
  return w.toString();
}

/** Secrets print no events in kubectl. */
export function describeSecret(secret: KubeObject, _ctx: DescribeContext): string {
  const w = new DescribeWriter();
  header(w, secret);
  w.write(0, `\nType:\t${secret.type ?? ''}\n`);
  w.write(0, '\nData\n====\n');
  const data: Record<string, string> = secret.data ?? {};
  for (const key of Object.keys(data).sort()) {
    if (key === 'token' && secret.type === 'kubernetes.io/service-account-token') w.line(0, `${key}:`, base64Decode(data[key]) ?? '');
    else w.line(0, `${key}:`, `${decodedLength(data[key])} bytes`);
  }
  return w.toString();
}

export function describeServiceAccount(sa: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  header(w, sa);
  const groups: [string, string[]][] = [
    ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((s: { name: string }) => s.name)],
    ['Mountable secrets: ', (sa.secrets ?? []).map((s: { name: string }) => s.name)],
    ['Tokens:            ', []],
  ];
  for (const [title, names] of groups) {
    if (names.length === 0) w.line(0, title, '<none>');
    names.forEach((name, i) => w.line(0, i === 0 ? title : '                   ', name));
  }
  writeEvents(w, eventsFor(sa, ctx), ctx.now);
  return w.toString();
}

export function describeNamespace(ns: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  header(w, ns, false);
  w.line(0, 'Status:', ns.status?.phase ?? '');
  let quotas: KubeObject[] = [];
  let limitRanges: KubeObject[] = [];
  try {
    quotas = ctx.api.list('ResourceQuota', ns.metadata.name);
  } catch {
    quotas = [];
  }
  try {
    limitRanges = ctx.api.list('LimitRange', ns.metadata.name);
  } catch {
    limitRanges = [];
  }
  w.write(0, '\n');
  if (quotas.length === 0) w.write(0, 'No resource quota.\n');
  else {
    w.write(0, 'Resource Quotas\n');
    for (const quota of [...quotas].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))) {
      w.line(1, 'Name:', quota.metadata.name ?? '');
      w.write(1, 'Resource\tUsed\tHard\n');
      w.write(1, '--------\t---\t---\n');
      writeQuotaRows(w, quota, 1);
    }
  }
  w.write(0, '\n');
  if (limitRanges.length === 0) w.write(0, 'No LimitRange resource.\n');
  else {
    w.write(0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
    w.write(0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
    for (const range of limitRanges) writeLimitRangeItems(w, range, ' ');
  }
  return w.toString();
}

interface LimitRangeItem {
  type?: string;
  max?: Record<string, string>;
  min?: Record<string, string>;
  default?: Record<string, string>;
  defaultRequest?: Record<string, string>;
  maxLimitRequestRatio?: Record<string, string>;
}

/** One row per item and resource, `-` where the item sets nothing (describeLimitRangeSpec). */
function writeLimitRangeItems(w: DescribeWriter, range: KubeObject, prefix: string): void {
  for (const item of (range.spec?.limits ?? []) as LimitRangeItem[]) {
    const lists = [item.min, item.max, item.defaultRequest, item.default, item.maxLimitRequestRatio];
    // kubectl walks a Go map here, in no fixed order; the lab lists the resources by name.
    const names = [...new Set(lists.flatMap((list) => Object.keys(list ?? {})))].sort();
    for (const name of names) w.write(0, `${prefix}${item.type ?? ''}\t${name}\t${lists.map((list) => list?.[name] ?? '-').join('\t')}\n`);
  }
}

/** One row per resource of status.hard, sorted, with what is used of it. */
function writeQuotaRows(w: DescribeWriter, quota: KubeObject, level: number): void {
  const hard: Record<string, string> = quota.status?.hard ?? {};
  const used: Record<string, string> = quota.status?.used ?? {};
  for (const resource of Object.keys(hard).sort()) w.line(level, resource, used[resource] ?? '0', hard[resource]);
}

/** What describe says each scope matches (helpTextForResourceQuotaScope). */
const scopeHelp: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

export function describeResourceQuota(quota: KubeObject): string {
  const w = new DescribeWriter();
  w.line(0, 'Name:', quota.metadata.name ?? '');
  w.line(0, 'Namespace:', quota.metadata.namespace ?? '');
  const scopes = [...((quota.spec?.scopes ?? []) as string[])].sort();
  if (scopes.length > 0) {
    w.line(0, 'Scopes:', scopes.join(', '));
    for (const scope of scopes) if (scopeHelp[scope]) w.write(0, ` * ${scopeHelp[scope]}\n`);
  }
  w.write(0, 'Resource\tUsed\tHard\n');
  w.write(0, '--------\t----\t----\n');
  writeQuotaRows(w, quota, 0);
  return w.toString();
}

export function describeLimitRange(range: KubeObject): string {
  const w = new DescribeWriter();
  w.line(0, 'Name:', range.metadata.name ?? '');
  w.line(0, 'Namespace:', range.metadata.namespace ?? '');
  w.write(0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  writeLimitRangeItems(w, range, '');
  return w.toString();
}

// `kubectl diff -f FILE`: what `kubectl apply` would change. kubectl writes each live object and
// the server's dry-run result of applying the file into two temporary directories as YAML, then
// runs `diff -u -N` over them; its output and exit code (0 same, 1 changed, >1 trouble) are
// kubectl's.

import { isApiError } from '../../api/errors';
import { resourceTypeForKind } from '../../api/resources';
import type { KubeObject } from '../../api/types';
import type { Implementations, Invocation } from '../command';
import { formatApiError, formatApiErrorForFile, KubectlError } from '../errors';
import { klogPrefix } from '../klog';
import { hasFileArgs, readFileArgs } from '../manifests';
import { printObjects } from '../output';
import { appliedOver, lastAppliedAnnotation, liveObject, placeInNamespace } from './apply';
import { refusing } from './common';

/** `apps.v1.Deployment.default.web`, `v1.Namespace..dev`: the file name kubectl gives an object. */
function fileName(obj: KubeObject): string {
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
  return `${group ? `${group}.` : ''}${version}.${obj.kind}.${obj.metadata.namespace ?? ''}.${obj.metadata.name}`;
}

function yamlOf(obj: KubeObject | undefined, now: number): string[] {
  if (!obj) return [];
  const type = resourceTypeForKind(obj.kind)!;
  // Secrets' values are masked, as kubectl diff does, so they never reach the terminal.
  const shown = obj.kind === 'Secret' ? maskSecret(obj) : obj;
  const text = printObjects([{ type, objects: [shown] }], { output: 'yaml', now });
  return text.replace(/\n$/, '').split('\n');
}

function maskSecret(obj: KubeObject): KubeObject {
  const data = obj.data as Record<string, string> | undefined;
  if (!data) return obj;
  return { ...obj, data: Object.fromEntries(Object.keys(data).map((key) => [key, '***'])) };
}

/** GNU diff's time stamp: `2026-01-15 09:00:00.000000000 +0000`. kubectl writes both files (an empty one for a new object) at once. */
function diffTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${String(ms % 1000).padStart(3, '0')}000000 +0000`;
}

type Edit = { op: ' ' | '-' | '+'; line: string };

/** The shortest edit script from a to b (longest common subsequence). */
function edits(a: string[], b: string[]): Edit[] {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const lcs = new Uint32Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * cols + j] = a[i] === b[j] ? lcs[(i + 1) * cols + j + 1] + 1 : Math.max(lcs[(i + 1) * cols + j], lcs[i * cols + j + 1]);
    }
  }
  const script: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      script.push({ op: ' ', line: a[i++] });
      j++;
    } else if (j === b.length || (i < a.length && lcs[(i + 1) * cols + j] >= lcs[i * cols + j + 1])) {
      script.push({ op: '-', line: a[i++] });
    } else {
      script.push({ op: '+', line: b[j++] });
    }
  }
  return normalize(script);
}

/** Puts every run of changes in the order `-` lines then `+` lines, as GNU diff prints a change. */
function normalize(script: Edit[]): Edit[] {
  const out: Edit[] = [];
  for (let k = 0; k < script.length; ) {
    if (script[k].op === ' ') {
      out.push(script[k++]);
      continue;
    }
    const removed: Edit[] = [];
    const added: Edit[] = [];
    while (k < script.length && script[k].op !== ' ') (script[k].op === '-' ? removed : added).push(script[k++]);
    out.push(...removed, ...added);
  }
  return out;
}

/** The hunks of `diff -u` (three lines of context), or '' when a and b are the same. */
export function unifiedHunks(a: string[], b: string[]): string {
  const script = edits(a, b);
  const context = 3;
  const changed = script.map((e, k) => (e.op !== ' ' ? k : -1)).filter((k) => k >= 0);
  if (changed.length === 0) return '';
  let text = '';
  let start = 0;
  while (start < changed.length) {
    let end = start;
    while (end + 1 < changed.length && changed[end + 1] - changed[end] <= 2 * context) end++;
    const from = Math.max(0, changed[start] - context);
    const to = Math.min(script.length, changed[end] + context + 1);
    let aLine = script.slice(0, from).filter((e) => e.op !== '+').length;
    let bLine = script.slice(0, from).filter((e) => e.op !== '-').length;
    const body = script.slice(from, to);
    const aCount = body.filter((e) => e.op !== '+').length;
    const bCount = body.filter((e) => e.op !== '-').length;
    // An empty side is numbered by the line before it.
    aLine = aCount === 0 ? aLine : aLine + 1;
    bLine = bCount === 0 ? bLine : bLine + 1;
    const range = (line: number, count: number) => (count === 1 ? `${line}` : `${line},${count}`);
    text += `@@ -${range(aLine, aCount)} +${range(bLine, bCount)} @@\n`;
    text += body.map((e) => `${e.op}${e.line}\n`).join('');
    start = end + 1;
  }
  return text;
}

function keepLastApplied(merged: KubeObject, live: KubeObject): KubeObject {
  const annotations = { ...(merged.metadata.annotations ?? {}) };
  const previous = live.metadata.annotations?.[lastAppliedAnnotation];
  if (previous === undefined) delete annotations[lastAppliedAnnotation];
  else annotations[lastAppliedAnnotation] = previous;
  merged.metadata.annotations = annotations;
  if (Object.keys(annotations).length === 0) delete merged.metadata.annotations;
  return merged;
}

/** os.MkdirTemp's suffix: a decimal number that differs from run to run. */
function tempSuffix(now: number, salt: number): string {
  return String((Math.floor(now / 7) * 2654435761 + salt * 40503) % 4294967296);
}

function diff(inv: Invocation): number {
  if (!hasFileArgs(inv)) throw new KubectlError('error: must specify one of -f and -k', 2);
  const now = inv.ctx.now();
  const liveDir = `/tmp/LIVE-${tempSuffix(now, 1)}`;
  const mergedDir = `/tmp/MERGED-${tempSuffix(now, 2)}`;
  const pairs: { name: string; live?: KubeObject; merged: KubeObject }[] = [];
  const serverSide = inv.flags.bool('server-side');
  if (inv.flags.bool('force-conflicts') && !serverSide) throw new KubectlError('error: --force-conflicts only works with --server-side', 2);
  // With --server-side the applier is `kubectl` unless --field-manager names another, as for apply.
  const serverSideManager = inv.flags.has('field-manager') ? inv.flags.string('field-manager') : 'kubectl';
  for (const item of readFileArgs(inv, 'error: ', 2)) {
    const obj = placeInNamespace(inv, item);
    try {
      const live = liveObject(inv, obj);
      let merged: KubeObject;
      if (serverSide) merged = inv.deps.api.apply(obj, { fieldManager: serverSideManager, force: inv.flags.bool('force-conflicts'), dryRun: true });
      // Unlike apply, diff leaves the last-applied-configuration annotation as it is.
      else if (live) merged = inv.deps.api.update(keepLastApplied(appliedOver(live, obj), live), { dryRun: true, fieldManager: inv.flags.string('field-manager') });
      else merged = inv.deps.api.create(obj, { dryRun: true, fieldManager: inv.flags.string('field-manager') });
      pairs.push({ name: fileName(merged), live, merged });
    } catch (error) {
      if (!isApiError(error)) throw error;
      if (serverSide) {
        // kubectl retries a conflict with the live object locked, then once more without the lock.
        if (error.reason === 'Conflict') {
          const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
          inv.err(`${klogPrefix(inv.ctx.now(), 'W')} diff.go:723] Object (${group}/${version}, Kind=${obj.kind}: ${obj.metadata.name}) keeps changing, diffing without lock\n`);
        }
        throw new KubectlError(formatApiError(error), 2);
      }
      throw new KubectlError(formatApiErrorForFile(error, 'creating', item.source), 1);
    }
  }
  let changed = false;
  for (const pair of [...pairs].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))) {
    const hunks = unifiedHunks(yamlOf(pair.live, now), yamlOf(pair.merged, now));
    if (!hunks) continue;
    changed = true;
    const from = `${liveDir}/${pair.name}`;
    const to = `${mergedDir}/${pair.name}`;
    inv.out(`diff -u -N ${from} ${to}\n--- ${from}\t${diffTime(now)}\n+++ ${to}\t${diffTime(now)}\n${hunks}`);
  }
  return changed ? 1 : 0;
}

export const diffCommands: Implementations = {
  diff: { run: refusing(['prune', 'prune-allowlist', 'selector'], diff) },
};

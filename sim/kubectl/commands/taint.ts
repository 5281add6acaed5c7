// `kubectl taint nodes NAME key=value:Effect key:Effect- key-`: adds, replaces and removes node
// taints as kubectl 1.32 does, with its messages (k8s.io/kubectl/pkg/cmd/taint).

import type { KubeObject } from '../../api/types';
import { isQualifiedName, isValidLabelValue } from '../../api/validation/name-rules';
import type { Invocation, Implementations } from '../command';
import { plainError, usageError } from '../errors';
import { dryRunMode, printResult } from './common';

interface Taint {
  key: string;
  value?: string;
  effect?: string;
}

const effects = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** `key=value:effect`, `key:effect` or (to remove) `key`, as the taint utilities parse them. */
function parseTaint(spec: string, commandPath: string): Taint {
  const parts = spec.split(':');
  if (parts.length > 2) throw usageError(commandPath, `invalid taint spec: ${spec}`);
  let key = parts[0];
  let value: string | undefined;
  const effect = parts[1];
  if (effect !== undefined) {
    if (!effects.includes(effect)) throw usageError(commandPath, `invalid taint effect: ${effect}, unsupported taint effect`);
    const keyValue = parts[0].split('=');
    if (keyValue.length > 2) throw usageError(commandPath, `invalid taint spec: ${spec}`);
    key = keyValue[0];
    if (keyValue.length === 2) {
      value = keyValue[1];
      const errors = isValidLabelValue(value);
      if (errors.length > 0) throw usageError(commandPath, `invalid taint spec: ${spec}, ${errors.join('; ')}`);
    }
  }
  const errors = isQualifiedName(key);
  if (errors.length > 0) throw usageError(commandPath, `invalid taint spec: ${spec}, ${errors.join('; ')}`);
  return { key, value, effect };
}

/** As kubectl prints a taint: `key=value:effect`, `key:effect` or `key`. */
function taintText(taint: Taint): string {
  return `${taint.key}${taint.value ? `=${taint.value}` : ''}${taint.effect ? `:${taint.effect}` : ''}`;
}

/** Go's %v of a v1.Taint, as in "duplicated taints" ({key value effect <nil>}). */
function goTaint(taint: Taint): string {
  return `{${taint.key} ${taint.value ?? ''} ${taint.effect ?? ''} <nil>}`;
}

const matches = (taint: Taint, other: Taint) => taint.key === other.key && (!other.effect || taint.effect === other.effect);

export function taint(inv: Invocation): number {
  const isTaint = (arg: string) => arg.includes('=') || arg.includes(':') || arg.endsWith('-');
  const resources = inv.args.filter((arg) => !isTaint(arg));
  const specs = inv.args.filter(isTaint);
  if (specs.length === 0) throw plainError('at least one taint update is required');
  const toAdd: Taint[] = [];
  const toRemove: Taint[] = [];
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      toRemove.push(parseTaint(spec.slice(0, -1), inv.commandPath));
      continue;
    }
    const added = parseTaint(spec, inv.commandPath);
    if (!added.effect) throw usageError(inv.commandPath, `invalid taint spec: ${spec}`);
    if (toAdd.some((other) => other.key === added.key && other.effect === added.effect)) {
      throw usageError(inv.commandPath, `duplicated taints with the same key and effect: ${goTaint(added)}`);
    }
    toAdd.push(added);
  }
  const [type, ...names] = resources.flatMap((arg) => arg.split('/'));
  if (type === undefined) throw plainError('one or more resources must be specified as <resource> <name>');
  if (!['node', 'nodes', 'no'].includes(type.toLowerCase())) throw plainError(`invalid resource type ${type}, only ["node" "nodes"] are supported`);
  const conflicts = toRemove.filter((removed) => toAdd.some((added) => added.key === removed.key && (!removed.effect || added.effect === removed.effect)));
  if (conflicts.length > 0) {
    throw plainError(`can not both modify and remove the following taint(s) in the same command: ${conflicts.map((c) => `{"${c.key}":"${c.effect ?? ''}"}`).join(', ')}`);
  }
  const selector = inv.flags.string('selector');
  const all = inv.flags.bool('all');
  if (all && selector) throw plainError("setting 'all' parameter with a label selector is not allowed");
  let nodes: KubeObject[];
  if (names.length > 0) nodes = names.map((name) => inv.deps.api.get('Node', undefined, name));
  else if (all || selector) nodes = inv.deps.api.list('Node', undefined, { labelSelector: selector || undefined });
  else throw plainError('resource(s) were provided, but no name was specified');

  const mode = dryRunMode(inv);
  const overwrite = inv.flags.bool('overwrite');
  let status = 0;
  for (const node of nodes) {
    const old: Taint[] = node.spec?.taints ?? [];
    if (!overwrite) {
      const existing = toAdd.filter((added) => old.some((taint) => taint.key === added.key && taint.effect === added.effect)).map((taint) => taint.key);
      if (existing.length > 0) {
        inv.err(`error: node ${node.metadata.name} already has ${existing.join(',')} taint(s) with same effect(s) and --overwrite is false\n`);
        status = 1;
        continue;
      }
    }
    // The new taints first, then the old ones they do not replace; then the removals.
    let next: Taint[] = [...toAdd, ...old.filter((taint) => !toAdd.some((added) => added.key === taint.key && added.effect === taint.effect))];
    const added = next.length !== old.length;
    const missing = toRemove.filter((removed) => !next.some((taint) => matches(taint, removed)));
    next = next.filter((taint) => !toRemove.some((removed) => matches(taint, removed)));
    const deleted = toRemove.length > missing.length;
    if (missing.length > 0) {
      inv.err(`error: ${missing.map((taint) => `taint "${taintText(taint)}" not found`).join(', ')}\n`);
      status = 1;
      if (!added && !deleted) continue;
    }
    const operation = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
    // Taints kept from the node stay as they were (with their timeAdded); new ones as kubectl sends them.
    const written = next.map((taint) => (old.includes(taint) ? taint : { key: taint.key, ...(taint.value ? { value: taint.value } : {}), effect: taint.effect }));
    const updated = { ...node, spec: { ...node.spec, taints: written } };
    if (next.length === 0) delete updated.spec.taints;
    const result = mode === 'client' ? updated : inv.deps.api.update(updated, { dryRun: mode === 'server', fieldManager: inv.flags.string('field-manager') });
    printResult(inv, result, operation, mode);
  }
  return status;
}

export const taintCommands: Implementations = {
  taint: { run: taint },
};

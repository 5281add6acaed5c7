// `kubectl auth can-i VERB TYPE[/NAME] | NONRESOURCEURL`. The lab's user is bound to
// cluster-admin, so every access review the API server answers is allowed: `yes`. What differs
// between commands is kubectl's own checking first: the argument count, the flags that exclude
// each other, and the warnings about unknown resources, verbs and cluster-scoped resources.
// `--list` prints the user's rules as kubectl does: each rule broken down to one verb, group,
// resource and name, rules of one resource gathered again, sorted by Go's text of the rule.

import { resolveResourceType } from '../../api/resources';
import type { Invocation, Implementations } from '../command';
import { plainError } from '../errors';
import { learnerRules, type SubjectRules } from '../../api/learner-access';
import { alignCells, tableSettings } from '../printers/tabwriter';

/** Verbs kubectl knows for resources and for non-resource URLs; others draw a warning. */
const resourceVerbs = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*', 'approve', 'sign', 'escalate', 'attest']);
const nonResourceURLVerbs = new Set(['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*']);
/** Resources the server knows that discovery does not list (the targets of impersonation). */
const nonStandardResourceNames = new Set(['users', 'groups']);

/** kubectl's warning printer: the message (which ends in a line break) and a line break of its own. */
function warn(inv: Invocation, message: string): void {
  inv.err(`Warning: ${message}\n`);
}

function canI(inv: Invocation): number {
  const list = inv.flags.bool('list');
  const quiet = inv.flags.bool('quiet');
  const allNamespaces = inv.flags.bool('all-namespaces');
  const subresource = inv.flags.string('subresource');
  if (list) {
    if (inv.args.length !== 0) throw plainError('list option must be specified with no arguments');
    if (quiet || allNamespaces || subresource !== '') throw plainError("list option can't be specified with neither quiet, all-namespaces nor subresource options");
    printRules(inv, learnerRules);
    return 0;
  }
  if (inv.args.length !== 2) {
    throw plainError("you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.");
  }
  const [verb, target] = inv.args;
  if (target.startsWith('/')) {
    if (subresource !== '') throw plainError('--subresource can not be used with NonResourceURL');
    if (!nonResourceURLVerbs.has(verb)) warn(inv, `verb '${verb}' is not a known verb\n`);
  } else {
    const typed = target.split('/')[0];
    const type = typed === '*' ? undefined : resolveResourceType(typed);
    if (typed !== '*' && !type) {
      // As schema.ParseResourceArg: the resource is up to the first dot, its group the rest.
      const lower = typed.toLowerCase();
      const dot = lower.indexOf('.');
      const resource = dot < 0 ? lower : lower.slice(0, dot);
      const group = dot < 0 ? '' : lower.slice(dot + 1);
      if (!nonStandardResourceNames.has(lower)) {
        warn(inv, group ? `the server doesn't have a resource type '${resource}' in group '${group}'\n` : `the server doesn't have a resource type '${resource}'\n`);
      }
    }
    // A resource the server does not know has no scope to check; its verb is checked all the same.
    if (typed !== '' && !allNamespaces) {
      if (type && !type.namespaced) {
        warn(inv, type.group ? `resource '${type.plural}' is not namespace scoped in group '${type.group}'\n` : `resource '${type.plural}' is not namespace scoped\n`);
      }
      if (!resourceVerbs.has(verb)) warn(inv, `verb '${verb}' is not a known verb\n`);
    }
  }
  if (inv.flags.bool('no-headers')) throw plainError('--no-headers cannot be set without --list specified');
  if (!quiet) inv.out('yes\n');
  return 0;
}

/** An RBAC PolicyRule as kubectl handles it, with every list present (Go's nil prints as []). */
interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

function rule(fields: Partial<PolicyRule>): PolicyRule {
  return { verbs: [], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [], ...fields };
}

/** Go's `%v` of a string slice. */
const goList = (items: string[]): string => `[${items.join(' ')}]`;

/** The generated String() of rbacv1.PolicyRule, which kubectl sorts rules by. */
function ruleText(r: PolicyRule): string {
  return `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;
}

/** One rule per verb, group, resource and name; one per verb and URL. */
function breakDown(r: PolicyRule): PolicyRule[] {
  const parts: PolicyRule[] = [];
  for (const group of r.apiGroups) {
    for (const resource of r.resources) {
      for (const verb of r.verbs) {
        if (r.resourceNames.length === 0) parts.push(rule({ apiGroups: [group], resources: [resource], verbs: [verb] }));
        for (const name of r.resourceNames) parts.push(rule({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] }));
      }
    }
  }
  for (const url of r.nonResourceURLs) {
    for (const verb of r.verbs) parts.push(rule({ nonResourceURLs: [url], verbs: [verb] }));
  }
  return parts;
}

/** Rules naming one group, resource and at most one name are gathered into one rule with all their verbs. */
function compact(rules: PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of rules) {
    const isSimple = r.nonResourceURLs.length === 0 && r.resourceNames.length <= 1 && r.apiGroups.length === 1 && r.resources.length === 1;
    if (!isSimple) {
      compacted.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups[0], r.resources[0], r.resourceNames]);
    const existing = simple.get(key);
    if (existing) existing.verbs.push(...r.verbs);
    else simple.set(key, { ...r, verbs: [...r.verbs] });
  }
  return [...compacted, ...simple.values()];
}

/** kubectl's describe.CombineResourceGroup: `resource.group`, with a subresource kept after a slash. */
function resourceWithGroup(r: PolicyRule): string {
  if (r.resources.length === 0) return '';
  const [resource, subresource] = r.resources[0].split(/\/(.*)/s);
  const group = r.apiGroups[0] ?? '';
  return resource + (group !== '' ? `.${group}` : '') + (subresource !== undefined ? `/${subresource}` : '');
}

function printRules(inv: Invocation, rules: SubjectRules): void {
  const policyRules = [
    ...rules.resourceRules.map((r) => rule({ verbs: r.verbs, apiGroups: r.apiGroups, resources: r.resources, resourceNames: r.resourceNames ?? [] })),
    ...rules.nonResourceRules.map((r) => rule({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs })),
  ];
  const sorted = compact(policyRules.flatMap(breakDown))
    .map((r) => ({ r, text: ruleText(r) }))
    .sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
    .map(({ r }) => r);
  const lines = sorted.map((r) => [resourceWithGroup(r), goList(r.nonResourceURLs), goList(r.resourceNames), goList(r.verbs)]);
  if (!inv.flags.bool('no-headers')) lines.unshift(['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs']);
  inv.out(`${alignCells(lines, tableSettings)}\n`);
}

export const authCommands: Implementations = {
  'auth can-i': { run: canI },
};

// `kubectl auth can-i VERB TYPE[/NAME] | NONRESOURCEURL`. The lab's user is bound to
// cluster-admin, so every access review the API server answers is allowed: `yes`. What differs
// between commands is kubectl's own checking first: the argument count, the flags that exclude
// each other, and the warnings about unknown resources, verbs and cluster-scoped resources.

import { resolveResourceType } from '../../api/resources';
import type { Invocation, Implementations } from '../command';
import { plainError } from '../errors';

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
    throw plainError('--list is not supported in this lab');
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

export const authCommands: Implementations = {
  'auth can-i': { run: canI },
};

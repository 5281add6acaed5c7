// Resolving what a learner names on the command line: `TYPE NAME...`, `TYPE/NAME...`,
// `TYPE1,TYPE2`, and `all`.

import { allCategoryTypes, resolveResourceType, type ResourceType } from '../api/resources';
import { plainError } from './errors';

export interface ResourceRequest {
  type: ResourceType;
  /** Empty: every object of the type. */
  names: string[];
}

export function resolveType(typed: string): ResourceType {
  const type = resolveResourceType(typed);
  if (!type) throw plainError(`the server doesn't have a resource type "${typed}"`);
  return type;
}

function expandTypes(typed: string): ResourceType[] {
  return typed.split(',').flatMap((part) => (part.toLowerCase() === 'all' ? [...allCategoryTypes] : [resolveType(part)]));
}

/**
 * `pods` → all pods; `pod a b` → two pods; `pod/a svc/b` → one of each; `po,svc` → both types.
 * Requests for the same type are merged, keeping first-seen order.
 */
export function parseResourceArgs(args: string[]): ResourceRequest[] {
  if (args.length === 0) return [];
  const requests: ResourceRequest[] = [];
  const add = (type: ResourceType, names: string[]) => {
    const existing = requests.find((r) => r.type === type);
    if (existing) existing.names.push(...names);
    else requests.push({ type, names: [...names] });
  };
  if (args.some((a) => a.includes('/'))) {
    for (const arg of args) {
      const slash = arg.indexOf('/');
      if (slash < 0) {
        throw plainError(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`);
      }
      const name = arg.slice(slash + 1);
      if (!name) throw plainError(`arguments in resource/name form must have a single resource and name`);
      add(resolveType(arg.slice(0, slash)), [name]);
    }
    return requests;
  }
  const [typed, ...names] = args;
  const types = expandTypes(typed);
  if (names.length > 0 && types.length > 1) {
    for (const type of types) add(type, names);
    return requests;
  }
  for (const type of types) add(type, names);
  return requests;
}

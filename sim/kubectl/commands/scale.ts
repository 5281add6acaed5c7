// `kubectl scale --replicas=N TYPE NAME`.

import { checkOutputFormat, dryRunMode, printResult, refusing } from './common';
import type { Invocation, Implementations } from '../command';
import { KubectlError, noResourcesSpecified, plainError } from '../errors';
import { parseResourceArgs } from '../resource-args';
import { hasFileArgs, readFileArgs } from '../manifests';
import type { KubeObject } from '../../api/types';
import { scalableKinds } from '../../api/resources';
import { isApiError } from '../../api/errors';

function scale(inv: Invocation): number {
  const replicas = inv.flags.int('replicas');
  if (replicas < 0) throw plainError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const fromFiles = hasFileArgs(inv);
  if (inv.args.length === 0 && !fromFiles) throw new KubectlError(noResourcesSpecified);
  const current = inv.flags.int('current-replicas');
  checkOutputFormat(inv);
  const mode = dryRunMode(inv);
  // -f or -k names the objects by their manifests.
  const args = fromFiles ? readFileArgs(inv).map(({ object }) => `${object.kind}/${object.metadata.name}`) : inv.args;
  const selector = inv.flags.string('selector');
  // kubectl scales what it found; objects it could not get only matter when it found none.
  const found: KubeObject[] = [];
  let firstError: Error | undefined;
  for (const request of parseResourceArgs(args)) {
    // Kinds without a scale subresource: the API answers 404.
    if (!scalableKinds.includes(request.type.kind)) throw new KubectlError('Error from server (NotFound): the server could not find the requested resource');
    if (request.names.length > 0) {
      for (const name of request.names) {
        try {
          found.push(inv.deps.api.get(request.type.kind, inv.namespace, name));
        } catch (error) {
          if (!isApiError(error)) throw error;
          firstError ??= error;
        }
      }
    } else if (selector || inv.flags.bool('all')) found.push(...inv.deps.api.list(request.type.kind, inv.namespace, { labelSelector: selector || undefined }));
    else throw plainError('resource(s) were provided, but no name was specified');
  }
  if (found.length === 0 && firstError) throw plainError(`no objects passed to scale ${firstError.message}`);
  for (const obj of found) {
    const version = inv.flags.string('resource-version');
    if (version !== '' && obj.metadata.resourceVersion !== version) {
      throw plainError(`Expected resource version to be ${version}, was ${obj.metadata.resourceVersion ?? ''}`);
    }
    if (current >= 0 && (obj.spec?.replicas ?? 1) !== current) {
      throw plainError(`Expected replicas to be ${current}, was ${obj.spec?.replicas ?? 1}`);
    }
    // With --dry-run=client kubectl prints the object as it found it.
    if (mode === 'client') {
      printResult(inv, obj, 'scaled', mode);
      continue;
    }
    obj.spec = { ...(obj.spec ?? {}), replicas };
    printResult(inv, inv.deps.api.update(obj, { dryRun: mode === 'server', subresource: 'scale' }), 'scaled', mode);
  }
  return 0;
}

export const scaleCommands: Implementations = {
  scale: { run: refusing(['recursive', 'timeout'], scale), required: ['replicas'] },
};

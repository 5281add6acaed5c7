// `kubectl autoscale (TYPE NAME | TYPE/NAME | -f FILE) --max=N [--min=N] [--cpu-percent=N]`: an
// autoscaling/v1 HorizontalPodAutoscaler for each scalable object, as kubectl 1.32 writes it.

import { checkOutputFormat, dryRunMode, printResult, refusing, saveConfig, structuredCloneJson } from './common';
import type { Invocation, Implementations } from '../command';
import { KubectlError, noResourcesSpecified, plainError } from '../errors';
import { parseResourceArgs } from '../resource-args';
import { hasFileArgs, readFileArgs, refuseResourceArgsWithFiles } from '../manifests';
import type { KubeObject } from '../../api/types';
import { apiVersionOf, scalableKinds } from '../../api/resources';
import { toAutoscalingV1 } from '../../api/kinds/horizontal-pod-autoscaler';

function autoscale(inv: Invocation): number {
  const min = inv.flags.int('min');
  const max = inv.flags.int('max');
  const cpuPercent = inv.flags.int('cpu-percent');
  if (max < 1) throw plainError(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (max < min) throw plainError(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  const fromFiles = hasFileArgs(inv);
  if (inv.args.length === 0 && !fromFiles) throw new KubectlError(noResourcesSpecified);
  refuseResourceArgsWithFiles(inv);
  checkOutputFormat(inv);
  const mode = dryRunMode(inv);
  // -f or -k names the objects by their manifests.
  const args = fromFiles ? readFileArgs(inv).map(({ object }) => `${object.kind}/${object.metadata.name}`) : inv.args;
  const requests = parseResourceArgs(args);
  let count = 0;
  for (const request of requests) {
    if (request.names.length === 0) throw plainError('resource(s) were provided, but no name was specified');
    for (const name of request.names) {
      // kubectl gets the object first, then asks discovery for its scale subresource.
      inv.deps.api.get(request.type.kind, inv.namespace, name);
      if (!scalableKinds.includes(request.type.kind)) {
        throw plainError(`cannot autoscale a ${request.type.kind}: could not find scale subresource for ${request.type.group}/${request.type.version}, Resource=${request.type.plural} in discovery information`);
      }
      // In the order of the autoscaling/v1 Go structs, which -o json with --dry-run=client shows; kubectl sets no namespace.
      const metadata: Record<string, unknown> = { name: inv.flags.string('name') || name, creationTimestamp: null };
      const spec: Record<string, unknown> = { scaleTargetRef: { kind: request.type.kind, name, apiVersion: apiVersionOf(request.type) } };
      if (min > 0) spec.minReplicas = min;
      spec.maxReplicas = max;
      if (cpuPercent >= 0) spec.targetCPUUtilizationPercentage = cpuPercent;
      const hpa = { kind: 'HorizontalPodAutoscaler', apiVersion: 'autoscaling/v1', metadata, spec, status: { currentReplicas: 0, desiredReplicas: 0 } } as KubeObject;
      if (mode === 'client') {
        printResult(inv, hpa, 'created', mode);
      } else {
        const toSend = structuredCloneJson(hpa);
        toSend.metadata.namespace = inv.namespace;
        if (inv.flags.bool('save-config')) saveConfig(toSend);
        const created = inv.deps.api.create(toSend, { dryRun: mode === 'server', fieldManager: inv.flags.string('field-manager') });
        // The server answers in the version kubectl wrote.
        printResult(inv, toAutoscalingV1(created), 'autoscaled', mode);
      }
      count++;
    }
  }
  if (count === 0) throw plainError('no objects passed to autoscale');
  return 0;
}

export const autoscaleCommands: Implementations = {
  autoscale: { run: refusing(['recursive'], autoscale), required: ['max'] },
};

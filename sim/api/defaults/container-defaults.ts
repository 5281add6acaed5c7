// Container defaults from SetDefaults_Container, _ContainerPort, _Probe and _HTTPGetAction
// (pkg/apis/core/v1/defaults.go), and the milli rounding of every resource list.
import type { Container, Probe } from '../types';
import { tryParseQuantity } from '../quantity';

/** `Always` for `:latest` or no tag (and no digest), else `IfNotPresent`. */
export function defaultPullPolicy(image: string | undefined): 'Always' | 'IfNotPresent' {
  if (!image) return 'Always';
  if (image.includes('@')) return 'IfNotPresent';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  const tag = colon === -1 ? 'latest' : lastSegment.slice(colon + 1);
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** Canonical quantities, rounded up to milli precision (SetDefaults_ResourceList). */
export function normalizeResourceList(list: Record<string, unknown> | undefined): void {
  if (!list || typeof list !== 'object') return;
  for (const [name, value] of Object.entries(list)) {
    const quantity = tryParseQuantity(value);
    if (quantity) list[name] = quantity.roundUpToMilli().toString();
  }
}

function defaultHttpGet(handler: { httpGet?: { path?: string; scheme?: string } } | undefined): void {
  if (!handler?.httpGet) return;
  handler.httpGet.path ??= '/';
  if (handler.httpGet.path === '') handler.httpGet.path = '/';
  handler.httpGet.scheme ??= 'HTTP';
}

export function applyProbeDefaults(probe: Probe | undefined): void {
  if (!probe || typeof probe !== 'object') return;
  // Go's int32 fields with omitempty: 0 is "not set", so it takes the default, and a zero delay vanishes.
  if (probe.timeoutSeconds === undefined || probe.timeoutSeconds === 0) probe.timeoutSeconds = 1;
  if (probe.periodSeconds === undefined || probe.periodSeconds === 0) probe.periodSeconds = 10;
  if (probe.successThreshold === undefined || probe.successThreshold === 0) probe.successThreshold = 1;
  if (probe.failureThreshold === undefined || probe.failureThreshold === 0) probe.failureThreshold = 3;
  if (probe.initialDelaySeconds === 0) delete probe.initialDelaySeconds;
  defaultHttpGet(probe);
}

export function applyContainerDefaults(container: Container): void {
  if (!container || typeof container !== 'object') return;
  container.imagePullPolicy ??= defaultPullPolicy(container.image);
  container.terminationMessagePath ??= '/dev/termination-log';
  container.terminationMessagePolicy ??= 'File';
  for (const port of Array.isArray(container.ports) ? container.ports : []) port.protocol ??= 'TCP';
  container.resources ??= {};
  normalizeResourceList(container.resources.limits);
  normalizeResourceList(container.resources.requests);
  applyProbeDefaults(container.livenessProbe);
  applyProbeDefaults(container.readinessProbe);
  applyProbeDefaults(container.startupProbe);
  defaultHttpGet(container.lifecycle?.postStart);
  defaultHttpGet(container.lifecycle?.preStop);
  for (const env of Array.isArray(container.env) ? container.env : []) {
    if (env.valueFrom?.fieldRef) env.valueFrom.fieldRef.apiVersion ??= 'v1';
    if (env.valueFrom?.resourceFieldRef) {
      const divisor = env.valueFrom.resourceFieldRef.divisor;
      env.valueFrom.resourceFieldRef.divisor = divisor === undefined ? '0' : (tryParseQuantity(divisor)?.toString() ?? divisor);
    }
  }
}

/** SetDefaults_Pod only: a limit without a request becomes the request too. */
export function copyLimitsToRequests(container: Container): void {
  const limits = container.resources?.limits;
  if (!limits || Object.keys(limits).length === 0) return;
  const requests = (container.resources!.requests ??= {});
  for (const [name, value] of Object.entries(limits)) {
    if (!(name in requests)) requests[name] = value;
  }
}

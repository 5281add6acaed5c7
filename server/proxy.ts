// The proxy subresource of pods and services (`kubectl proxy`, `kubectl get --raw
// .../services/web:80/proxy/`): a GET made from a node through the simulated network, as the API
// server reaches pods, without leaving a trace in the cluster. Only GET is proxied.
import type { Session } from '../sim/session-types';
import { ApiError } from '../sim/api/errors';
import { failureStatus, type StatusBody } from './status';

export interface ProxiedAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** What to answer: the pod's or service's HTTP answer, or the API server's Status; throws ApiError for a missing object. */
export function proxyGet(session: Session, namespace: string, kind: 'pods' | 'services', target: string, rest: string): ProxiedAnswer | StatusBody {
  // `name`, `name:port` or `scheme:name:port`
  const parts = target.split(':');
  const [name, port] = parts.length === 3 ? [parts[1], parts[2]] : [parts[0], parts[1]];
  let url: string;
  let node: string;
  if (kind === 'pods') {
    const pod = session.api.get('Pod', namespace, name);
    const ip = pod.status?.podIP as string | undefined;
    if (!ip || !pod.spec?.nodeName) throw new ApiError('BadRequest', `pod ${name} does not have a host assigned`);
    node = pod.spec.nodeName;
    url = `http://${ip}:${port || '80'}${rest}`;
  } else {
    const service = session.api.get('Service', namespace, name);
    const ports: { name?: string; port: number }[] = service.spec?.ports ?? [];
    const chosen = port ? ports.find((p) => p.name === port || String(p.port) === port) : ports[0];
    if (!chosen) return failureStatus(503, 'ServiceUnavailable', `no endpoints available for service "${name}"`);
    node = session.api.list('Node', undefined, { readOnly: true })[0]?.metadata.name ?? '';
    url = `http://${service.spec?.clusterIP}:${chosen.port}${rest}`;
  }
  const answer = session.inspect.httpGet({ node }, url);
  const result = 'error' in answer ? { error: answer.error, status: undefined, headers: undefined, body: undefined } : answer.value.find((r) => r.status !== undefined) ?? answer.value[0];
  if (!result || result.status === undefined) {
    const address = /^http:\/\/([^/]+)/.exec(url)?.[1] ?? '';
    const problem = result?.error === 'Connection refused' ? `dial tcp ${address}: connect: connection refused` : result?.error ?? 'no endpoints available';
    return failureStatus(503, 'ServiceUnavailable', `error trying to reach service: ${problem}`);
  }
  return {
    status: result.status,
    contentType: result.headers?.['Content-Type'] ?? result.headers?.['content-type'] ?? 'text/plain; charset=utf-8',
    body: result.body ?? '',
  };
}

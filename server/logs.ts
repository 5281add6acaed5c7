// The log subresource (`kubectl logs`): container, previous, tailLines, sinceSeconds, sinceTime,
// timestamps, limitBytes, and follow, which streams new lines as the session's time passes until
// the followed container instance stops.
import type { Session } from '../sim/session-types';
import type { KubeObject } from '../sim/api/types';
import { rfc3339Micro } from '../sim/time';
import { utf8Bytes, utf8Text } from './bytes';

export interface LogSink {
  write(text: string): void;
  end(): void;
  onClose(callback: () => void): void;
}

export interface LogAnswer {
  /** What is sent at once. */
  text: string;
  /** With follow: keeps writing new lines to the sink, and ends it when the container instance stops. */
  follow?(sink: LogSink): void;
}

function isTrue(value: string | null): boolean {
  return value === 'true' || value === '1';
}

function containerInstance(pod: KubeObject, container: string | undefined): { restarts: number; terminated: boolean } {
  const statuses: { name: string; restartCount?: number; state?: { terminated?: unknown } }[] = [
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.initContainerStatuses ?? []),
  ];
  const status = statuses.find((s) => s.name === container);
  return { restarts: status?.restartCount ?? 0, terminated: status?.state?.terminated !== undefined };
}

/** Throws ApiError (NotFound, or BadRequest with the API server's words) when there are no logs to read. */
export function readLogs(session: Session, namespace: string, name: string, query: URLSearchParams): LogAnswer {
  const api = session.api;
  const pod = api.get('Pod', namespace, name);
  const container = query.get('container') ?? undefined;
  const previous = isTrue(query.get('previous'));
  const timestamps = isTrue(query.get('timestamps'));
  const tail = query.get('tailLines');
  const since = query.get('sinceSeconds');
  const sinceTime = query.get('sinceTime');
  const limitBytes = query.get('limitBytes');
  const base = { container, previous, timestamps, sinceSeconds: since ? Number(since) : undefined };
  const all = api.logs(namespace, name, base);
  let lines = all;
  if (sinceTime) {
    const from = Date.parse(sinceTime);
    if (!Number.isNaN(from)) lines = lines.filter((line) => line.time >= from);
  }
  if (tail !== null && Number(tail) >= 0) lines = Number(tail) === 0 ? [] : lines.slice(-Number(tail));
  // The kubelet writes timestamps with nine digits of fraction.
  const format = (line: { time: number; text: string }) => `${timestamps ? `${rfc3339Micro(line.time).replace(/(\.\d{6})Z$/, '$1000Z')} ` : ''}${line.text}\n`;
  let text = lines.map(format).join('');
  if (limitBytes && Number(limitBytes) > 0) text = utf8Text(utf8Bytes(text).subarray(0, Number(limitBytes)));
  if (!isTrue(query.get('follow')) || previous) return { text };
  return {
    text,
    follow(sink) {
      const containerName = container ?? pod.spec?.containers?.[0]?.name;
      const instance = containerInstance(pod, containerName);
      let sent = all.length;
      const poll = () => {
        let current: KubeObject;
        let fresh: typeof all;
        try {
          current = api.get('Pod', namespace, name);
          fresh = api.logs(namespace, name, base);
        } catch {
          sink.end();
          return;
        }
        if (fresh.length > sent) {
          sink.write(fresh.slice(sent).map(format).join(''));
          sent = fresh.length;
        }
        const now = containerInstance(current, containerName);
        // The stream follows one container instance: it ends when that instance stops.
        if (now.restarts !== instance.restarts || now.terminated) sink.end();
      };
      const unsubscribe = session.onStep(poll);
      sink.onClose(unsubscribe);
      if (instance.terminated) sink.end();
    },
  };
}

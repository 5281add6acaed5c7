// "Next event": run the clock to the next change a learner can see on their own objects (every
// namespace but kube-system) and say what it was. Timers that change nothing visible (a probe that
// passes again, a controller resync) are run through without stopping.

import type { KubeObject } from '../../sim/api/types';
import type { Session } from '../../sim/session-types';
import { podView } from './cluster-snapshot';

type Json = Record<string, any>;

function list(session: Session, kind: string): KubeObject[] {
  try {
    return session.api.list(kind, undefined, { readOnly: true });
  } catch {
    return [];
  }
}

/** One line per fact a learner sees: `pod/web container nginx` → `Running, ready`. */
export function visibleFacts(session: Session): Map<string, string> {
  const facts = new Map<string, string>();
  for (const object of list(session, 'Pod')) {
    if (object.metadata.namespace === 'kube-system') continue;
    const pod = podView(session, object as Json);
    const name = `pod/${pod.name}`;
    facts.set(name, pod.status);
    facts.set(`${name} node`, pod.node ? `scheduled to ${pod.node}` : 'not scheduled');
    for (const container of pod.containers) {
      facts.set(`${name} container ${container.name}`, `${container.stateText}${container.ready ? ', ready' : ''}`);
      facts.set(`${name} container ${container.name} restarts`, `${container.restarts}`);
      for (const kind of ['liveness', 'readiness', 'startup'] as const) {
        const last = container.probes.filter((probe) => probe.probe === kind).at(-1);
        if (last) facts.set(`${name} container ${container.name} ${kind} probe`, last.result);
      }
    }
  }
  for (const event of list(session, 'Event') as Json[]) {
    const involved = event.involvedObject ?? {};
    if ((involved.namespace ?? event.metadata?.namespace) === 'kube-system') continue;
    const what = `${event.type ?? 'Normal'} ${event.reason ?? ''} ${String(involved.kind ?? '').toLowerCase()}/${involved.name ?? ''}: ${event.message ?? ''}`;
    facts.set(`event ${event.metadata?.namespace}/${event.metadata?.name}`, `${event.count ?? 1}\t${what}`);
  }
  return facts;
}

/**
 * What changed between two views, said as a learner would: a pod's new status and the newest event
 * on the learner's objects, else the first fact that changed.
 */
export function describeChange(before: Map<string, string>, after: Map<string, string>): string | undefined {
  const changed = [...after].filter(([key, value]) => before.get(key) !== value);
  const said = (key: string, value: string) => {
    const previous = before.get(key);
    return previous === undefined ? `${key}: ${value}` : `${key}: ${previous} → ${value}`;
  };
  const status = changed.find(([key]) => key.startsWith('pod/') && !key.includes(' '));
  const events = changed.filter(([key]) => key.startsWith('event '));
  const newest = events[events.length - 1];
  const parts = [status ? said(...status) : undefined, newest ? newest[1].split('\t')[1] : undefined].filter((part): part is string => part !== undefined);
  if (parts.length > 0) return parts.join(' · ');
  if (changed[0]) return said(...changed[0]);
  const gone = [...before.keys()].find((key) => !after.has(key) && !key.includes(' '));
  return gone ? `${gone}: deleted` : undefined;
}

export interface NextChange {
  /** Virtual time the clock stopped at. */
  time: number;
  /** What the learner sees change; undefined when nothing did before the horizon. */
  change?: string;
}

/**
 * Runs timers one by one until something visible changes, or until `horizonMs` of cluster time has
 * passed with no visible change (then the clock stays where the last timer before it left it).
 * Undefined when no timer is scheduled at all: the clock does not move.
 */
export function runToNextChange(session: Session, horizonMs = 60 * 60 * 1000, maxSteps = 20_000): NextChange | undefined {
  const clock = session.clock;
  const limit = clock.now() + horizonMs;
  const before = visibleFacts(session);
  let moved = false;
  for (let step = 0; step < maxSteps; step++) {
    const next = clock.nextTimerAt();
    if (next === undefined || next > limit) break;
    clock.advanceTo(Math.max(next, clock.now()));
    moved = true;
    const change = describeChange(before, visibleFacts(session));
    if (change) return { time: clock.now(), change };
  }
  return moved ? { time: clock.now() } : undefined;
}

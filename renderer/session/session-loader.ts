// Finds the simulated cluster. It is loaded lazily so the first paint does not wait for it, and
// through a glob so the UI still builds while the simulator is absent (the app then says so).

import type { Session, SessionOptions } from '../../sim/session-types';

type SessionModule = { createSession(options: SessionOptions): Session };

const sessionModules = import.meta.glob<SessionModule>('../../sim/session.ts');

let loading: Promise<((options: SessionOptions) => Session) | undefined> | undefined;

/** Starts fetching the simulator (at boot, while the stores hydrate); later calls share the result. */
export function loadSessionFactory(): Promise<((options: SessionOptions) => Session) | undefined> {
  loading ??= importSessionFactory();
  return loading;
}

async function importSessionFactory(): Promise<((options: SessionOptions) => Session) | undefined> {
  const load = Object.values(sessionModules)[0];
  if (!load) return undefined;
  try {
    const module = await load();
    return module.createSession;
  } catch (error) {
    console.error(`the simulated cluster failed to load: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

// The scheduler component: `startScheduler(ctx)` starts the default scheduler.
import type { EngineContext } from '../engine-context';
import { startDefaultScheduler } from './scheduler';

export { needsScheduling, schedulerName } from './scheduler';
export { fitErrorMessage } from './fit-error';
export { podRequests } from './pod-requests';

export function startScheduler(ctx: EngineContext): void {
  startDefaultScheduler(ctx);
}

// Every write kubectl makes carries a field manager, as the real client's requests do: the
// command's --field-manager (its default names the command: kubectl-create, kubectl-edit, ...),
// or, for commands without that flag, the name the API server takes from kubectl's user agent.

import type { ApiServer } from '../api/server';
import { withWriteOptions } from '../api/write-options-api';
import type { Flags } from './flags';

/** The user agent's product: what the API server records for a request that names no manager. */
const userAgentManager = 'kubectl';

export function fieldManagerOf(flags: Flags, hasFlag: boolean): string {
  return hasFlag ? flags.string('field-manager') : userAgentManager;
}

/** `api` with `manager` filled in on every write that names no other. */
export function withFieldManager(api: ApiServer, manager: string): ApiServer {
  return withWriteOptions(api, (options) => ({ ...options, fieldManager: options.fieldManager ?? manager }));
}

// The warnings the API server sends back with an answer (admission's `would violate PodSecurity
// ...`, a namespace's existing pods): kubectl writes each to stderr as `Warning: <text>` when the
// answer arrives, before the command prints its result, and a text it already printed once in
// this command is not printed again (client-go's warning writer, deduplicating, as kubectl sets it up).
import type { ApiServer } from '../api/server';
import { listeningForWarnings } from '../api/warning-listener';

/** `api` for one kubectl command: the warnings of its writes are printed with `err`. */
export function printingWarnings(api: ApiServer, err: (text: string) => void): ApiServer {
  const printed = new Set<string>();
  return listeningForWarnings(api, (warning) => {
    if (printed.has(warning)) return;
    printed.add(warning);
    err(`Warning: ${warning}\n`);
  });
}

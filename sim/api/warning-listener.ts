// An ApiServer handle whose every write hears the warnings the server sends back with its answer
// (admission's `would violate PodSecurity ...`), as a client reads them from the response.
import type { ApiServer } from './server';
import { withWriteOptions } from './write-options-api';

export function listeningForWarnings(api: ApiServer, onWarning: (warning: string) => void): ApiServer {
  return withWriteOptions(api, (options) => ({ ...options, onWarning }));
}

// The simulated cluster as a Kubernetes API on the loopback interface (`podlab serve`, tests): the
// transport with the API handler on a session of this process.
import type { Session } from '../sim/session-types';
import { KubeApiHandler } from './api-handler';
import { KubeApiTransport, type KubeApiTransportOptions } from './kube-api-transport';

export { serverVersion, setBookmarkInterval } from './api-handler';

export interface KubeApiServerOptions extends Omit<KubeApiTransportOptions, 'backend'> {
  session: Session;
}

export class KubeApiServer extends KubeApiTransport {
  constructor(options: KubeApiServerOptions) {
    super({ ...options, backend: new KubeApiHandler(options.session) });
  }
}

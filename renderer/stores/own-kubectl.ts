// "Use your own kubectl" in Settings (desktop only): whether the page's session is served as a
// Kubernetes API, where the kubeconfig is, and the line that points a shell at it. Whether the
// learner wants it is kept in the settings document, so the API is served again on the next start.

import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Session } from '../../sim/session-types';
import type { OwnKubectlInfo } from '../../electron/bridge-layout';
import { serveSession, type OwnKubectlBridge, type ServedSession } from '../desktop/own-kubectl';

export type OwnKubectlStatus = 'off' | 'starting' | 'on' | 'failed';

/** How the store reaches main and the session (the app's bridge and cluster store; fakes in tests). */
export interface OwnKubectlDeps {
  bridge: OwnKubectlBridge | undefined;
  session(): Session | undefined;
  /** After each write from outside: a new future, so what undo took back can no longer be redone. */
  onWrite?(): void;
  serve?: typeof serveSession;
}

export const useOwnKubectlStore = defineStore('own-kubectl', () => {
  const status = ref<OwnKubectlStatus>('off');
  const info = ref<OwnKubectlInfo>();
  const error = ref('');
  /** Only the desktop build can serve (the transport needs Node's HTTPS). */
  const available = ref(false);
  let deps: OwnKubectlDeps | undefined;
  let served: ServedSession | undefined;

  async function connect(given: OwnKubectlDeps): Promise<void> {
    deps = given;
    available.value = given.bridge !== undefined;
    if (given.bridge) info.value = await given.bridge.info();
  }

  async function start(): Promise<void> {
    const session = deps?.session();
    if (!deps?.bridge || !session || status.value === 'starting' || status.value === 'on') return;
    status.value = 'starting';
    error.value = '';
    try {
      served = await (deps.serve ?? serveSession)(deps.bridge, session, deps.onWrite);
      info.value = served.info;
      status.value = 'on';
    } catch (failure) {
      status.value = 'failed';
      // Main's answer names the channel that failed (`own-kubectl:start failed: …`); the learner needs the reason.
      error.value = (failure instanceof Error ? failure.message : String(failure)).replace(/^own-kubectl:[\w-]+ failed: /, '');
    }
  }

  async function stop(): Promise<void> {
    const stopping = served;
    served = undefined;
    status.value = 'off';
    if (stopping) info.value = await stopping.stop();
  }

  async function chooseKubeconfig(): Promise<void> {
    if (!deps?.bridge) return;
    const result = await deps.bridge.chooseKubeconfig();
    if (result.status === 'chosen') info.value = result.info;
  }

  return { status, info, error, available, connect, start, stop, chooseKubeconfig };
});

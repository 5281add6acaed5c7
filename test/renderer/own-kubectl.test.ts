// @vitest-environment happy-dom
// "Use your own kubectl" in Settings: shown only where the app can serve (the desktop build), the
// line to paste once it serves, the reason when it cannot, and the page's half of the bridge
// receiving its port from the preload and answering over it.
import { describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import SettingsDialog from '../../renderer/components/SettingsDialog.vue';
import { useSettingsStore } from '../../renderer/stores/settings';
import { useOwnKubectlStore } from '../../renderer/stores/own-kubectl';
import { serveSession, type OwnKubectlBridge } from '../../renderer/desktop/own-kubectl';
import { ownKubectlPortMessage, type OwnKubectlInfo } from '../../electron/bridge-layout';
import type { ToPage, ToTransport } from '../../server/api-bridge';
import { createSession } from '../../sim/session';

const off: OwnKubectlInfo = { running: false, kubeconfig: '/home/ana/.podlab/kubeconfig', exportLine: 'export KUBECONFIG=/home/ana/.podlab/kubeconfig' };
const on: OwnKubectlInfo = { ...off, running: true, server: 'https://127.0.0.1:40123' };

function fakeBridge(overrides: Partial<OwnKubectlBridge> = {}): OwnKubectlBridge {
  return {
    info: vi.fn(async () => off),
    start: vi.fn(async () => on),
    stop: vi.fn(async () => off),
    chooseKubeconfig: vi.fn(async () => ({ status: 'chosen' as const, info: { ...off, kubeconfig: '/tmp/lab.yaml', exportLine: 'export KUBECONFIG=/tmp/lab.yaml' } })),
    ...overrides,
  };
}

function setup() {
  const pinia = createPinia();
  setActivePinia(pinia);
  useSettingsStore().language = 'en';
  return pinia;
}

describe('the own-kubectl setting', () => {
  it('is not shown where the app cannot serve (the browser build)', async () => {
    const pinia = setup();
    await useOwnKubectlStore().connect({ bridge: undefined, session: () => undefined });
    const wrapper = mount(SettingsDialog, { global: { plugins: [pinia] } });
    expect(wrapper.find('[data-setting="own-kubectl"]').exists()).toBe(false);
  });

  it('shows where the kubeconfig goes, then the line to paste once the cluster is served', async () => {
    const pinia = setup();
    const store = useOwnKubectlStore();
    const stop = vi.fn(async () => off);
    const serve = vi.fn(async () => ({ info: on, stop }));
    const session = createSession({ seed: 1 });
    await store.connect({ bridge: fakeBridge(), session: () => session, serve });
    const wrapper = mount(SettingsDialog, { global: { plugins: [pinia] } });
    expect(wrapper.find('[data-own-kubectl="kubeconfig"]').text()).toBe('/home/ana/.podlab/kubeconfig');
    expect(wrapper.find('[data-own-kubectl="export-line"]').exists()).toBe(false);

    await wrapper.find('[data-own-kubectl="toggle"]').setValue(true);
    expect(useSettingsStore().ownKubectl).toBe(true);
    await store.start();
    await wrapper.vm.$nextTick();
    expect(serve).toHaveBeenCalledWith(expect.anything(), session, undefined);
    expect(store.status).toBe('on');
    expect(wrapper.find('[data-own-kubectl="export-line"]').text()).toBe('export KUBECONFIG=/home/ana/.podlab/kubeconfig');

    await wrapper.find('[data-own-kubectl="choose"]').trigger('click');
    await vi.waitFor(() => expect(wrapper.find('[data-own-kubectl="kubeconfig"]').text()).toBe('/tmp/lab.yaml'));

    await store.stop();
    await wrapper.vm.$nextTick();
    expect(stop).toHaveBeenCalledOnce();
    expect(store.status).toBe('off');
    expect(wrapper.find('[data-own-kubectl="export-line"]').exists()).toBe(false);
  });

  it('says why the cluster could not be served', async () => {
    const pinia = setup();
    const store = useOwnKubectlStore();
    const serve = vi.fn(async () => {
      throw new Error('own-kubectl:start failed: cannot write the kubeconfig /home/ana/.podlab/kubeconfig: EACCES: permission denied, open /home/ana/.podlab/kubeconfig.tmp-4242');
    });
    await store.connect({ bridge: fakeBridge(), session: () => createSession({ seed: 1 }), serve });
    await store.start();
    const wrapper = mount(SettingsDialog, { global: { plugins: [pinia] } });
    expect(store.status).toBe('failed');
    expect(wrapper.find('[data-own-kubectl="error"]').text()).toBe(
      'The cluster could not be served: cannot write the kubeconfig /home/ana/.podlab/kubeconfig: EACCES: permission denied, open /home/ana/.podlab/kubeconfig.tmp-4242',
    );
  });
});

describe('the page\'s half of the bridge', () => {
  it('takes the port the preload posts and answers requests with the page\'s session', async () => {
    const session = createSession({ seed: 1 });
    const { port1: transportSide, port2: pageSide } = new MessageChannel();
    const bridge = fakeBridge({
      start: vi.fn(async () => {
        // What the preload's window.postMessage(ownKubectlPortMessage, '*', [port]) delivers
        // (happy-dom's postMessage does not transfer ports).
        setTimeout(() => window.dispatchEvent(new MessageEvent('message', { data: ownKubectlPortMessage, source: window, ports: [pageSide] })));
        return on;
      }),
    });
    const onWrite = vi.fn();
    const served = await serveSession(bridge, session, onWrite);
    expect(served.info).toEqual(on);

    const answers: ToTransport[] = [];
    transportSide.onmessage = (event: MessageEvent) => answers.push(event.data as ToTransport);
    const request: Extract<ToPage, { kind: 'request' }> = { kind: 'request', id: 1, request: { method: 'GET', url: '/api/v1/nodes?limit=500', accept: 'application/json', contentType: '', body: '', serverAddress: '127.0.0.1:40123' } };
    transportSide.postMessage(request);
    await vi.waitFor(() => expect(answers.at(-1)?.kind).toBe('end'));
    expect(answers[0]).toMatchObject({ kind: 'head', id: 1, status: 200, streaming: false });
    const body = answers.filter((answer) => answer.kind === 'chunk').map((answer) => new TextDecoder().decode((answer as { data: Uint8Array }).data)).join('');
    expect(JSON.parse(body).items.map((node: { metadata: { name: string } }) => node.metadata.name)).toEqual(session.api.list('Node', undefined).map((node) => node.metadata.name));
    expect(onWrite).not.toHaveBeenCalled();

    // A write goes into the page's session, and the app hears of it (what undo took back cannot be redone).
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'outside' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };
    transportSide.postMessage({ kind: 'request', id: 2, request: { ...request.request, method: 'POST', url: '/api/v1/namespaces/default/pods', contentType: 'application/json', body: JSON.stringify(pod) } } satisfies ToPage);
    await vi.waitFor(() => expect(answers.filter((answer) => answer.kind === 'end')).toHaveLength(2));
    expect(answers.find((answer) => answer.kind === 'head' && answer.id === 2)).toMatchObject({ status: 201 });
    expect(session.api.get('Pod', 'default', 'outside').metadata.name).toBe('outside');
    expect(onWrite).toHaveBeenCalledOnce();

    await served.stop();
    expect(bridge.stop).toHaveBeenCalledOnce();
    transportSide.close();
  });
});

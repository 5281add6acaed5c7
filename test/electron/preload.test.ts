import { beforeAll, describe, expect, it, vi } from 'vitest';
import { bridgeLayout, ipcContract, menuCommandChannel, ownKubectlPortChannel, ownKubectlPortMessage } from '../../electron/ipc-contract';

const exposed = new Map<string, unknown>();
const invoked: unknown[][] = [];
const listeners = new Map<string, (...args: unknown[]) => void>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      invoked.push(args);
      return 'answer';
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => listeners.set(channel, listener),
    removeListener: (channel: string) => listeners.delete(channel),
  },
}));

type Api = Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> & { onMenuCommand(listener: (command: string) => void): () => void };
let api: Api;

beforeAll(async () => {
  await import('../../electron/preload');
  api = exposed.get('podlab') as Api;
});

describe('the preload bridge', () => {
  it('exposes only window.podlab, made of functions, never ipcRenderer', () => {
    expect([...exposed.keys()]).toEqual(['podlab']);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(bridgeLayout), 'onMenuCommand'].sort());
    for (const [group, methods] of Object.entries(bridgeLayout)) {
      expect(Object.keys(api[group]!).sort()).toEqual(Object.keys(methods).sort());
      for (const method of Object.values(api[group]!)) expect(typeof method).toBe('function');
    }
  });

  it('sends each call on its contract channel with its arguments', async () => {
    await expect(api.storage!.get!('progress')).resolves.toBe('answer');
    await api.storage!.set!('settings', { language: 'zh' });
    await api.links!.openExternal!('https://kubernetes.io/docs/');
    expect(invoked).toEqual([
      ['storage:get', 'progress'],
      ['storage:set', 'settings', { language: 'zh' }],
      ['external:open', 'https://kubernetes.io/docs/'],
    ]);
    for (const [channel] of invoked) expect(Object.keys(ipcContract)).toContain(channel);
  });

  it('passes on known menu commands only, without the IPC event, and can stop', () => {
    const received: string[] = [];
    const stop = api.onMenuCommand((command) => received.push(command));
    const forward = listeners.get(menuCommandChannel)!;
    forward({ sender: 'event object' }, 'reset-exercise');
    forward({}, 'format-disk');
    expect(received).toEqual(['reset-exercise']);
    stop();
    expect(listeners.has(menuCommandChannel)).toBe(false);
  });

  it('hands the page the served API\'s message port through its own window, and nothing else', () => {
    const posted: unknown[][] = [];
    vi.stubGlobal('window', { postMessage: (...args: unknown[]) => posted.push(args) });
    try {
      const deliver = listeners.get(ownKubectlPortChannel)!;
      const port = { a: 'port' };
      deliver({ ports: [port] });
      deliver({ ports: [] });
      expect(posted).toEqual([[ownKubectlPortMessage, '*', [port]]]);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

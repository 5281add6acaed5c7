import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { bridgeLayout, ipcContract, type ChannelName } from '../../electron/ipc-contract';
import { handleAllChannels, handleChannel, runRequest, type ChannelHandlers, type InvokeEvent, type InvokeRegistry } from '../../electron/main/ipc-handlers';

function eventFrom(url: string | undefined, topFrame = true): InvokeEvent {
  if (url === undefined) return { senderFrame: null };
  return { senderFrame: { url, parent: topFrame ? null : {} } } as unknown as InvokeEvent;
}
const ourPage = eventFrom('app://podlab/index.html');

class FakeIpcMain implements InvokeRegistry {
  readonly listeners = new Map<string, (event: IpcMainInvokeEvent, ...args: any[]) => unknown>();
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: any[]) => unknown): void {
    this.listeners.set(channel, listener);
  }
  invoke(channel: string, event: InvokeEvent, ...args: unknown[]) {
    return this.listeners.get(channel)!(event as IpcMainInvokeEvent, ...args);
  }
}

describe('the IPC wrapper', () => {
  it('passes validated arguments to the handler and returns its result', async () => {
    const ipc = new FakeIpcMain();
    const saved: unknown[] = [];
    handleChannel(ipc, 'storage:set', (name, value) => void saved.push([name, value]));
    await expect(ipc.invoke('storage:set', ourPage, 'workspace/first-pod-manifest', { files: { 'web.yaml': 'kind: Pod' } })).resolves.toBeUndefined();
    expect(saved).toEqual([['workspace/first-pod-manifest', { files: { 'web.yaml': 'kind: Pod' } }]]);
  });

  it.each([
    ['no frame', eventFrom(undefined)],
    ['a file:// page', eventFrom('file:///work/main/dist/renderer/index.html')],
    ['a web page', eventFrom('https://kubernetes.io/docs/')],
    ['a look-alike origin', eventFrom('app://podlab.evil/index.html')],
    ['a subframe of our page', eventFrom('app://podlab/index.html', false)],
  ])('refuses a request from %s without calling the handler', async (_label, event) => {
    let called = false;
    const request = runRequest('storage:get', () => void (called = true), event, ['progress']);
    await expect(request).rejects.toThrow('storage:get: refused, the request did not come from the Pod Lab window');
    expect(called).toBe(false);
  });

  it.each([
    ['storage:get', ['../../etc/passwd'], 'storage:get: invalid argument 0: unknown document name'],
    ['storage:get', ['window-state'], 'storage:get: invalid argument 0: unknown document name'],
    ['storage:get', ['workspace/../progress'], 'storage:get: invalid argument 0: unknown document name'],
    ['storage:get', [42], 'storage:get: invalid argument 0: Invalid input: expected string, received number'],
    ['storage:get', [], 'storage:get: invalid arguments: Too small: expected array to have >=1 items'],
    ['storage:set', ['progress', () => 1], 'storage:set: invalid argument 1: Invalid input'],
    ['storage:set', ['journal', 'x'.repeat(16 * 1024 * 1024)], 'storage:set: invalid argument 1: document larger than 16 MiB'],
    ['app:info', ['extra'], 'app:info: invalid arguments: Too big: expected array to have <=0 items'],
    ['external:open', ['x'.repeat(3000)], 'external:open: invalid argument 0: Too big: expected string to have <=2048 characters'],
  ] as [ChannelName, unknown[], string][])('rejects %s with bad arguments %j', async (channel, args, message) => {
    let called = false;
    const request = runRequest(channel, (() => void (called = true)) as never, ourPage, args);
    await expect(request).rejects.toThrow(message);
    expect(called).toBe(false);
  });

  it('turns an error thrown by the handler into a rejection with a clear message, and logs it', async () => {
    const ipc = new FakeIpcMain();
    const logged: string[] = [];
    handleChannel(
      ipc,
      'storage:get',
      async () => {
        throw new Error('EACCES: permission denied, open progress.json');
      },
      (message) => logged.push(message),
    );
    await expect(ipc.invoke('storage:get', ourPage, 'progress')).rejects.toThrow('storage:get failed: EACCES: permission denied, open progress.json');
    expect(logged[0]).toMatch(/^storage:get failed: Error: EACCES/);
  });

  it('registers every channel of the contract', () => {
    const ipc = new FakeIpcMain();
    const handlers = Object.fromEntries(Object.keys(ipcContract).map((channel) => [channel, () => undefined])) as unknown as ChannelHandlers;
    handleAllChannels(ipc, handlers);
    expect([...ipc.listeners.keys()].sort()).toEqual(Object.keys(ipcContract).sort());
  });

  it('exposes exactly the contract channels on window.podlab', () => {
    const exposed = Object.values(bridgeLayout).flatMap((group) => Object.values(group));
    expect([...exposed].sort()).toEqual(Object.keys(ipcContract).sort());
  });
});

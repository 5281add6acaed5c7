// The only bridge between the page and the main process. It exposes `window.podlab`, built from
// the contract's bridgeLayout: one function per channel, nothing else (never ipcRenderer itself).
// It also hands the page the message port of the served API ("Use your own kubectl").
// Bundled into one CommonJS file, as a sandboxed preload requires.

import { contextBridge, ipcRenderer } from 'electron';
import { bridgeLayout, menuCommandChannel, menuCommands, ownKubectlPortChannel, ownKubectlPortMessage, type MenuCommand } from './bridge-layout';

function buildApi(): Record<string, unknown> {
  const api: Record<string, unknown> = {};
  for (const [group, methods] of Object.entries(bridgeLayout)) {
    const functions: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
    for (const [method, channel] of Object.entries(methods as Record<string, string>)) {
      functions[method] = (...args: unknown[]) => ipcRenderer.invoke(channel, ...args);
    }
    api[group] = functions;
  }
  api.onMenuCommand = (listener: (command: MenuCommand) => void) => {
    const forward = (_event: unknown, command: unknown) => {
      if ((menuCommands as readonly unknown[]).includes(command)) listener(command as MenuCommand);
    };
    ipcRenderer.on(menuCommandChannel, forward);
    return () => {
      ipcRenderer.removeListener(menuCommandChannel, forward);
    };
  };
  return api;
}

contextBridge.exposeInMainWorld('podlab', buildApi());

/** The page's window, as the preload sees it (electron/ has no DOM typings). */
declare const window: { postMessage(message: unknown, targetOrigin: string, transfer: unknown[]): void };

// A MessagePort cannot cross contextBridge; posted to our own window, it reaches the page's world.
ipcRenderer.on(ownKubectlPortChannel, (event) => {
  if (event.ports.length === 1) window.postMessage(ownKubectlPortMessage, '*', event.ports);
});

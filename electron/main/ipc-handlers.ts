// The one way main answers the renderer: every channel is registered through `handleChannel`,
// which checks who is asking, validates the arguments against the contract and turns any failure
// into a rejected promise with a clear message. A bad call never crashes the app.

import type { IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import { ipcContract, type ChannelArgs, type ChannelHandler, type ChannelName } from '../ipc-contract';
import { isAppUrl } from './security';

/** The part of ipcMain the wrapper needs (a fake in tests). */
export interface InvokeRegistry {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: any[]) => unknown): void;
}

/** The part of the event the wrapper reads. */
export type InvokeEvent = Pick<IpcMainInvokeEvent, 'senderFrame'>;

export class IpcRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IpcRequestError';
  }
}

/** Only the top frame of our own app:// page may call. */
export function checkSender(channel: ChannelName, event: InvokeEvent): void {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null || !isAppUrl(frame.url)) {
    throw new IpcRequestError(`${channel}: refused, the request did not come from the Pod Lab window`);
  }
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? `argument ${issue.path.map(String).join('.')}` : 'arguments';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

export function validateArgs<C extends ChannelName>(channel: C, args: unknown[]): ChannelArgs<C> {
  const parsed = ipcContract[channel].args.safeParse(args);
  if (!parsed.success) throw new IpcRequestError(`${channel}: invalid ${describeIssues(parsed.error)}`);
  return parsed.data as ChannelArgs<C>;
}

/** Runs one request: sender check, argument check, then the handler. Exported for tests. */
export async function runRequest<C extends ChannelName>(channel: C, handler: ChannelHandler<C>, event: InvokeEvent, args: unknown[], log: (message: string) => void = () => {}) {
  checkSender(channel, event);
  const valid = validateArgs(channel, args);
  try {
    return await handler(...valid);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log(`${channel} failed: ${error instanceof Error && error.stack ? error.stack : reason}`);
    throw new IpcRequestError(`${channel} failed: ${reason}`);
  }
}

export function handleChannel<C extends ChannelName>(registry: InvokeRegistry, channel: C, handler: ChannelHandler<C>, log?: (message: string) => void): void {
  registry.handle(channel, (event, ...args: unknown[]) => runRequest(channel, handler, event, args, log));
}

export type ChannelHandlers = { [C in ChannelName]: ChannelHandler<C> };

/** Registers a handler for every channel of the contract (the type makes a missing one an error). */
export function handleAllChannels(registry: InvokeRegistry, handlers: ChannelHandlers, log?: (message: string) => void): void {
  for (const channel of Object.keys(ipcContract) as ChannelName[]) {
    handleChannel(registry, channel, handlers[channel] as ChannelHandler<typeof channel>, log);
  }
}

// Closing the window first gives the renderer a moment to save: main asks it (a
// `save-before-close` command), the renderer flushes its pending writes and answers through
// `app:ready-to-close`, and only then does the window close. A renderer that does not answer in
// time is closed anyway, so quitting can never hang.

export interface ClosableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  close(): void;
  isDestroyed(): boolean;
}

export const saveBeforeCloseTimeoutMs = 2000;

export function guardClose(window: ClosableWindow, askRendererToSave: () => void, timeoutMs = saveBeforeCloseTimeoutMs): { readyToClose(): void } {
  let asked = false;
  let allowed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const readyToClose = () => {
    if (allowed || !asked) return;
    allowed = true;
    if (timer) clearTimeout(timer);
    if (!window.isDestroyed()) window.close();
  };
  window.on('close', (event) => {
    if (allowed) return;
    event.preventDefault();
    if (asked) return;
    asked = true;
    askRendererToSave();
    timer = setTimeout(readyToClose, timeoutMs);
  });
  return { readyToClose };
}

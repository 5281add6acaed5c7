import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { guardClose, saveBeforeCloseTimeoutMs } from '../../electron/main/close-guard';

class Window {
  listener: ((event: { preventDefault(): void }) => void) | undefined;
  closed = false;
  on(_event: 'close', listener: (event: { preventDefault(): void }) => void) {
    this.listener = listener;
  }
  close() {
    let prevented = false;
    this.listener?.({ preventDefault: () => (prevented = true) });
    if (!prevented) this.closed = true;
  }
  isDestroyed() {
    return this.closed;
  }
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('closing the window', () => {
  it('waits for the renderer to say it has saved', () => {
    const window = new Window();
    let asked = 0;
    const guard = guardClose(window, () => asked++);
    window.close();
    window.close();
    expect(window.closed).toBe(false);
    expect(asked).toBe(1);
    guard.readyToClose();
    expect(window.closed).toBe(true);
  });

  it('closes anyway when the renderer does not answer in time', () => {
    const window = new Window();
    guardClose(window, () => {});
    window.close();
    vi.advanceTimersByTime(saveBeforeCloseTimeoutMs - 1);
    expect(window.closed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(window.closed).toBe(true);
  });

  it('ignores a ready-to-close nobody asked for', () => {
    const window = new Window();
    const guard = guardClose(window, () => {});
    guard.readyToClose();
    expect(window.closed).toBe(false);
  });
});

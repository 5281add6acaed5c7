// The window's size and position, remembered between runs. A saved position that is no longer on
// any screen (a monitor was unplugged) is dropped so the window opens where it can be seen.

import type { Rectangle } from 'electron';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
  fullScreen: boolean;
}

export const windowStateDocument = 'window-state';
export const minimumWindowSize = { width: 900, height: 600 } as const;
export const defaultWindowState: WindowState = { width: 1400, height: 900, maximized: false, fullScreen: false };

const isWhole = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < 100_000;

export function parseWindowState(data: unknown): WindowState {
  if (typeof data !== 'object' || data === null) return { ...defaultWindowState };
  const record = data as Record<string, unknown>;
  const state: WindowState = {
    width: isWhole(record.width) ? Math.max(record.width, minimumWindowSize.width) : defaultWindowState.width,
    height: isWhole(record.height) ? Math.max(record.height, minimumWindowSize.height) : defaultWindowState.height,
    maximized: record.maximized === true,
    fullScreen: record.fullScreen === true,
  };
  if (isWhole(record.x) && isWhole(record.y)) {
    state.x = record.x;
    state.y = record.y;
  }
  return state;
}

function overlaps(a: Rectangle, b: Rectangle): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Keeps the position only when the title bar area is on one of the screens. */
export function fitToScreens(state: WindowState, workAreas: Rectangle[]): WindowState {
  if (state.x === undefined || state.y === undefined) return state;
  const titleBar: Rectangle = { x: state.x, y: state.y, width: state.width, height: 40 };
  if (workAreas.some((area) => overlaps(titleBar, area))) return state;
  const { x: _x, y: _y, ...rest } = state;
  return rest;
}

// The workbench's layout: pane sizes, collapsed panes and whether the workspace shows. Saved as
// the `layout` document, so the app opens as the learner left it.

import { defineStore } from 'pinia';

export interface LayoutDocument {
  lessonWidth: number;
  clusterWidth: number;
  workspaceHeight: number;
  lessonCollapsed: boolean;
  clusterCollapsed: boolean;
  workspaceOpen: boolean;
}

/** Limits (px) a divider can move a pane between. */
export const paneLimits = {
  lessonWidth: { min: 240, max: 720 },
  clusterWidth: { min: 220, max: 720 },
  workspaceHeight: { min: 120, max: 900 },
} as const;

/**
 * At 1440×900 these leave the terminal about 100 columns (14 px DejaVu Sans Mono is 8.4 px a
 * column), while the lesson keeps a readable measure and the cluster view its pod cards.
 */
export function defaultLayout(): LayoutDocument {
  return { lessonWidth: 310, clusterWidth: 250, workspaceHeight: 260, lessonCollapsed: false, clusterCollapsed: false, workspaceOpen: true };
}

function clamp(value: number, limits: { min: number; max: number }): number {
  return Math.round(Math.min(limits.max, Math.max(limits.min, value)));
}

export type PaneSize = keyof typeof paneLimits;

export const useLayoutStore = defineStore('layout', {
  state: (): LayoutDocument => defaultLayout(),
  actions: {
    load(saved: Partial<LayoutDocument> | undefined) {
      if (!saved) return;
      for (const key of Object.keys(paneLimits) as PaneSize[]) {
        const value = saved[key];
        if (typeof value === 'number' && Number.isFinite(value)) this[key] = clamp(value, paneLimits[key]);
      }
      for (const key of ['lessonCollapsed', 'clusterCollapsed', 'workspaceOpen'] as const) {
        if (typeof saved[key] === 'boolean') this[key] = saved[key];
      }
    },
    /** `room` lowers the pane's maximum where the window is too small for it. */
    resize(pane: PaneSize, value: number, room = Infinity) {
      this[pane] = clamp(value, { min: paneLimits[pane].min, max: Math.max(paneLimits[pane].min, Math.min(paneLimits[pane].max, room)) });
    },
    document(): LayoutDocument {
      return {
        lessonWidth: this.lessonWidth,
        clusterWidth: this.clusterWidth,
        workspaceHeight: this.workspaceHeight,
        lessonCollapsed: this.lessonCollapsed,
        clusterCollapsed: this.clusterCollapsed,
        workspaceOpen: this.workspaceOpen,
      };
    },
  },
});

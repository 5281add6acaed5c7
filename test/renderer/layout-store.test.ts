// The workbench layout: sizes stay within their limits and the room the window leaves.
import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { defaultLayout, paneLimits, useLayoutStore } from '../../renderer/stores/layout';

beforeEach(() => setActivePinia(createPinia()));

describe('layout store', () => {
  it('reads a saved layout, keeping sizes within their limits and ignoring what it does not know', () => {
    const layout = useLayoutStore();
    layout.load({ lessonWidth: 5000, clusterWidth: 10, clusterCollapsed: true, workspaceOpen: 'yes' as unknown as boolean });
    expect(layout.document()).toEqual({ ...defaultLayout(), lessonWidth: paneLimits.lessonWidth.max, clusterWidth: paneLimits.clusterWidth.min, clusterCollapsed: true });
  });

  it('never makes a pane wider than the room the window leaves it', () => {
    const layout = useLayoutStore();
    layout.resize('lessonWidth', 600, 450);
    expect(layout.lessonWidth).toBe(450);
    layout.resize('lessonWidth', 600, 100);
    expect(layout.lessonWidth).toBe(paneLimits.lessonWidth.min);
  });
});

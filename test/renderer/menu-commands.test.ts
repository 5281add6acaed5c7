// The desktop menu's commands, carried out by the page through the bridge.
import { describe, expect, it } from 'vitest';
import type { MenuCommand } from '../../electron/bridge-layout';
import type { DesktopBridge } from '../../renderer/desktop/bridge';
import { listenForMenuCommands, runMenuCommand, takeNotices, type DesktopActions } from '../../renderer/desktop/menu-commands';
import { MemoryStorage } from '../../renderer/storage/storage';

function fakeDesktop() {
  const log: string[] = [];
  let listener: ((command: MenuCommand) => void) | undefined;
  const bridge: DesktopBridge = {
    storage: new MemoryStorage(),
    notices: { take: async () => [{ document: 'progress', reason: 'corrupt', movedTo: 'progress.json.corrupt-1', message: 'progress.json was set aside' }] },
    lessonPacks: { list: async () => [{ id: '/packs/extra', source: 'folder', folder: '/packs/extra', lessonCount: 1, files: { 'a/lesson.yaml': 'id: a' } }] },
    app: { readyToClose: async () => void log.push('readyToClose') },
    onMenuCommand: (next) => {
      listener = next;
      return () => (listener = undefined);
    },
  };
  const actions: DesktopActions = {
    resetExercise: () => void log.push('reset'),
    loadLessonPacks: (packs) => void log.push(`packs ${packs.map((pack) => pack.id).join()}`),
    showNotices: (messages) => void log.push(`notices ${messages.join()}`),
    saveEverything: async () => {
      await Promise.resolve();
      log.push('saved');
    },
  };
  return { bridge, actions, log, send: (command: MenuCommand) => listener?.(command) };
}

describe('desktop menu commands', () => {
  it('saves everything before telling main the window may close', async () => {
    const desktop = fakeDesktop();
    await runMenuCommand(desktop.bridge, desktop.actions, 'save-before-close');
    expect(desktop.log).toEqual(['saved', 'readyToClose']);
  });

  it('still lets the window close when saving fails', async () => {
    const desktop = fakeDesktop();
    desktop.actions.saveEverything = async () => {
      throw new Error('disk full');
    };
    await expect(runMenuCommand(desktop.bridge, desktop.actions, 'save-before-close')).rejects.toThrow('disk full');
    expect(desktop.log).toEqual(['readyToClose']);
  });

  it('resets, loads packs and shows notices', async () => {
    const desktop = fakeDesktop();
    await runMenuCommand(desktop.bridge, desktop.actions, 'reset-exercise');
    await runMenuCommand(desktop.bridge, desktop.actions, 'lesson-pack-opened');
    await runMenuCommand(desktop.bridge, desktop.actions, 'notices-changed');
    expect(desktop.log).toEqual(['reset', 'packs /packs/extra', 'notices progress.json was set aside']);
  });

  it('listens through onMenuCommand and stops when asked', async () => {
    const desktop = fakeDesktop();
    const stop = listenForMenuCommands(desktop.bridge, desktop.actions, () => undefined);
    desktop.send('reset-exercise');
    await Promise.resolve();
    stop();
    desktop.send('reset-exercise');
    expect(desktop.log).toEqual(['reset']);
  });

  it('shows nothing when there are no notices, and works without the optional parts', async () => {
    const desktop = fakeDesktop();
    desktop.bridge.notices = { take: async () => [] };
    await takeNotices(desktop.bridge, desktop.actions);
    expect(desktop.log).toEqual([]);
    const bare: DesktopBridge = { storage: new MemoryStorage() };
    expect(listenForMenuCommands(bare, desktop.actions, () => undefined)).toBeTypeOf('function');
    await runMenuCommand(bare, desktop.actions, 'save-before-close');
    expect(desktop.log).toEqual(['saved']);
  });
});

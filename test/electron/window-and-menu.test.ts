import { describe, expect, it } from 'vitest';
import { aboutText, buildMenuTemplate, kubernetesDocumentationUrl } from '../../electron/main/menu';
import { defaultWindowState, fitToScreens, parseWindowState } from '../../electron/main/window-state';

describe('window state', () => {
  it('falls back to the defaults for a missing or damaged record', () => {
    expect(parseWindowState(undefined)).toEqual(defaultWindowState);
    expect(parseWindowState({ width: 'wide', height: null, x: 1.5, y: 3 })).toEqual(defaultWindowState);
  });

  it('keeps a saved size and position, but not smaller than the minimum', () => {
    expect(parseWindowState({ x: 10, y: 20, width: 1000, height: 700, maximized: true })).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true, fullScreen: false });
    expect(parseWindowState({ width: 200, height: 100 })).toMatchObject({ width: 900, height: 600 });
  });

  it('drops a position that is on no screen any more', () => {
    const screens = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    expect(fitToScreens({ ...defaultWindowState, x: 100, y: 100 }, screens)).toMatchObject({ x: 100, y: 100 });
    expect(fitToScreens({ ...defaultWindowState, x: 3000, y: 100 }, screens)).toEqual(defaultWindowState);
  });
});

describe('the application menu', () => {
  const clicked: string[] = [];
  const actions = {
    resetExercise: () => clicked.push('reset'),
    openLessonPack: () => clicked.push('open'),
    showAbout: () => clicked.push('about'),
    openKubernetesDocumentation: () => clicked.push('docs'),
  };
  const template = buildMenuTemplate(actions, { isDevelopment: false, isMac: false });
  const items = (label: string) => {
    const submenu = template.find((menu) => menu.label === label)?.submenu;
    return Array.isArray(submenu) ? submenu : [];
  };

  it('has File, Edit, View and Help with the usual accelerators', () => {
    expect(template.map((menu) => menu.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(items('&File').map((item) => item.label ?? item.role ?? item.type)).toEqual(['Reset Exercise', 'Open Lesson Pack…', 'separator', 'quit']);
    expect(items('&File').map((item) => item.accelerator)).toEqual(['CmdOrCtrl+Shift+R', 'CmdOrCtrl+O', undefined, 'Ctrl+Q']);
    expect(items('&Edit').map((item) => item.role ?? item.type)).toEqual(['undo', 'redo', 'separator', 'cut', 'copy', 'paste', 'selectAll', ]);
    expect(items('&View').map((item) => item.role ?? item.type)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'separator', 'togglefullscreen']);
    expect(items('&Help').map((item) => item.label ?? item.type)).toEqual(['Kubernetes Documentation', 'separator', 'About Pod Lab']);
  });

  it('runs the actions it was given', () => {
    for (const item of [...items('&File'), ...items('&Help')]) (item.click as (() => void) | undefined)?.();
    expect(clicked).toEqual(['reset', 'open', 'docs', 'about']);
    expect(kubernetesDocumentationUrl).toBe('https://kubernetes.io/docs/');
  });

  it('uses the app menu and a Close item on macOS', () => {
    const mac = buildMenuTemplate(actions, { isDevelopment: false, isMac: true });
    expect(mac.map((menu) => menu.role ?? menu.label)).toEqual(['appMenu', '&File', '&Edit', '&View', 'windowMenu', 'help']);
  });

  it('shows the versions in About', () => {
    expect(aboutText({ name: 'podlab', version: '0.1.0', electron: '45.5.0', chrome: '155.0.8038.2', node: '24.21.0', platform: 'linux x64' })).toBe(
      'Version 0.1.0\nElectron 45.5.0\nChrome 155.0.8038.2\nNode.js 24.21.0\nPlatform linux x64',
    );
  });
});

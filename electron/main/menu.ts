// The application menu as a template. Actions are passed in, so the template is tested in Node.

import type { MenuItemConstructorOptions } from 'electron';
import type { AppInfo } from '../ipc-contract';

export const kubernetesDocumentationUrl = 'https://kubernetes.io/docs/';

export interface MenuActions {
  resetExercise(): void;
  openLessonPack(): void;
  showAbout(): void;
  openKubernetesDocumentation(): void;
}

export interface MenuOptions {
  isDevelopment: boolean;
  isMac: boolean;
}

export function buildMenuTemplate(actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  if (options.isMac) {
    template.push({
      role: 'appMenu',
      submenu: [{ label: 'About Pod Lab', click: () => actions.showAbout() }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  }
  template.push({
    label: '&File',
    submenu: [
      { id: 'reset-exercise', label: 'Reset Exercise', accelerator: 'CmdOrCtrl+Shift+R', click: () => actions.resetExercise() },
      { id: 'open-lesson-pack', label: 'Open Lesson Pack…', accelerator: 'CmdOrCtrl+O', click: () => actions.openLessonPack() },
      { type: 'separator' },
      options.isMac ? { role: 'close' } : { role: 'quit', accelerator: 'Ctrl+Q' },
    ],
  });
  template.push({
    label: '&Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  });
  const view: MenuItemConstructorOptions[] = [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }];
  if (options.isDevelopment) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' });
  template.push({ label: '&View', submenu: view });
  if (options.isMac) template.push({ role: 'windowMenu' });
  const help: MenuItemConstructorOptions[] = [{ id: 'kubernetes-docs', label: 'Kubernetes Documentation', click: () => actions.openKubernetesDocumentation() }];
  if (!options.isMac) help.push({ type: 'separator' }, { id: 'about', label: 'About Pod Lab', click: () => actions.showAbout() });
  template.push({ role: 'help', label: '&Help', submenu: help });
  return template;
}

export function aboutText(info: AppInfo): string {
  return [`Version ${info.version}`, `Electron ${info.electron}`, `Chrome ${info.chrome}`, `Node.js ${info.node}`, `Platform ${info.platform}`].join('\n');
}

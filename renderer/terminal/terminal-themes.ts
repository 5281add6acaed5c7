// Terminal colours for the app's light and dark themes. Every ANSI colour is given: xterm's own
// palette is made for black backgrounds, so without these, ANSI black (and dim blue and
// magenta) all but vanish on the dark theme's background.

import type { ITheme } from '@xterm/xterm';

export const darkTerminalTheme: ITheme = {
  background: '#0f1720',
  foreground: '#d8e1ea',
  cursor: '#7cc4ff',
  cursorAccent: '#0f1720',
  selectionBackground: '#2b4a66',
  black: '#7d8590',
  red: '#ff7b72',
  green: '#3fb950',
  yellow: '#d29922',
  blue: '#58a6ff',
  magenta: '#bc8cff',
  cyan: '#39c5cf',
  white: '#b1bac4',
  brightBlack: '#9aa4ae',
  brightRed: '#ffa198',
  brightGreen: '#56d364',
  brightYellow: '#e3b341',
  brightBlue: '#79c0ff',
  brightMagenta: '#d2a8ff',
  brightCyan: '#56d4dd',
  brightWhite: '#ffffff',
};

export const lightTerminalTheme: ITheme = {
  background: '#fbfcfd',
  foreground: '#1d2733',
  cursor: '#1f6feb',
  cursorAccent: '#fbfcfd',
  selectionBackground: '#cfe3ff',
  black: '#24292f',
  red: '#cf222e',
  green: '#116329',
  yellow: '#9a6700',
  blue: '#0969da',
  magenta: '#8250df',
  cyan: '#1b7c83',
  white: '#6b7785',
  brightBlack: '#57606a',
  brightRed: '#a40e26',
  brightGreen: '#1a7f37',
  brightYellow: '#7d5500',
  brightBlue: '#0550ae',
  brightMagenta: '#6639ba',
  brightCyan: '#0e6a70',
  brightWhite: '#4a5562',
};

export const ansiColourNames = [
  'black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white',
  'brightBlack', 'brightRed', 'brightGreen', 'brightYellow', 'brightBlue', 'brightMagenta', 'brightCyan', 'brightWhite',
] as const;

export function terminalThemeFor(theme: 'light' | 'dark'): ITheme {
  return theme === 'dark' ? darkTerminalTheme : lightTerminalTheme;
}

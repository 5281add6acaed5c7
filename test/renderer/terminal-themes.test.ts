// Every ANSI colour stays readable on its theme's terminal background.
import { describe, expect, it } from 'vitest';
import { ansiColourNames, darkTerminalTheme, lightTerminalTheme } from '../../renderer/terminal/terminal-themes';

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

describe('terminal themes', () => {
  for (const [name, theme] of [['dark', darkTerminalTheme], ['light', lightTerminalTheme]] as const) {
    it(`gives all 16 ANSI colours a contrast of at least 4:1 on the ${name} background`, () => {
      const weak = ansiColourNames.filter((colour) => contrast(theme[colour]!, theme.background!) < 4).map((colour) => `${colour} ${contrast(theme[colour]!, theme.background!).toFixed(2)}`);
      expect(weak).toEqual([]);
      expect(contrast(theme.foreground!, theme.background!)).toBeGreaterThan(7);
    });
  }
});

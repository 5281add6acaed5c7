// Language, theme, font size, screen-reader mode and "Use your own kubectl"; saved as the `settings` document.

import { defineStore } from 'pinia';
import { languageFromLocale, translate, type StringKey, type UiLanguage } from '../i18n/strings';

export type Theme = 'light' | 'dark';

export interface SettingsDocument {
  language: UiLanguage;
  theme: Theme;
  fontSize: number;
  screenReaderMode: boolean;
  /** Serve the session to the learner's own kubectl (desktop app). */
  ownKubectl: boolean;
}

export function defaultSettings(): SettingsDocument {
  const locale = typeof navigator === 'undefined' ? undefined : navigator.language;
  const prefersDark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  return { language: languageFromLocale(locale), theme: prefersDark ? 'dark' : 'light', fontSize: 14, screenReaderMode: false, ownKubectl: false };
}

export const useSettingsStore = defineStore('settings', {
  state: (): SettingsDocument => defaultSettings(),
  getters: {
    t: (state) => (key: StringKey) => translate(state.language, key),
  },
  actions: {
    load(saved: Partial<SettingsDocument> | undefined) {
      if (!saved) return;
      if (saved.language === 'en' || saved.language === 'zh') this.language = saved.language;
      if (saved.theme === 'light' || saved.theme === 'dark') this.theme = saved.theme;
      if (typeof saved.fontSize === 'number' && saved.fontSize >= 10 && saved.fontSize <= 28) this.fontSize = saved.fontSize;
      if (typeof saved.screenReaderMode === 'boolean') this.screenReaderMode = saved.screenReaderMode;
      if (typeof saved.ownKubectl === 'boolean') this.ownKubectl = saved.ownKubectl;
    },
    document(): SettingsDocument {
      return { language: this.language, theme: this.theme, fontSize: this.fontSize, screenReaderMode: this.screenReaderMode, ownKubectl: this.ownKubectl };
    },
  },
});

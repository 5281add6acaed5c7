// Learner-facing text exists in English and Simplified Chinese.

export type Language = 'en' | 'zh';

export const languages: readonly Language[] = ['en', 'zh'];

export interface Localised {
  en: string;
  zh: string;
}

export function isLanguage(value: string): value is Language {
  return value === 'en' || value === 'zh';
}

/** Builds a localised text from one template per language. */
export function localised(en: string, zh: string): Localised {
  return { en, zh };
}

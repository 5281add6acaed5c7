// The UI chrome's Chinese reads as Chinese is written.
import { describe, expect, it } from 'vitest';
import { uiStrings } from '../../renderer/i18n/strings';

describe('Chinese UI strings', () => {
  it('puts no space after full-width punctuation', () => {
    const spaced = Object.entries(uiStrings.zh).filter(([, text]) => /[，。：；！？、）“”] /.test(text));
    expect(spaced).toEqual([]);
  });

  it('calls the lesson tab 课程', () => {
    expect(uiStrings.zh.lesson).toBe('课程');
  });
});

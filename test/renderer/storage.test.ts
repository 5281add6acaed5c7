// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { LocalStorageBackend, debounced } from '../../renderer/storage/storage';
import { languageFromLocale, translate } from '../../renderer/i18n/strings';

describe('browser storage', () => {
  it('keeps named JSON documents in localStorage across instances', async () => {
    window.localStorage.clear();
    await new LocalStorageBackend().set('workspace/first-pod', { files: { 'web.yaml': 'kind: Pod\n' } });
    expect(await new LocalStorageBackend().get('workspace/first-pod')).toEqual({ files: { 'web.yaml': 'kind: Pod\n' } });
    expect(await new LocalStorageBackend().get('settings')).toBeUndefined();
  });

  it('treats a corrupt document as missing', async () => {
    window.localStorage.setItem('podlab:progress', '{not json');
    expect(await new LocalStorageBackend().get('progress')).toBeUndefined();
  });

  it('saves once after a burst of changes, and at once on flush', async () => {
    vi.useFakeTimers();
    const save = vi.fn();
    const saver = debounced(save, 300);
    saver.schedule();
    saver.schedule();
    vi.advanceTimersByTime(299);
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(save).toHaveBeenCalledTimes(1);
    saver.schedule();
    await saver.flush();
    expect(save).toHaveBeenCalledTimes(2);
    vi.useRealTimers();
  });

  it('still saves while changes keep coming', () => {
    vi.useFakeTimers();
    const save = vi.fn();
    const saver = debounced(save, 300);
    for (let elapsed = 0; elapsed < 1000; elapsed += 50) {
      saver.schedule();
      vi.advanceTimersByTime(50);
    }
    expect(save).toHaveBeenCalledTimes(3);
    vi.useRealTimers();
  });
});

describe('UI language', () => {
  it('defaults from the system locale', () => {
    expect(languageFromLocale('zh-CN')).toBe('zh');
    expect(languageFromLocale('zh-TW')).toBe('zh');
    expect(languageFromLocale('en-GB')).toBe('en');
    expect(languageFromLocale(undefined)).toBe('en');
  });

  it('has every string in both languages', () => {
    expect(translate('zh', 'checks')).toBe('检查项');
    expect(translate('en', 'checks')).toBe('Checks');
  });
});

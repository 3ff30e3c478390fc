import { describe, expect, it } from 'vitest';
import { en as consoleEn } from '../i18n/en.ts';
import { fa as consoleFa } from '../i18n/fa.ts';
import { OVERRIDE_KEYS, overrideField, widgetDefault } from './overrides.ts';

describe('text overrides', () => {
  it.each(OVERRIDE_KEYS)('%s is a widget string in both languages, explained in both', (key) => {
    expect(widgetDefault('en', key)).not.toBe('');
    expect(widgetDefault('fa', key)).toMatch(/[\u0600-\u06FF]/);
    expect(consoleEn.settings.overrides[key]).toBeTruthy();
    expect(consoleFa.settings.overrides[key]).toMatch(/[\u0600-\u06FF]/);
  });

  it('names each field by its path in the settings', () => {
    expect(overrideField('fa', 'tab_story')).toBe('strings.fa.tab_story');
  });
});

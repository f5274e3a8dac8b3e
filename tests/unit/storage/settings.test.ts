/** The stored settings record, read without zod (storage/constants.ts parseSettings). */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from '../../../src/storage/constants';

describe('parseSettings', () => {
  it('keeps valid settings as they are', () => {
    expect(parseSettings({ screenReaderMode: true, theme: 'dark' })).toEqual({ screenReaderMode: true, theme: 'dark' });
    expect(parseSettings({ screenReaderMode: false, theme: 'light' })).toEqual({ screenReaderMode: false, theme: 'light' });
    expect(parseSettings({ screenReaderMode: true, theme: 'system' })).toEqual({ screenReaderMode: true, theme: 'system' });
  });

  it('reads records from before the theme existed, or with nothing set, with the defaults', () => {
    expect(parseSettings({ screenReaderMode: true })).toEqual({ screenReaderMode: true, theme: 'system' });
    expect(parseSettings({})).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ theme: 'light' })).toEqual({ screenReaderMode: false, theme: 'light' });
  });

  it('gives each invalid field its default and keeps the valid one', () => {
    expect(parseSettings({ screenReaderMode: 'yes', theme: 'light' })).toEqual({ screenReaderMode: false, theme: 'light' });
    expect(parseSettings({ screenReaderMode: true, theme: 'purple' })).toEqual({ screenReaderMode: true, theme: 'system' });
    expect(parseSettings({ screenReaderMode: 1, theme: 42 })).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ screenReaderMode: true, theme: 'constructor' })).toEqual({ screenReaderMode: true, theme: 'system' });
  });

  it('turns garbage into the defaults', () => {
    for (const raw of [undefined, null, 'dark', 7, true, [true, 'dark'], ['screenReaderMode']]) expect(parseSettings(raw)).toEqual(DEFAULT_SETTINGS);
  });

  it('drops fields it does not know', () => {
    const parsed = parseSettings({ screenReaderMode: true, theme: 'dark', fontSize: 40, __proto__: { theme: 'light' } });
    expect(parsed).toEqual({ screenReaderMode: true, theme: 'dark' });
    expect(Object.keys(parsed).sort()).toEqual(['screenReaderMode', 'theme']);
  });

  it('returns a fresh object each time: changing it does not change the defaults', () => {
    const parsed = parseSettings(undefined);
    parsed.theme = 'dark';
    expect(DEFAULT_SETTINGS.theme).toBe('system');
  });
});

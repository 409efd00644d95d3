import { SUPPORTED_LANGUAGES, resolveLanguage, stringsFor } from '../../../lambdas/core/templates';

const en = stringsFor('en');
const keys = Object.keys(en).sort();
const others = SUPPORTED_LANGUAGES.filter((l) => l !== 'en');

/** Calls a string function with every parameter set to a recognisable marker. */
function callWithMarkers(fn: (p: Record<string, string>) => string): string {
  return fn(new Proxy({}, { get: (_t, name) => `«${String(name)}»` }));
}

describe('language catalogue', () => {
  it('supports the twelve languages of the catalogue, English first', () => {
    expect([...SUPPORTED_LANGUAGES].sort()).toEqual([
      'de',
      'en',
      'es',
      'fr',
      'it',
      'ja',
      'ko',
      'pt',
      'ro',
      'ru',
      'tr',
      'zh',
    ]);
    expect(SUPPORTED_LANGUAGES[0]).toBe('en');
  });

  it.each(SUPPORTED_LANGUAGES)('%s has every key, each of the same kind as English and none empty', (lang) => {
    const s = stringsFor(lang) as unknown as Record<string, unknown>;
    expect(Object.keys(s).sort()).toEqual(keys);
    for (const key of keys) {
      const value = s[key];
      const ref = (en as unknown as Record<string, unknown>)[key];
      expect([key, typeof value]).toEqual([key, typeof ref]);
      if (typeof value === 'string') expect([key, value.trim().length > 0]).toEqual([key, true]);
      if (Array.isArray(value)) {
        expect([key, value.length]).toEqual([key, (ref as unknown[]).length]);
        for (const item of value) expect(String(item).trim()).not.toBe('');
      }
    }
  });

  it.each(SUPPORTED_LANGUAGES)('%s uses every parameter it is given in each sentence', (lang) => {
    const s = stringsFor(lang) as unknown as Record<string, unknown>;
    const enS = en as unknown as Record<string, unknown>;
    for (const key of keys) {
      const fn = s[key];
      if (typeof fn !== 'function') continue;
      // The parameters English uses are the ones every translation must show (a dropped date or number is a lie by omission).
      const wanted = [...callWithMarkers(enS[key] as never).matchAll(/«(\w+)»/g)].map((m) => m[1]);
      const out = callWithMarkers(fn as never);
      for (const name of wanted) expect([key, out.includes(`«${name}»`)]).toEqual([key, true]);
    }
  });

  it.each(others)('%s is translated, not copied from English', (lang) => {
    const s = stringsFor(lang) as unknown as Record<string, unknown>;
    const enS = en as unknown as Record<string, unknown>;
    const texts = keys.filter((k) => typeof enS[k] === 'string' && k !== 'locale');
    const same = texts.filter((k) => s[k] === enS[k]);
    // Short labels such as "Email: " may coincide between languages; whole sentences must not.
    expect(same.filter((k) => String(enS[k]).length > 12)).toEqual([]);
  });

  it('resolves language tags to a supported language and falls back to English', () => {
    expect(resolveLanguage('ro')).toBe('ro');
    expect(resolveLanguage('pt-BR')).toBe('pt');
    expect(resolveLanguage('zh_Hant_TW')).toBe('zh');
    expect(resolveLanguage('RU')).toBe('ru');
    expect(resolveLanguage('nl')).toBe('en');
    expect(resolveLanguage('')).toBe('en');
    expect(resolveLanguage(undefined)).toBe('en');
    expect(resolveLanguage('__proto__')).toBe('en');
  });
});

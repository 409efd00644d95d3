import { de } from './languages/de';
import { en } from './languages/en';
import { es } from './languages/es';
import { fr } from './languages/fr';
import { it } from './languages/it';
import { ja } from './languages/ja';
import { ko } from './languages/ko';
import { pt } from './languages/pt';
import { ro } from './languages/ro';
import { ru } from './languages/ru';
import { tr } from './languages/tr';
import { zh } from './languages/zh';
import type { Strings } from './strings';

/**
 * The catalogue of customer-facing languages. Adding a language is one file in `languages/` implementing
 * `Strings`, plus one line here.
 */
const CATALOGUE = { en, es, fr, de, it, pt, ro, zh, ja, ko, ru, tr } as const satisfies Record<string, Strings>;

export type LanguageCode = keyof typeof CATALOGUE;

/** ISO 639-1 codes we write mail in; English first (the fallback). */
export const SUPPORTED_LANGUAGES: readonly LanguageCode[] = Object.keys(CATALOGUE) as LanguageCode[];

/** The language used when the customer's is not supported. */
export const FALLBACK_LANGUAGE: LanguageCode = 'en';

function isSupported(code: string): code is LanguageCode {
  return Object.hasOwn(CATALOGUE, code);
}

/**
 * Maps any language tag (`ro`, `pt-BR`, `zh_Hant_TW`, `RU`) to a supported language, or English.
 *
 * @example resolveLanguage('pt-BR') // 'pt'
 * @example resolveLanguage('nl') // 'en'
 */
export function resolveLanguage(code: string | undefined | null): LanguageCode {
  const primary = (code ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return isSupported(primary) ? primary : FALLBACK_LANGUAGE;
}

/** The strings of a supported language. */
export function stringsFor(language: LanguageCode): Strings {
  return CATALOGUE[language];
}

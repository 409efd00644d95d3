import { renderHtml, renderText, type Block } from './document';
import type { CaseMailInput, RenderedMail } from './inputs';
import { resolveLanguage, stringsFor, type LanguageCode } from './languages';
import type { Strings } from './strings';
import { caseSubject } from './subject';

/** The language and strings a case mail is written in. */
export function languageOf(input: Pick<CaseMailInput, 'language'>): { language: LanguageCode; s: Strings } {
  const language = resolveLanguage(input.language);
  return { language, s: stringsFor(language) };
}

/** Renders blocks into the three parts of a case mail; the subject is always `[<tracking>] <subject>`. */
export function renderCaseMail(input: CaseMailInput, language: LanguageCode, blocks: readonly Block[]): RenderedMail {
  const s = stringsFor(language);
  const doc = { language, blocks };
  return {
    subject: caseSubject(input.tracking, input.subject, s.noSubject),
    text: renderText(doc),
    html: renderHtml(doc),
    language,
  };
}

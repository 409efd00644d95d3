/** Customer-facing mail templates: one pure function per purpose, each returning `{ subject, text, html, language }`. */
export { acknowledgement } from './acknowledgement';
export { agentReply } from './agent-reply';
export { autoClose } from './auto-close';
export { lateDecision } from './late-decision';
export { notice } from './notice-mail';
export { replyReceived } from './reply-received';
export { resolution } from './resolution';
export { statusUpdate } from './status-update';
export { FALLBACK_LANGUAGE, SUPPORTED_LANGUAGES, resolveLanguage, stringsFor, type LanguageCode } from './languages';
export { caseSubject, cleanCustomerSubject, MAX_SUBJECT_LENGTH } from './subject';
export { escapeHtml } from './escape-html';
export type { BusinessHoursNote, WeeklyHours } from './format';
export type { Strings } from './strings';
export * from './inputs';

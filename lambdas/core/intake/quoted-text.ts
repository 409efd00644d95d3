/**
 * Separates what the customer wrote from what they quoted. A reply quotes our acknowledgement, which talks
 * about complaints, regulators and 2FA: reading the quote would make every reply a "complaint" about
 * "account access" and could switch the detected language to ours.
 */

/** Lines that introduce a quoted original in common clients and languages. */
const ATTRIBUTION = new RegExp(
  [
    String.raw`^-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale|mensagem original|mesajul original|исходное сообщение|原始邮件|元のメッセージ|원본 메시지|orijinal ileti)\s*-{2,}`,
    String.raw`^_{10,}\s*$`,
    String.raw`^(?:on|am|le|el|il|em|în|op|w dniu)\b.{0,200}(?:wrote|schrieb|a écrit|escribió|ha scritto|escreveu|a scris|schreef|napisał)\s*:?\s*$`,
    // Unanchored: a line ending this way matches wherever it starts. A leading `.{0,200}` here would add
    // nothing to what matches and cost up to 200 steps at every position of every line.
    String.raw`(?:написал|написала|yazdı|写道|wrote)\s*[:：]\s*$`,
    String.raw`のメッセージ[:：]?\s*$`,
    String.raw`작성[:：]?\s*$`,
    String.raw`^(?:from|von|de|da|od|от|发件人|差出人|보낸 사람|kimden)\s*[:：].{1,200}$`,
  ].join('|'),
  'i',
);

/** Most lines examined: the new text of a reply is at the top, and this bounds the work. */
const MAX_LINES = 2000;

/**
 * Returns the text before the first quote attribution, without `>` quoted lines. When the whole message is
 * a quote (a bare forward), returns the original text so nothing is lost for language and topic detection.
 */
export function stripQuoted(text: string): string {
  const lines = text.split(/\r?\n/, MAX_LINES);
  const kept: string[] = [];
  for (const line of lines) {
    const trimmed = line.trim();
    if (ATTRIBUTION.test(trimmed)) break;
    if (trimmed.startsWith('>')) continue;
    kept.push(line);
  }
  const result = kept.join('\n').trim();
  return result.length > 0 ? result : text.trim();
}

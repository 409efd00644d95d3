import {
  MailParseError,
  type MailEnvelope,
  type MimeParser,
  type ParsedMail,
} from '../../lambdas/core/intake/parsed-mail';

/**
 * A parser for use-case tests: the "raw" blob is the JSON of the ParsedMail it stands for (write it with
 * `rawFor(parsedMail({...}))`), so intake tests need no MIME. Anything else is refused as unparseable, as the
 * real parser refuses garbage. The real parsers are tested on .eml files under test/adapters and test/corpus.
 */
export class JsonMimeParser implements MimeParser {
  async parse(raw: Buffer, envelope?: MailEnvelope): Promise<ParsedMail> {
    if (raw.length === 0) throw new MailParseError('empty', 'the message is empty');
    let mail: ParsedMail;
    try {
      mail = JSON.parse(raw.toString('utf8')) as ParsedMail;
    } catch (err) {
      throw new MailParseError('unparseable', 'not a message', { cause: err });
    }
    return envelope ? { ...mail, envelope: { ...mail.envelope, ...envelope } } : mail;
  }
}

/** The bytes JsonMimeParser turns back into `mail`. */
export const rawFor = (mail: ParsedMail): Buffer => Buffer.from(JSON.stringify(mail));

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
  readonly maxRawBytes?: number;

  /** `maxRawBytes`: refuse larger input as `too_large`, as the real parser does. @default - no limit */
  constructor(opts: { readonly maxRawBytes?: number } = {}) {
    if (opts.maxRawBytes !== undefined) this.maxRawBytes = opts.maxRawBytes;
  }

  async parse(raw: Buffer, envelope?: MailEnvelope): Promise<ParsedMail> {
    if (raw.length === 0) throw new MailParseError('empty', 'the message is empty');
    if (this.maxRawBytes !== undefined && raw.length > this.maxRawBytes)
      throw new MailParseError(
        'too_large',
        `the message has ${raw.length} bytes, more than the ${this.maxRawBytes} accepted`,
      );
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

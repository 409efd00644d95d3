import { MailParser } from 'mailparser';
import type { AddressObject, AttachmentStream, HeaderLines, Headers, MessageText } from 'mailparser';
import {
  MailParseError,
  type MailAddress,
  type MailEnvelope,
  type MimeParser,
  type ParseProblem,
  type ParsedAttachment,
  type ParsedMail,
} from '../../core/intake/parsed-mail';
import type { AttachmentReader } from '../../core/attachment';
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from './parse-limits';
import { StructureLimitError, scanMimeStructure } from './parse-structure';

/**
 * `MimeParser` implemented with mailparser's streaming `MailParser` (the engine under `simpleParser`).
 * Attachments are hashed and measured while they stream past and never buffered: the raw message in S3
 * already holds their bytes, and buffering a 30 MB attachment would double the intake's memory.
 * Charsets (ISO-2022-JP, GB2312/GBK, Big5, KOI8-R, windows-125x, ...) are decoded by mailparser (iconv-lite).
 */
export class MailparserMimeParser implements MimeParser, AttachmentReader {
  private readonly limits: ParseLimits;

  constructor(limits: Partial<ParseLimits> = {}) {
    this.limits = { ...DEFAULT_PARSE_LIMITS, ...limits };
  }

  get maxRawBytes(): number {
    return this.limits.maxRawBytes;
  }

  /** Parses `raw`; throws `MailParseError` for empty, over-limit or unparseable input. */
  async parse(raw: Buffer, envelope?: MailEnvelope): Promise<ParsedMail> {
    const limits = this.limits;
    if (raw.length === 0) throw new MailParseError('empty', 'the message is empty');
    if (raw.length > limits.maxRawBytes) {
      throw new MailParseError(
        'too_large',
        `the message has ${raw.length} bytes, more than the ${limits.maxRawBytes} accepted`,
      );
    }
    let partTypes: readonly string[];
    try {
      partTypes = scanMimeStructure(raw, limits.maxNestingDepth, limits.maxParts).partTypes;
    } catch (cause) {
      if (cause instanceof StructureLimitError) {
        throw new MailParseError(cause.limit === 'depth' ? 'too_deep' : 'too_many_parts', cause.message, { cause });
      }
      throw cause;
    }
    const result = await runParser(raw, limits);
    return toParsedMail(raw.length, result, partTypes, limits, envelope);
  }

  /**
   * Streams the message again and hands each attachment's decoded bytes to `visit`, one at a time (the
   * parser waits until `visit` settles), numbered as `parse` lists them. Only for a message `parse` took.
   */
  async readAttachments(raw: Buffer, visit: (n: number, content: Buffer) => Promise<void>): Promise<void> {
    await runParser(raw, this.limits, visit);
  }
}

interface ParserResult {
  headers: Headers;
  headerLines: HeaderLines;
  text?: MessageText;
  attachments: ParsedAttachment[];
  attachmentsDropped: number;
  warning: boolean;
}

type ContentVisitor = (n: number, content: Buffer) => Promise<void>;

function runParser(raw: Buffer, limits: ParseLimits, visit?: ContentVisitor): Promise<ParserResult> {
  return new Promise((resolve, reject) => {
    const parser = new MailParser({
      checksumAlgo: 'sha256',
      maxHeadSize: limits.maxHeaderBytes,
      maxChildNodes: limits.maxParts,
      // html-to-text only runs on HTML up to this length (the CPU-pegging case in peers' trackers).
      maxHtmlLengthToParse: limits.maxHtmlChars,
      // We never serve mailparser's generated HTML: skip building it.
      skipTextToHtml: true,
      skipTextLinks: true,
    });
    const out: ParserResult = {
      headers: new Map(),
      headerLines: [],
      attachments: [],
      attachmentsDropped: 0,
      warning: false,
    };
    let settled = false;
    const fail = (cause: unknown): void => {
      if (settled) return;
      settled = true;
      parser.removeAllListeners('readable');
      reject(toParseError(cause));
    };
    parser.on('error', fail);
    parser.on('headers', (headers) => {
      out.headers = headers;
      out.headerLines = parser.headerLines || [];
    });
    let reading = false;
    const read = (): void => {
      reading = true;
      for (;;) {
        const data = parser.read();
        if (data === null) {
          reading = false;
          return;
        }
        if (data.type === 'text') {
          out.text = data;
          continue;
        }
        drainAttachment(data, out, limits, read, fail, visit);
        return; // the parser waits for release(); `read` resumes once the attachment has ended
      }
    };
    parser.on('readable', () => {
      if (!reading) read();
    });
    parser.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(out);
    });
    parser.end(raw);
  });
}

function drainAttachment(
  a: AttachmentStream,
  out: ParserResult,
  limits: ParseLimits,
  next: () => void,
  fail: (cause: unknown) => void,
  visit?: ContentVisitor,
): void {
  const chunks: Buffer[] = [];
  a.content.on('data', (chunk: Buffer) => {
    if (visit) chunks.push(chunk);
  });
  a.content.on('error', fail);
  a.content.on('end', () => {
    const n = out.attachments.length;
    try {
      recordAttachment(a, out, limits);
    } catch (cause) {
      fail(cause);
      return;
    }
    const kept = out.attachments.length > n;
    const visited = visit && kept ? visit(n, Buffer.concat(chunks)) : Promise.resolve();
    chunks.length = 0;
    visited.then(() => {
      a.release?.();
      next();
    }, fail);
  });
}

function recordAttachment(a: AttachmentStream, out: ParserResult, limits: ParseLimits): void {
  if (out.attachments.length >= limits.maxAttachments) {
    out.attachmentsDropped++;
    return;
  }
  // mailparser's values are not always strings on malformed parts (a bare `Content-Type:` header).
  out.attachments.push({
    ...(typeof a.filename === 'string' && { filename: a.filename.slice(0, 255) }),
    contentType:
      typeof a.contentType === 'string' && a.contentType ? a.contentType.toLowerCase() : 'application/octet-stream',
    size: a.size ?? 0,
    ...(a.checksum !== undefined && { checksum: a.checksum }),
    ...(typeof a.cid === 'string' && { contentId: a.cid }),
    related: a.related === true,
    ...(typeof a.contentDisposition === 'string' && { disposition: a.contentDisposition.toLowerCase() }),
  });
}

function toParseError(cause: unknown): MailParseError {
  if (cause instanceof MailParseError) return cause;
  const err = cause as { code?: string; message?: string };
  const message = typeof err?.message === 'string' ? err.message : String(cause);
  if (err?.code === 'EMAXLEN') {
    if (/header/i.test(message)) return new MailParseError('header_too_large', message, { cause });
    return new MailParseError('too_many_parts', message, { cause });
  }
  return new MailParseError('unparseable', message, { cause });
}

const stripAngles = (id: string): string => id.trim().replace(/^<+/, '').replace(/>+$/, '').trim();

/** Message-ids in a header value, in order (`<a@b> <c@d>`), without brackets; tolerant of missing ones. */
function messageIds(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  const joined = Array.isArray(value) ? value.join(' ') : (value as string);
  const bracketed = [...joined.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
  if (bracketed.length > 0) return bracketed;
  return joined
    .split(/[\s,]+/)
    .map(stripAngles)
    .filter((s) => s.length > 0 && s.length < 1000);
}

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (!value) return [];
  const list: MailAddress[] = [];
  const visit = (entries: AddressObject['value']): void => {
    for (const e of entries) {
      if (e.group) visit(e.group);
      else if (e.address) list.push({ address: e.address.trim().toLowerCase(), ...(e.name && { name: e.name }) });
      if (list.length >= 100) return;
    }
  };
  for (const obj of Array.isArray(value) ? value : [value]) visit(obj.value);
  return list;
}

/** Every address of a list, groups included: the lists themselves keep only the first 100. */
function countAddresses(value: AddressObject | AddressObject[] | undefined): number {
  if (!value) return 0;
  const count = (entries: AddressObject['value']): number =>
    entries.reduce((n, e) => n + (e.group ? count(e.group) : e.address ? 1 : 0), 0);
  return (Array.isArray(value) ? value : [value]).reduce((n, obj) => n + count(obj.value), 0);
}

function headerMultimap(
  lines: HeaderLines,
  limits: ParseLimits,
): { map: Record<string, string[]>; order: string[]; truncated: boolean } {
  const map: Record<string, string[]> = Object.create(null);
  const order: string[] = [];
  let truncated = lines.length > limits.maxHeaderFields;
  for (const { key, line } of lines.slice(0, limits.maxHeaderFields)) {
    const colon = line.indexOf(':');
    let value = (colon < 0 ? '' : line.slice(colon + 1)).replace(/\r?\n(?=[ \t])/g, '').trim();
    if (value.length > limits.maxHeaderValueChars) {
      value = value.slice(0, limits.maxHeaderValueChars);
      truncated = true;
    }
    (map[key] ??= []).push(value);
    order.push(key);
  }
  return { map, order, truncated };
}

/** SMTP MAIL FROM as SES records it in Return-Path: '' for the null sender `<>`. */
function returnPath(values: readonly string[] | undefined): string | undefined {
  const value = values?.[0];
  if (value === undefined) return undefined;
  const m = /<([^>]*)>/.exec(value);
  return (m ? m[1]! : value).trim().toLowerCase();
}

function toParsedMail(
  size: number,
  r: ParserResult,
  partTypes: readonly string[],
  limits: ParseLimits,
  envelope?: MailEnvelope,
): ParsedMail {
  const problems = new Set<ParseProblem>();
  const h = r.headers;
  const { map: headers, order: headerOrder, truncated } = headerMultimap(r.headerLines, limits);
  if (truncated) problems.add('headers_truncated');

  const fromList = addresses(h.get('from') as AddressObject | undefined);
  if (!h.has('from')) problems.add('no_from');
  else if (fromList.length === 0) problems.add('bad_from');
  const sender = addresses(h.get('sender') as AddressObject | undefined)[0];

  const messageId = messageIds(h.get('message-id') as string | undefined)[0];
  if (!messageId) problems.add('no_message_id');
  let references = messageIds(h.get('references') as string | string[] | undefined);
  if (references.length > limits.maxReferences) {
    references = references.slice(-limits.maxReferences);
    problems.add('references_truncated');
  }
  const inReplyTo = messageIds(h.get('in-reply-to') as string | undefined)[0];

  // mailparser substitutes "now" for an unparseable Date; only trust it when the header was present.
  const rawDate = headers['date']?.[0];
  const parsedDate = h.get('date');
  let date: string | undefined;
  if (
    rawDate !== undefined &&
    parsedDate instanceof Date &&
    !Number.isNaN(parsedDate.getTime()) &&
    !Number.isNaN(Date.parse(rawDate.replace(/\([^)]*\)/g, '')))
  ) {
    date = parsedDate.toISOString();
  } else if (rawDate !== undefined) {
    problems.add('bad_date');
  }

  let text = r.text?.text ?? '';
  if (text.length > limits.maxTextChars) {
    text = text.slice(0, limits.maxTextChars);
    problems.add('text_truncated');
  }
  let html = r.text?.html || undefined;
  if (html !== undefined && html.length > limits.maxHtmlChars) {
    html = html.slice(0, limits.maxHtmlChars);
    problems.add('html_truncated');
  }
  if (r.text?.textConversionError) problems.add('html_to_text_failed');
  if (r.attachmentsDropped > 0) problems.add('attachments_truncated');

  const contentTypeHeader = h.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  const contentType = (contentTypeHeader?.value ?? 'text/plain').toLowerCase();
  const reportType =
    contentType === 'multipart/report' ? contentTypeHeader?.params?.['report-type']?.toLowerCase() : undefined;
  let subject = typeof h.get('subject') === 'string' ? (h.get('subject') as string) : '';
  if (subject.length > limits.maxSubjectChars) {
    subject = subject.slice(0, limits.maxSubjectChars);
    problems.add('subject_truncated');
  }
  const toHeader = h.get('to') as AddressObject | AddressObject[] | undefined;
  const ccHeader = h.get('cc') as AddressObject | AddressObject[] | undefined;
  const to = addresses(toHeader);
  const cc = addresses(ccHeader);
  const recipientCount = countAddresses(toHeader) + countAddresses(ccHeader);
  const mailFrom = envelope?.mailFrom ?? returnPath(headers['return-path']);
  const env: MailEnvelope | undefined =
    envelope || mailFrom !== undefined ? { ...envelope, ...(mailFrom !== undefined && { mailFrom }) } : undefined;

  return {
    ...(messageId !== undefined && { messageId }),
    ...(inReplyTo !== undefined && { inReplyTo }),
    references,
    ...(fromList[0] !== undefined && { from: fromList[0] }),
    ...(sender !== undefined && { sender }),
    replyTo: addresses(h.get('reply-to') as AddressObject | undefined),
    to,
    cc,
    ...(recipientCount > to.length + cc.length && { recipientCount }),
    subject,
    ...(date !== undefined && { date }),
    text,
    ...(html !== undefined && { html }),
    headers,
    headerOrder,
    contentType,
    ...(reportType !== undefined && { reportType }),
    partTypes,
    attachments: r.attachments,
    ...(env !== undefined && { envelope: env }),
    size,
    problems: [...problems],
  };
}

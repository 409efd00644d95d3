import { escapeHtml } from './escape-html';

/**
 * A mail body as a small tree of blocks, rendered twice: to plain text and to HTML. Templates build
 * blocks from plain strings only, and the HTML renderer escapes every one of them, so no template can
 * put raw customer or agent text into HTML by mistake.
 */
export interface Link {
  readonly href: string;
  readonly text: string;
}

export type Inline = string | Link;

export type Block =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly parts: readonly Inline[] }
  /** Text written by a person (agent reply, explanation): line breaks kept. */
  | { readonly kind: 'quote'; readonly text: string }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly items: readonly (readonly Inline[])[] }
  | { readonly kind: 'rule' };

export interface MailDocument {
  /** ISO 639-1 code of the language the document is written in. */
  readonly language: string;
  readonly blocks: readonly Block[];
}

/** Builds a paragraph block from inline parts. */
export const p = (...parts: Inline[]): Block => ({ kind: 'paragraph', parts });
export const h = (text: string): Block => ({ kind: 'heading', text });
export const link = (href: string, text: string = href): Link => ({ href, text });

const SAFE_SCHEME = /^(https?:|mailto:|tel:)/i;

function inlineText(part: Inline): string {
  if (typeof part === 'string') return part;
  return part.text === part.href ||
    `mailto:${part.text}` === part.href ||
    `tel:${part.text.replace(/[^+\d]/g, '')}` === part.href
    ? part.text
    : `${part.text} <${part.href}>`;
}

function inlineHtml(part: Inline): string {
  if (typeof part === 'string') return escapeHtml(part);
  // Only web, mail and phone links become anchors: a javascript: or data: URL from configuration is shown as text.
  if (!SAFE_SCHEME.test(part.href)) return escapeHtml(inlineText(part));
  return `<a href="${escapeHtml(part.href)}">${escapeHtml(part.text)}</a>`;
}

/** Plain-text rendering: blank line between blocks, numbered or dashed list items. */
export function renderText(doc: MailDocument): string {
  const out: string[] = [];
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'heading':
        out.push(b.text);
        break;
      case 'paragraph':
        out.push(b.parts.map(inlineText).join(''));
        break;
      case 'quote':
        out.push(b.text.replace(/\r\n?/g, '\n').trim());
        break;
      case 'list':
        out.push(
          b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : '-'} ${item.map(inlineText).join('')}`).join('\n'),
        );
        break;
      case 'rule':
        out.push('--');
        break;
    }
  }
  return `${out.join('\n\n')}\n`;
}

/** HTML rendering: a minimal, self-contained document with every text value escaped. */
export function renderHtml(doc: MailDocument): string {
  const out: string[] = [];
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'heading':
        out.push(`<h2 style="font-size:16px;margin:20px 0 6px">${escapeHtml(b.text)}</h2>`);
        break;
      case 'paragraph':
        out.push(`<p style="margin:0 0 10px">${b.parts.map(inlineHtml).join('')}</p>`);
        break;
      case 'quote':
        out.push(
          `<div style="margin:0 0 10px;white-space:pre-wrap">${escapeHtml(b.text.replace(/\r\n?/g, '\n').trim())}</div>`,
        );
        break;
      case 'list': {
        const tag = b.ordered ? 'ol' : 'ul';
        out.push(`<${tag}>${b.items.map((item) => `<li>${item.map(inlineHtml).join('')}</li>`).join('')}</${tag}>`);
        break;
      }
      case 'rule':
        out.push('<hr style="border:0;border-top:1px solid #ccc;margin:20px 0">');
        break;
    }
  }
  const lang = escapeHtml(doc.language);
  return (
    `<!DOCTYPE html>\n<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>` +
    `<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#222">\n${out.join('\n')}\n</body></html>\n`
  );
}

import { escapeHtml } from '../../core/templates/escape-html';
import { FORM_CSP, html, type ApiResponse } from './response';

const STYLE =
  'body{font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}' +
  'button{font-size:1.25rem;margin:0 .25rem .5rem 0;padding:.5rem 1rem}';

function layout(title: string, body: string): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`
  );
}

/** A small HTML page for the customer (the reader is a person in a browser, not an API client). */
export function messagePage(status: number, title: string, message: string): ApiResponse {
  return html(status, layout(title, `<p>${escapeHtml(message)}</p>`));
}

/**
 * The page a satisfaction link opens: it records nothing, and asks the customer to confirm with a
 * button that posts the form back to the same URL (a mail scanner following the link only reads it).
 * The score from the link is pre-selected; the others are there for a customer who clicked the wrong one.
 */
export function confirmPage(tracking: string, score: number | undefined): ApiResponse {
  const buttons = [1, 2, 3, 4, 5]
    .map(
      (n) =>
        `<button type="submit" name="score" value="${n}"${n === score ? ' autofocus' : ''}>${n}${n === score ? ' ✓' : ''}</button>`,
    )
    .join('');
  const lead =
    score === undefined
      ? `How did we do with case ${tracking}? Choose a rating from 1 (poor) to 5 (excellent).`
      : `You chose ${score} out of 5 for case ${tracking}. Press ${score} to send it, or choose another rating.`;
  return html(
    200,
    layout('Rate our answer', `<p>${escapeHtml(lead)}</p><form method="post">${buttons}</form>`),
    FORM_CSP,
  );
}

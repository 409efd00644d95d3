import type { Case } from '../../core/case';
import { ValidationError } from '../../core/errors';
import { verifyFeedbackToken } from '../../core/feedback-token';
import { escapeHtml } from '../../core/templates/escape-html';
import { commitCaseEdit, mutateCase } from '../mutate-case';
import { html, type ApiResponse } from './http';
import type { ApiDeps, ApiRequest } from './request';
import { FeedbackQuery } from './schemas';

const MAX_ATTEMPTS = 3;

function page(status: number, title: string, message: string): ApiResponse {
  return html(
    status,
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
      `<title>${escapeHtml(title)}</title><style>body{font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}</style></head>` +
      `<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`,
  );
}

/**
 * `GET /feedback/{token}?score=1..5` (public): the one-click satisfaction link from the closing mail.
 * The token is signed and expiring; its nonce becomes the idempotency key `FEEDBACK#<nonce>` of the
 * commit that records the rating, so each link counts once. A second use answers 200 with an
 * "already recorded" page (a person clicking twice did nothing wrong). Errors are small HTML pages too:
 * the reader is a customer in a browser, not an API client.
 */
export async function recordFeedback(
  req: ApiRequest,
  deps: Pick<ApiDeps, 'repo' | 'clock' | 'signingSecret'>,
): Promise<ApiResponse> {
  const now = deps.clock.now();
  let tracking: Case['tracking'];
  let nonce: string;
  let score: number;
  try {
    ({ tracking, nonce } = verifyFeedbackToken(decodeURIComponent(req.params.token ?? ''), deps.signingSecret, now));
    ({ score } = FeedbackQuery.parse(req.query));
  } catch (err) {
    if (err instanceof ValidationError)
      return page(
        400,
        'This link does not work',
        `${err.message}. You can still reply to our mail to tell us how we did.`,
      );
    if (err instanceof Error && err.name === 'ZodError')
      return page(400, 'Choose a rating', 'The rating must be a whole number from 1 to 5.');
    throw err;
  }
  const at = now.toISOString();
  return mutateCase(
    deps.repo,
    tracking,
    async (current) => {
      await commitCaseEdit(
        deps,
        current,
        {
          case: { ...current, satisfaction: score },
          events: [{ at, actor: 'customer', type: 'satisfaction_recorded', data: { score } }],
          idempotencyKeys: [`FEEDBACK#${nonce}`],
        },
        now,
      );
      return page(200, 'Thank you', `Your rating of ${score} out of 5 for case ${tracking} has been recorded.`);
    },
    {
      attempts: MAX_ATTEMPTS,
      onMissing: () => page(404, 'Case not found', 'We could not find the case this link belongs to.'),
      onDuplicate: () => page(200, 'Already recorded', `We already have your rating for case ${tracking}. Thank you.`),
    },
  );
}

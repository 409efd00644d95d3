import { z } from 'zod';
import { checkFeedbackLink, recordFeedback } from '../../../app/api/feedback';
import { ValidationError } from '../../../core/errors';
import { FeedbackForm, FeedbackQuery } from '../../schemas/api/requests';
import { confirmPage, messagePage } from '../feedback-pages';
import type { ApiResponse } from '../response';
import { route, type Route } from '../route';

const TokenParams = z.strictObject({ token: z.string().min(1).max(512) });

/** A link that does not work, or a rating out of range, is told to the customer as a page, never a 500. */
async function asPage(work: () => Promise<ApiResponse>): Promise<ApiResponse> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ValidationError)
      return messagePage(
        400,
        'This link does not work',
        `${err.message}. You can still reply to our mail to tell us how we did.`,
      );
    throw err;
  }
}

export const FEEDBACK_ROUTES: readonly Route[] = [
  route({
    method: 'GET',
    path: '/feedback/{token}',
    access: 'public',
    operationId: 'confirmFeedback',
    summary: 'Satisfaction link from the closing mail: a page asking to confirm the rating (records nothing)',
    params: TokenParams,
    query: FeedbackQuery,
    responses: { 200: { description: 'Confirmation page with a form', contentType: 'text/html' } },
    handle: (req, deps) =>
      asPage(async () => {
        const { tracking } = checkFeedbackLink({ token: req.params.token }, deps);
        return confirmPage(tracking, req.query.score);
      }),
  }),
  route({
    method: 'POST',
    path: '/feedback/{token}',
    access: 'public',
    operationId: 'recordFeedback',
    summary: 'Record the confirmed rating (HTML form post from the confirmation page); each link counts once',
    params: TokenParams,
    body: FeedbackForm,
    bodyType: 'form',
    errors: [404],
    responses: { 200: { description: 'Thank-you or already-recorded page', contentType: 'text/html' } },
    handle: (req, deps) =>
      asPage(async () => {
        const outcome = await recordFeedback({ token: req.params.token, score: req.body.score }, deps);
        switch (outcome.kind) {
          case 'recorded':
            return messagePage(
              200,
              'Thank you',
              `Your rating of ${outcome.score} out of 5 for case ${outcome.tracking} has been recorded.`,
            );
          case 'already_recorded':
            return messagePage(
              200,
              'Already recorded',
              `We already have your rating for case ${outcome.tracking}. Thank you.`,
            );
          default:
            return messagePage(404, 'Case not found', 'We could not find the case this link belongs to.');
        }
      }),
  }),
];

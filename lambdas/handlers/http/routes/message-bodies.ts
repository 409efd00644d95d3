import { z } from 'zod';
import { readMessageBody } from '../../../app/api/message-body';
import { MessageHtmlBody, MessageTextBody } from '../../schemas/api/responses';
import { json } from '../response';
import { actorOf, route, type Route } from '../route';
import { STAFF } from './cases';

const MessageParams = z.strictObject({
  tracking: z.string().min(1).max(64),
  messageId: z.string().min(1).max(200).meta({ description: "The thread entry's id (`id` in the case's thread)" }),
});

/** The whole body of one thread entry, for entries the thread shows only the opening of (`fullBody`). */
export const MESSAGE_BODY_ROUTES: readonly Route[] = [
  route({
    method: 'GET',
    path: '/cases/{tracking}/messages/{messageId}/text',
    access: STAFF,
    operationId: 'getMessageText',
    summary: 'The whole text of one thread entry (the thread carries only its opening when it has `fullBody`)',
    params: MessageParams,
    errors: [404],
    responses: { 200: { description: 'The text', schema: MessageTextBody } },
    handle: async (req, deps) =>
      json(200, await readMessageBody({ actor: actorOf(req), ...req.params, part: 'text' }, deps)),
  }),
  route({
    method: 'GET',
    path: '/cases/{tracking}/messages/{messageId}/html',
    access: STAFF,
    operationId: 'getMessageHtml',
    summary: 'The whole sanitised HTML of one thread entry; show it in a sandboxed frame',
    description:
      '404 when the entry has no HTML. Sanitised on the way out like the thread: no script, no event handlers, no remote images.',
    params: MessageParams,
    errors: [404],
    responses: { 200: { description: 'The HTML', schema: MessageHtmlBody } },
    handle: async (req, deps) =>
      json(200, await readMessageBody({ actor: actorOf(req), ...req.params, part: 'html' }, deps)),
  }),
];

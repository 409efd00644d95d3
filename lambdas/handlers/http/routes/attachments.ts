import { z } from 'zod';
import { attachmentLink } from '../../../app/api/attachment-link';
import { json } from '../response';
import { actorOf, route, type Route } from '../route';
import { STAFF } from './cases';

const AttachmentParams = z.strictObject({
  tracking: z.string().min(1).max(64),
  messageId: z.string().min(1).max(200).meta({ description: "The thread entry's id (`id` in the case's thread)" }),
  index: z.coerce.number().int().min(0).max(99).meta({ description: "Position in the message's `attachments`" }),
});

const AttachmentLinkBody = z.object({
  url: z.string().meta({ description: 'Presigned GET of exactly this one object; downloads, never renders' }),
  expiresAt: z.string(),
  filename: z.string().optional(),
  contentType: z.string(),
  size: z.number(),
});

export const ATTACHMENT_ROUTES: readonly Route[] = [
  route({
    method: 'GET',
    path: '/cases/{tracking}/messages/{messageId}/attachments/{index}',
    access: STAFF,
    operationId: 'getAttachmentLink',
    summary: 'A short-lived download link for one attachment of a customer message',
    description:
      'Only for a message SES scanned clean (virus verdict PASS): otherwise 403. The link expires after 60 seconds; the read goes to the access log.',
    params: AttachmentParams,
    errors: [403, 404],
    responses: { 200: { description: 'The link', schema: AttachmentLinkBody } },
    handle: async (req, deps) =>
      json(
        200,
        await attachmentLink(
          {
            actor: actorOf(req),
            tracking: req.params.tracking,
            messageId: req.params.messageId,
            index: req.params.index,
          },
          deps,
        ),
      ),
  }),
];

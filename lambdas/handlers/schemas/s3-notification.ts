import * as z from '../../core/zod';

/**
 * The body SQS receives from an S3 ObjectCreated notification (or S3's one-off test event when the
 * notification is configured). Only the fields the intake uses are required.
 */
const S3RecordSchema = z.object({
  eventName: z.string(),
  s3: z.object({
    bucket: z.object({ name: z.string().check(z.minLength(1)) }),
    object: z.object({ key: z.string().check(z.minLength(1)), size: z.optional(z.number()) }),
  }),
});

export const S3NotificationSchema = z.union([
  z.object({ Records: z.array(S3RecordSchema) }),
  z.object({ Event: z.literal('s3:TestEvent') }),
]);

export interface StoredMail {
  readonly bucket: string;
  readonly key: string;
  /** SES's message id: the last path segment of the object key the S3 action wrote. */
  readonly sesMessageId: string;
}

/** S3 URL-encodes keys in notifications, with "+" for spaces. */
const decodeKey = (key: string) => decodeURIComponent(key.replace(/\+/g, ' '));

export function storedMailFromSqsBody(body: string): StoredMail[] {
  const parsed = S3NotificationSchema.parse(JSON.parse(body));
  if (!('Records' in parsed)) return [];
  return parsed.Records.filter((r) => r.eventName.startsWith('ObjectCreated')).map((r) => {
    const key = decodeKey(r.s3.object.key);
    return { bucket: r.s3.bucket.name, key, sesMessageId: key.slice(key.lastIndexOf('/') + 1) };
  });
}

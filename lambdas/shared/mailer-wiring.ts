import { DynamoNoticeStore } from '../adapters/dynamodb/notice-store';
import { nodemailerComposer } from '../adapters/mime/compose';
import { buildRenderContext } from '../app/mailer/render-context';
import type { DeliveryDeps } from '../app/mailer/deliver-outbound';
import type { MailerDeps } from '../app/mailer/send-outbound';
import { ConfigError } from '../core/errors';
import { clients } from './clients';
import type { Container } from './container';
import { loadMailerConfig, type MailerConfig } from './mailer-config';

/** The mailer's ports, wired once per container (the mailer function's part of the composition root). */
export function mailerDeps(c: Container<'mailer'>, _config: MailerConfig = loadMailerConfig()): MailerDeps {
  const retentionDays = c.config.mailRetentionDays;
  // The mailer keeps what it sent: without a retention period it must not start (the stack sets it).
  if (retentionDays === undefined) throw new ConfigError('environment variable MAIL_RETENTION_DAYS is required');
  return {
    repo: c.repo,
    blobs: c.blobs,
    sender: c.sender,
    composer: nodemailerComposer,
    clock: c.clock,
    ids: c.ids,
    profile: c.profile,
    signingSecret: c.signingSecret,
    notices: new DynamoNoticeStore(clients().dynamo, c.config.tableName, () => c.clock.now()),
    renderContext: () => buildRenderContext(c),
    sentRetentionDays: retentionDays,
  };
}

/** The mailer's delivery loop: its ports plus the outbound queue that deferred mail goes back to. */
export function deliveryDeps(c: Container<'mailer'>, config: MailerConfig = loadMailerConfig()): DeliveryDeps {
  return {
    mailer: mailerDeps(c, config),
    queue: c.queue,
    dailyQuotaHoldSeconds: config.dailyQuotaHoldSeconds,
  };
}

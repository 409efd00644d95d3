import { processInbound } from '../../lambdas/app/intake/process-inbound';
import { inMemoryIntake } from '../fuzz/in-memory-intake-deps';
import { sesReceiptBlock } from '../support/ses-verdicts';

describe('inbound mail and our own Message-IDs', () => {
  it('never links or claims a Message-ID on our own domain, so it cannot pre-claim an outbound id', async () => {
    const t = inMemoryIntake();
    const ownId = 'docket.K7QM4TZXP9HC.0123456789abcdef@exchange.example';
    const key = t.store(
      'pre1',
      `From: mallory@customer.example\r\nTo: support@exchange.example\r\nSubject: hello\r\nMessage-ID: <${ownId}>\r\n\r\nbody\r\n`,
    );
    const outcome = await processInbound({ key, sesMessageId: 'pre1' }, t.deps);
    expect(outcome.kind).toBe('case_opened');
    expect(t.repo.links.has(ownId)).toBe(false);
    expect(t.repo.keys.has(`MSGID#${ownId}`)).toBe(false);
    expect(t.repo.keys.has('SES#pre1')).toBe(true);
  });

  it('still links a verified customer Message-ID', async () => {
    const t = inMemoryIntake();
    const key = t.store(
      'c1',
      sesReceiptBlock('alice@customer.example') +
        'From: alice@customer.example\r\nTo: support@exchange.example\r\nSubject: hello\r\nMessage-ID: <abc@customer.example>\r\n\r\nbody\r\n',
    );
    await processInbound({ key, sesMessageId: 'c1' }, t.deps);
    expect(t.repo.links.has('abc@customer.example')).toBe(true);
  });
});

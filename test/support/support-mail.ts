/**
 * Realistic support mail with follow-ups, for the end-to-end threading test and the bench: customers write
 * about withdrawals, deposits, 2FA, verification; about one mail in five answers an earlier one from the
 * same sender ("any news?") with `In-Reply-To`/`References`, often sent right behind it, so parallel
 * connections and parallel intake invocations see follow-ups before the mail they answer.
 */

export interface SupportMail {
  /** Envelope and From address: a domain the local DNS zone verifies (SPF for 127.0.0.1, DMARC). */
  readonly from: string;
  /** Without angle brackets. */
  readonly messageId: string;
  /** The Message-ID of the first mail of the thread this one belongs to. */
  readonly thread: string;
  readonly followUp: boolean;
  readonly raw: string;
}

export interface SupportMailOptions {
  readonly count: number;
  /** Share of mails that answer an earlier mail of the same sender (default 0.2). */
  readonly followUpShare?: number;
  /** Makes addresses and Message-IDs unique to one run on shared emulators. */
  readonly tag: string;
  /** Verified sender domain from local/dns-zone.default.json (default `customer.example`). */
  readonly domain?: string;
  readonly seed?: number;
  /** How far back (in mails) a follow-up's original may be: small keeps them racing (default 24). */
  readonly window?: number;
  readonly to?: string;
}

const TOPICS = [
  ['My withdrawal is stuck', 'I sent 0.5 BTC to my hardware wallet yesterday and it still shows pending.'],
  ['Deposit not credited', 'I deposited 1,200 USDT on TRON three hours ago; the explorer shows it confirmed.'],
  ['Lost my 2FA device', 'My phone was stolen and I cannot log in. How do I reset two-factor authentication?'],
  ['Verification rejected', 'My identity verification was rejected twice; the photo of my passport is clear.'],
  ['Account locked', 'My account was locked after I changed my password. Please unlock it.'],
  ['Wrong network deposit', 'I sent ETH on the wrong network to my deposit address. Can it be recovered?'],
  ['Fee question', 'Why was I charged a 2% fee on my last trade? The fee schedule says 0.1%.'],
  ['Complaint about delays', 'This is the third time I write. My funds are stuck and nobody answers.'],
] as const;

const FOLLOW_UPS = [
  'Any news on this? It has been a few hours.',
  'Adding a screenshot of the transaction page, in case it helps.',
  'Sorry, I forgot to say: my user id is in the subject of my first mail.',
  'Still waiting. Please tell me what is happening with my funds.',
] as const;

/** A small seeded PRNG (mulberry32): the same options give the same mails. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` mails in sending order. Each thread has its own sender address except that senders are reused
 * for a second, unrelated thread now and then (never more than two threads per sender: the per-sender
 * acknowledgement limit stays out of the counts).
 */
export function generateSupportMail(opts: SupportMailOptions): SupportMail[] {
  const random = rng(opts.seed ?? 7);
  const domain = opts.domain ?? 'customer.example';
  const to = opts.to ?? 'support@exchange.example';
  const followUps = Math.round(opts.count * (opts.followUpShare ?? 0.2));
  const window = opts.window ?? 24;
  // Which positions are follow-ups: exactly `followUps` of them, never the first mail.
  const positions = Array.from({ length: opts.count - 1 }, (_, i) => i + 1);
  for (let i = positions.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [positions[i], positions[j]] = [positions[j]!, positions[i]!];
  }
  const isFollowUp = new Set(positions.slice(0, followUps));
  const mails: SupportMail[] = [];
  const chains = new Map<string, string[]>();
  const subjects = new Map<string, string>();
  let threads = 0;
  for (let i = 0; i < opts.count; i++) {
    const messageId = `${opts.tag}.${i}.${Math.floor(random() * 1e9).toString(36)}@mail.${domain}`;
    const date = new Date(Date.UTC(2026, 2, 2, 9, 0, i)).toUTCString();
    const earlier = mails.slice(Math.max(0, i - window));
    if (isFollowUp.has(i)) {
      const answered = earlier[Math.floor(random() * earlier.length)]!;
      const chain = chains.get(answered.thread)!;
      const subject = `Re: ${subjects.get(answered.thread)!}`;
      const body = FOLLOW_UPS[Math.floor(random() * FOLLOW_UPS.length)]!;
      mails.push({
        from: answered.from,
        messageId,
        thread: answered.thread,
        followUp: true,
        raw: render({ from: answered.from, to, subject, date, messageId, body, inReplyTo: answered.messageId, chain }),
      });
      chain.push(messageId);
      continue;
    }
    // Every fourth thread reuses the sender of the thread three before it: a customer with two matters.
    const senderIndex = threads % 4 === 3 ? threads - 3 : threads;
    const from = `c${opts.tag}-${senderIndex}@${domain}`;
    const [subject, body] = TOPICS[Math.floor(random() * TOPICS.length)]!;
    threads++;
    chains.set(messageId, [messageId]);
    subjects.set(messageId, subject);
    mails.push({
      from,
      messageId,
      thread: messageId,
      followUp: false,
      raw: render({ from, to, subject, date, messageId, body }),
    });
  }
  return mails;
}

function render(m: {
  from: string;
  to: string;
  subject: string;
  date: string;
  messageId: string;
  body: string;
  inReplyTo?: string;
  chain?: readonly string[];
}): string {
  return [
    `From: ${m.from}`,
    `To: ${m.to}`,
    `Subject: ${m.subject}`,
    `Date: ${m.date}`,
    `Message-ID: <${m.messageId}>`,
    ...(m.inReplyTo ? [`In-Reply-To: <${m.inReplyTo}>`] : []),
    ...(m.chain?.length ? [`References: ${m.chain.map((id) => `<${id}>`).join(' ')}`] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    m.body,
    '',
    'Kind regards',
    '',
  ].join('\r\n');
}

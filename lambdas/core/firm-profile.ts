import * as z from './zod';

/**
 * What the firm tells its customers: names, official channels and the complaint disclosure block.
 * Validated once at start-up; every field a customer reads is here, so templates never invent contact data.
 */
export const FirmProfileSchema = z.strictObject({
  firmName: z.string().check(z.minLength(1)),
  /** The official same-domain support address. */
  supportAddress: z.email(),
  /** Additional addresses we own (never answered: loop guard). */
  ownAddresses: z._default(z.array(z.email()), []),
  /** Domains we own: mail claiming them that fails DMARC is quarantined as phishing. */
  ownDomains: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
  phone: z.string().check(z.minLength(1)),
  faqUrl: z.url(),
  statusUrl: z.optional(z.url()),
  complaints: z.strictObject({
    address: z.email(),
    phone: z.string().check(z.minLength(1)),
    mailingAddress: z.string().check(z.minLength(1)),
    regulator: z.strictObject({
      name: z.string().check(z.minLength(1)),
      url: z.string().check(z.minLength(1)),
      phone: z.string().check(z.minLength(1)),
    }),
  }),
  defaultLanguage: z._default(z.string().check(z.length(2)), 'en'),
  /** Acknowledgements per sender per hour before further mail is kept but not acknowledged. */
  ackLimitPerSenderPerHour: z._default(z.number().check(z.int(), z.positive()), 5),
  /** Days after resolution during which a customer reply reopens the case. */
  reopenWindowDays: z._default(z.number().check(z.int(), z.nonnegative()), 14),
  /** Send a short "we received your update" on customer replies. */
  acknowledgeReplies: z._default(z.boolean(), false),
  /** Public base URL of the API, for satisfaction links in closing mail. */
  publicApiUrl: z.optional(z.url()),
  /** Disclosure of automated handling (DFS asks firms to disclose AI use and offer a human). */
  automationDisclosure: z._default(z.boolean(), true),
});

export type FirmProfile = z.infer<typeof FirmProfileSchema>;

/** The profile the local stack and tests use: an imaginary exchange on a reserved domain. */
export const EXAMPLE_PROFILE: FirmProfile = FirmProfileSchema.parse({
  firmName: 'Example Exchange',
  supportAddress: 'support@exchange.example',
  ownDomains: ['exchange.example'],
  phone: '+1 212 555 0100',
  faqUrl: 'https://exchange.example/help',
  statusUrl: 'https://status.exchange.example',
  complaints: {
    address: 'complaints@exchange.example',
    phone: '+1 212 555 0199',
    mailingAddress: 'Example Exchange, Compliance, 1 Example Plaza, New York, NY 10004',
    regulator: {
      name: 'New York State Department of Financial Services',
      url: 'https://www.dfs.ny.gov/complaint',
      phone: '(800) 342-3736',
    },
  },
});

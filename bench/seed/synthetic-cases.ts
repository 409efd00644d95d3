import { postReply } from '../../lambdas/app/api/reply';
import { resolveCase } from '../../lambdas/app/api/resolve-case';
import type { ApiDeps } from '../../lambdas/app/api/api-deps';
import { createDeadlinePlanner } from '../../lambdas/app/deadlines/planner';
import { processInbound, type IntakeDeps } from '../../lambdas/app/intake/process-inbound';
import { EXAMPLE_PROFILE } from '../../lambdas/core/firm-profile';
import type { CaseChange, Ids } from '../../lambdas/core/ports';
import { getPreset } from '../../lambdas/core/sla/presets';
import { inMemoryAckBudget } from '../../test/fakes/ack-counters';
import { InMemoryBlobStore } from '../../test/fakes/blob-store';
import { InMemoryCaseRepository } from '../../test/fakes/case-repository';
import { FakeClock } from '../../test/fakes/clock';
import { JsonMimeParser, rawFor } from '../../test/fakes/mime-parser';
import { InMemoryQueue } from '../../test/fakes/queue';
import { InMemoryMacroStore, InMemoryNoticeStore, InMemoryReportStore } from '../../test/fakes/stores';
import { parsedMail } from '../../test/support/parsed-mail';
import { mulberry32 } from './random';

/** One commit of a case's history, and the instant it was made (the journal hour and TTLs come from it). */
export interface SeedCommit {
  readonly change: CaseChange;
  readonly at: Date;
}

export interface SyntheticOptions {
  readonly count: number;
  /** Cases arrive evenly (with jitter) over [from, to); `to` is the clock of the reports that read them. */
  readonly from: string;
  readonly to: string;
  /** Same seed, same mails, same history (tracking numbers included). */
  readonly seed: number;
}

/** What customers write, in a few languages and topics, so that type, topic and language counters spread. */
const MAILS: ReadonlyArray<{ subject: string; text: string }> = [
  { subject: 'Withdrawal stuck', text: 'I sent 0.5 BTC yesterday and the withdrawal has not arrived in my wallet.' },
  { subject: 'Deposit missing', text: 'My USDT deposit from last night is still not credited to my account.' },
  { subject: 'Account locked', text: 'I cannot log in, my account was locked after I changed my phone.' },
  { subject: 'Complaint about fees', text: 'I want to file a formal complaint: the trading fee charged was wrong.' },
  { subject: 'KYC verification', text: 'My identity verification has been pending for a week, please check it.' },
  { subject: 'Fraud', text: 'Someone withdrew funds from my account without my permission, I think I was hacked.' },
  {
    subject: 'Retiro pendiente',
    text: 'Hice un retiro de 200 USDT hace dos días y todavía no ha llegado a mi billetera.',
  },
  {
    subject: 'Einzahlung fehlt',
    text: 'Meine Einzahlung von gestern ist noch nicht auf meinem Konto gutgeschrieben worden.',
  },
  {
    subject: 'Retrait bloqué',
    text: "Mon retrait de 0,3 ETH est bloqué depuis hier, pouvez-vous vérifier s'il vous plaît ?",
  },
  {
    subject: 'Prelievo',
    text: 'Il mio prelievo di ieri non è ancora arrivato sul mio portafoglio, potete controllare?',
  },
  {
    subject: 'Saque pendente',
    text: 'Meu saque de ontem ainda não chegou na minha carteira, podem verificar por favor?',
  },
  { subject: 'Question about staking', text: 'How do I stop staking my ETH and move it back to my spot wallet?' },
];

const AGENT = { sub: 'bench.agent', roles: ['agent'] } as const;
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Tracking numbers and ids from the seeded generator: a cached seed is the same on every machine. */
function seededIds(random: () => number): Ids {
  let n = 0;
  return {
    id: () => `seed-${(++n).toString(36)}-${Math.floor(random() * 2 ** 32).toString(36)}`,
    int: (max) => Math.floor(random() * max),
    fraction: () => random(),
  };
}

/**
 * The whole application on in-memory ports, as the use-case tests run it: intake opens each case from a
 * parsed mail, agents reply and resolve through the API use cases, and every commit is handed back with
 * the instant it was made. Nothing is built by hand: the items later written are what the repository
 * would have written for these commits.
 */
function world(random: () => number) {
  const clock = new FakeClock('2000-01-01T00:00:00.000Z');
  const ids = seededIds(random);
  const repo = new InMemoryCaseRepository(clock);
  const commits: SeedCommit[] = [];
  const commit = repo.commit.bind(repo);
  repo.commit = async (change) => {
    await commit(change);
    commits.push({ change, at: clock.now() });
  };
  const queue = new InMemoryQueue();
  const policy = getPreset('nydfs');
  const planDeadlines = createDeadlinePlanner({ repo, presetName: 'nydfs', policy, ids });
  const signingSecret = 'bench-seed-signing-secret-of-enough-length';
  const blobs = new InMemoryBlobStore(clock, 2557);
  const intake: IntakeDeps = {
    repo,
    blobs,
    queue,
    clock,
    ids,
    profile: EXAMPLE_PROFILE,
    planDeadlines,
    signingSecret,
    parser: new JsonMimeParser(),
    ackBudget: inMemoryAckBudget({}, clock),
  };
  const refused = (name: string) =>
    new Proxy({} as never, {
      get: () => () => {
        throw new Error(`seeding does not use ${name}`);
      },
    });
  const api: ApiDeps = {
    repo,
    blobs,
    queue,
    clock,
    ids,
    profile: EXAMPLE_PROFILE,
    planDeadlines,
    signingSecret,
    exportSigner: refused('exportSigner'),
    notices: new InMemoryNoticeStore(clock),
    reports: new InMemoryReportStore(repo),
    accessLog: refused('accessLog'),
    macros: new InMemoryMacroStore(),
    policy,
    downloads: refused('downloads'),
    exportJobs: refused('exportJobs'),
  };
  return { clock, queue, intake, api, commits };
}

/**
 * Synthetic cases over [from, to), in arrival order, in chunks (a fresh in-memory world per chunk keeps
 * memory flat). A case older than two weeks at `to` was answered and resolved; one between two days and two
 * weeks old was answered and waits on the customer; a younger one is new. Customers come back: about one
 * address for every three cases, so the customer index holds several cases per customer.
 */
export async function* syntheticCases(opts: SyntheticOptions, chunk = 500): AsyncGenerator<SeedCommit[]> {
  const random = mulberry32(opts.seed);
  const start = Date.parse(opts.from);
  const end = Date.parse(opts.to);
  const step = (end - start) / opts.count;
  const customers = Math.max(1, Math.round(opts.count / 3));
  for (let first = 0; first < opts.count; first += chunk) {
    const w = world(random);
    for (let i = first; i < Math.min(opts.count, first + chunk); i++) {
      const arrival = start + (i + random()) * step;
      const age = end - arrival;
      const mail = MAILS[Math.floor(random() * MAILS.length)]!;
      const from = `customer${Math.floor(random() * customers)}@customer.example`;
      w.clock.set(new Date(arrival));
      const key = `inbound/seed-${opts.seed}-${i}`;
      await w.intake.blobs.put(
        key,
        rawFor(
          parsedMail({
            from,
            subject: mail.subject,
            text: mail.text,
            messageId: `seed-${opts.seed}-${i}@customer.example`,
          }),
        ),
        'message/rfc822',
      );
      const outcome = await processInbound({ key, sesMessageId: `seed-${opts.seed}-${i}` }, w.intake);
      if (outcome.kind !== 'case_opened') throw new Error(`seed mail ${i} did not open a case: ${outcome.kind}`);
      const tracking = outcome.tracking;
      let answered = arrival;
      if (age > 2 * DAY) {
        // First response: mostly within the day, a tail of late ones.
        const wait = random() < 0.9 ? random() * 20 * HOUR : 20 * HOUR + random() * 5 * DAY;
        answered = arrival + Math.min(wait, age - HOUR);
        w.clock.set(new Date(answered));
        await postReply({ actor: AGENT, tracking, text: 'We are looking into it.', status: 'pending' }, w.api);
      }
      if (age > 14 * DAY) {
        w.clock.set(new Date(Math.max(answered + HOUR, arrival + 2 * DAY + random() * 10 * DAY)));
        const r = random();
        await resolveCase(
          r < 0.8
            ? { actor: AGENT, tracking, outcome: 'full' }
            : { actor: AGENT, tracking, outcome: r < 0.9 ? 'partial' : 'denied', explanation: 'Explained in full.' },
          w.api,
        );
      }
    }
    yield w.commits.splice(0);
  }
}

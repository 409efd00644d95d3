import type { OutboundLane } from './outbound-request';

/**
 * The send budget every mailer invocation shares: SES's maximum send rate (or a lower configured
 * ceiling) split into one-second windows, each holding `capacity` sends. A send takes a numbered place
 * in a window and goes out at that place's instant (`slotInstant`), so the sends of a window are spread
 * evenly over its second and any sliding second holds at most `capacity` of them: what SES measures.
 *
 * Pure: the windows live behind {@link SendWindowStore} (DynamoDB on AWS, conditional updates).
 */

/** The account's sending limits as SES reports them (GetSendQuota / SESv2 GetAccount). */
export interface SendQuota {
  /** Messages per second; undefined when unlimited (the local emulator without a rate). */
  readonly maxSendRate?: number;
  /** Messages per rolling 24 hours; undefined when unlimited. */
  readonly max24HourSend?: number;
  readonly sentLast24Hours: number;
}

/** Where the windows are counted, shared by every invocation. */
export interface SendWindowStore {
  /**
   * Takes one place in the window starting at epoch second `second`, atomically: the next free place,
   * but not below `from` (places whose instant has passed are skipped, never used late in a burst), and
   * only below `limit`. Returns the place (0-based), or undefined when the window is that full.
   */
  take(second: number, limit: number, from: number): Promise<number | undefined>;
  /** Places taken in a window (0 when none). */
  taken(second: number): Promise<number>;
}

/** Reads the account's quota (SES GetSendQuota). */
export interface SendQuotaSource {
  read(): Promise<SendQuota>;
}

/**
 * How far ahead an interactive send may book a place: it then waits in the invocation for at most this
 * long instead of going back to the queue, which would lose its place in line.
 */
export const LOOKAHEAD_SECONDS = 4;

/**
 * The share of each window bulk mail (status updates, reminders, broadcast notices) may never take:
 * an acknowledgement arriving while a broadcast runs finds a place in the current second.
 */
export const INTERACTIVE_RESERVE = 0.25;

/**
 * The part of the rate the budget hands out. SES counts sends over a sliding second; sends spaced exactly
 * 1/rate apart would collide with it at every jitter of the network, so the budget keeps 5% back.
 */
export const RATE_HEADROOM = 0.95;

/**
 * Sends per window: the lower of SES's rate and the ceiling, less {@link RATE_HEADROOM}, whole sends, at
 * least one. Undefined when neither limits (no budget to keep).
 */
export function windowCapacity(quota: Pick<SendQuota, 'maxSendRate'>, ceiling?: number): number | undefined {
  const rates = [quota.maxSendRate, ceiling].filter((r): r is number => r !== undefined && r > 0);
  if (rates.length === 0) return undefined;
  return Math.max(1, Math.floor(Math.min(...rates) * RATE_HEADROOM));
}

/** The first place of the window `second` whose instant has not passed at `nowMs` (0 for a future window). */
export function firstOpenPlace(second: number, capacity: number, nowMs: number): number {
  const elapsed = nowMs - second * 1000;
  return elapsed <= 0 ? 0 : Math.ceil((elapsed * capacity) / 1000);
}

/** Places a lane may take in one window: bulk leaves {@link INTERACTIVE_RESERVE} of it free (at least one place). */
export function laneLimit(lane: OutboundLane, capacity: number): number {
  if (lane === 'interactive') return capacity;
  return capacity === 1 ? 1 : Math.max(1, capacity - Math.max(1, Math.ceil(capacity * INTERACTIVE_RESERVE)));
}

/** Windows a lane may book, from the current one: interactive mail looks ahead, bulk only takes the present. */
export function laneWindows(lane: OutboundLane, nowMs: number): number[] {
  const first = Math.floor(nowMs / 1000);
  const count = lane === 'interactive' ? LOOKAHEAD_SECONDS + 1 : 1;
  return Array.from({ length: count }, (_, i) => first + i);
}

/** The instant (epoch ms) place `place` of window `second` may send: places evenly spread over the second. */
export function slotInstant(second: number, place: number, capacity: number): number {
  return second * 1000 + Math.floor((place * 1000) / capacity);
}

/**
 * Seconds a backlog of `depth` mails needs at `capacity` sends a second (the honest part of a stated
 * response time that sending adds); 0 without a budget.
 */
export function drainSeconds(depth: number, capacity: number | undefined): number {
  if (!capacity || depth <= 0) return 0;
  return Math.ceil(depth / capacity);
}

/** How many messages wait on an outbound lane's queue (visible, in flight and delayed). */
export interface QueueDepthGauge {
  depth(queue: 'outbound' | 'outbound-bulk'): Promise<number>;
}

/** What the mailer reports about sending: the metric and dashboard behind "how long until the backlog is sent". */
export interface SendBacklog {
  /** Interactive-lane messages waiting (acknowledgements, replies, decisions). */
  readonly interactive: number;
  /** Bulk-lane messages waiting (status updates, reminders, notices). */
  readonly bulk: number;
  /** Sends per second the budget hands out; undefined when unlimited. */
  readonly capacity?: number;
  /** Share of the current second's budget already taken, 0-100. */
  readonly budgetInUsePercent: number;
  /** Seconds until both lanes are sent at the current budget. */
  readonly drainSeconds: number;
  /** Share of the 24-hour quota used at the last quota read, 0-100; undefined when unlimited. */
  readonly dailyQuotaUsedPercent?: number;
}

/** The API's shapes as the console reads them (see openapi.json; only the fields the console shows). */
export type Role = 'agent' | 'supervisor' | 'auditor';
export type CaseStatus = 'new' | 'open' | 'pending' | 'resolved' | 'closed';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export type Outcome = 'full' | 'partial' | 'denied';

export interface CaseSummary {
  readonly tracking: string;
  readonly status: CaseStatus;
  readonly subject: string;
  readonly customer: { readonly address: string; readonly name?: string };
  readonly type: string;
  readonly topic: string;
  readonly priority: Priority;
  readonly language?: string;
  readonly flags?: readonly string[];
  readonly assignee?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly nextDueAt?: string;
  readonly breaching: boolean;
  readonly version: number;
}

export interface Deadline {
  readonly dueAt: string;
  readonly metAt?: string;
  readonly [key: string]: unknown;
}

export interface Attachment {
  readonly filename?: string;
  readonly contentType?: string;
  readonly size?: number;
  /** Set when the intake stored the file on its own: it can then be downloaded (if scanned clean). */
  readonly blobKey?: string;
}

export interface Message {
  readonly id: string;
  readonly at: string;
  readonly direction: 'in' | 'out' | 'note';
  readonly from: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly author: string;
  readonly purpose?: string;
  readonly attachments?: readonly Attachment[];
  /** SES's virus verdict on an inbound message; attachments download only when it is PASS. */
  readonly virusVerdict?: string;
  readonly verdicts?: Readonly<Record<string, string>>;
  readonly truncated?: boolean;
  /** How many recipients the mail named when only the first 100 are kept. */
  readonly recipientCount?: number;
  /** Set when the body is too large to travel with the thread: `text` is its opening, `html` is absent. */
  readonly fullBody?: { readonly textBytes: number; readonly htmlBytes?: number };
}

export interface AuditEvent {
  readonly seq?: number;
  readonly at: string;
  readonly type: string;
  readonly actor?: string;
}

export interface CaseDetail extends Omit<CaseSummary, 'nextDueAt'> {
  readonly deadlines: Readonly<Record<string, Deadline>>;
  readonly resolution?: { readonly outcome: Outcome; readonly explanation?: string };
}

export interface CaseView {
  readonly case: CaseDetail;
  readonly thread: readonly Message[];
  readonly events: readonly AuditEvent[];
  /** The thread continues: pass back as `cursor` for its next entries. */
  readonly cursor?: string;
}

export interface Notice {
  readonly id: string;
  readonly kind: string;
  readonly message: string;
  readonly startsAt: string;
  readonly endsAt?: string;
  readonly extraDelayMinutes?: number;
}

export interface Compliance {
  readonly met: number;
  readonly late: number;
  readonly overdue: number;
  readonly compliance?: number;
  readonly medianMinutes?: number;
}

export interface SlaFigures {
  readonly cases: number;
  readonly firstResponse: Compliance;
  readonly updates: Compliance;
  readonly resolution: { readonly resolved: number; readonly late: number };
  readonly escalations: number;
  readonly breaches: number;
}

export interface SlaReport {
  readonly from: string;
  readonly to: string;
  readonly overall: SlaFigures;
  readonly byType: Readonly<Record<string, SlaFigures>>;
  readonly byTopic: Readonly<Record<string, SlaFigures>>;
  /** By the language intake detected: the languages mail is written in, and `other`. */
  readonly byLanguage: Readonly<Record<string, SlaFigures>>;
}

/** One UTC day of `GET /reports/backlog`. */
export interface BacklogDay {
  readonly day: string;
  readonly received: number;
  readonly resolved: number;
  /** Resolved or closed that day. */
  readonly ended: number;
  /** Received by the day's end and not ended by then. */
  readonly open: number;
}

export interface BacklogReport {
  readonly from: string;
  readonly to: string;
  readonly days: readonly BacklogDay[];
}

/** A saved reply: text with placeholders in one language, which supervisors manage and agents insert. */
export interface Macro {
  readonly id: string;
  readonly name: string;
  readonly language: string;
  readonly text: string;
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

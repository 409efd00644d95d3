import type { ApiRole } from '../../../app/api/actor';
import { getCase, listCases } from '../../../app/api/cases-read';
import { postDelayNotice } from '../../../app/api/delay-notice';
import { postNote } from '../../../app/api/note';
import { patchCase } from '../../../app/api/patch-case';
import { previewMail } from '../../../app/api/preview-mail';
import { postReply } from '../../../app/api/reply';
import { resolveCase } from '../../../app/api/resolve-case';
import {
  CaseViewQuery,
  DelayNoticeBody,
  ListQuery,
  NoteBody,
  PatchBody,
  PreviewBody,
  ReplyBody,
  ResolveBody,
  TrackingParams,
} from '../../schemas/api/requests';
import { CaseList, CaseViewBody, CaseWritten, MailPreviewBody, MessageWritten } from '../../schemas/api/responses';
import { etagOf, json } from '../response';
import { actorOf, route, type Route } from '../route';
import { writeOptions, writtenCase } from '../write-options';

export const STAFF: readonly ApiRole[] = ['agent', 'supervisor', 'auditor'];
export const WRITERS: readonly ApiRole[] = ['agent', 'supervisor'];

/** Statuses a write on one case may answer besides validation and auth. */
const CASE_WRITE_ERRORS = [404, 409, 412];

export const CASE_ROUTES: readonly Route[] = [
  route({
    method: 'GET',
    path: '/cases',
    access: STAFF,
    operationId: 'listCases',
    summary: "Cases by status, assignee, category, or one customer's cases; breaching ones flagged",
    query: ListQuery,
    responses: { 200: { description: 'A page of cases', schema: CaseList } },
    handle: async (req, deps) => json(200, await listCases({ actor: actorOf(req), ...req.query }, deps)),
  }),
  route({
    method: 'GET',
    path: '/cases/{tracking}',
    access: STAFF,
    operationId: 'getCase',
    summary: 'A case with its thread (notes for staff, paged: `cursor` continues it), deadlines and audit events',
    description:
      'The thread comes oldest first, 100 entries a page unless `limit` says otherwise (and fewer when a page would pass 4 MB); `cursor` in the answer continues it. An entry whose body is too large to travel with the thread carries its opening as `text` and `fullBody`; read the whole from /cases/{tracking}/messages/{messageId}/text and /html.',
    params: TrackingParams,
    query: CaseViewQuery,
    errors: [404],
    responses: { 200: { description: 'The case', schema: CaseViewBody, headers: ['ETag'] } },
    handle: async (req, deps) => {
      const view = await getCase({ actor: actorOf(req), tracking: req.params.tracking, ...req.query }, deps);
      return json(200, view, { etag: etagOf(view.case.version) });
    },
  }),
  route({
    method: 'PATCH',
    path: '/cases/{tracking}',
    access: WRITERS,
    operationId: 'patchCase',
    summary: 'Change status, assignee, priority or category',
    params: TrackingParams,
    body: PatchBody,
    headers: ['if-match'],
    errors: CASE_WRITE_ERRORS,
    responses: { 200: { description: 'The case after the change', schema: CaseWritten, headers: ['ETag'] } },
    handle: async (req, deps) => {
      const { expectedVersions } = writeOptions(req);
      const result = await patchCase(
        {
          actor: actorOf(req),
          tracking: req.params.tracking,
          patch: req.body,
          ...(expectedVersions ? { expectedVersions } : {}),
        },
        deps,
      );
      return writtenCase(200, result);
    },
  }),
  route({
    method: 'POST',
    path: '/cases/{tracking}/replies',
    access: WRITERS,
    operationId: 'postReply',
    summary: 'Reply to the customer (queued for the mailer, threaded)',
    params: TrackingParams,
    body: ReplyBody,
    headers: ['idempotency-key', 'if-match'],
    errors: CASE_WRITE_ERRORS,
    responses: { 201: { description: 'Reply recorded and queued', schema: MessageWritten, headers: ['ETag'] } },
    handle: async (req, deps) =>
      writtenCase(
        201,
        await postReply(
          { actor: actorOf(req), tracking: req.params.tracking, ...req.body, ...writeOptions(req) },
          deps,
        ),
      ),
  }),
  route({
    method: 'POST',
    path: '/cases/{tracking}/preview',
    access: WRITERS,
    operationId: 'previewMail',
    summary: 'The mail a reply, resolution or delay notice would send now, rendered by the mailer; sends nothing',
    params: TrackingParams,
    body: PreviewBody,
    errors: [404],
    responses: { 200: { description: 'The rendered mail', schema: MailPreviewBody } },
    handle: async (req, deps) =>
      json(200, await previewMail({ actor: actorOf(req), tracking: req.params.tracking, request: req.body }, deps)),
  }),
  route({
    method: 'POST',
    path: '/cases/{tracking}/notes',
    access: WRITERS,
    operationId: 'postNote',
    summary: 'Add an internal note (never sent)',
    params: TrackingParams,
    body: NoteBody,
    headers: ['idempotency-key', 'if-match'],
    errors: CASE_WRITE_ERRORS,
    responses: { 201: { description: 'Note recorded', schema: MessageWritten, headers: ['ETag'] } },
    handle: async (req, deps) =>
      writtenCase(
        201,
        await postNote({ actor: actorOf(req), tracking: req.params.tracking, ...req.body, ...writeOptions(req) }, deps),
      ),
  }),
  route({
    method: 'POST',
    path: '/cases/{tracking}/resolve',
    access: WRITERS,
    operationId: 'resolveCase',
    summary: 'Resolve with an outcome; explanation required unless full',
    params: TrackingParams,
    body: ResolveBody,
    headers: ['idempotency-key', 'if-match'],
    errors: CASE_WRITE_ERRORS,
    responses: { 200: { description: 'Resolved; closing mail queued', schema: CaseWritten, headers: ['ETag'] } },
    handle: async (req, deps) =>
      writtenCase(
        200,
        await resolveCase(
          { actor: actorOf(req), tracking: req.params.tracking, ...req.body, ...writeOptions(req) },
          deps,
        ),
      ),
  }),
  route({
    method: 'POST',
    path: '/cases/{tracking}/delay-notices',
    access: WRITERS,
    operationId: 'postDelayNotice',
    summary: 'Tell the customer why the decision is late and when to expect it',
    description:
      'MiCA/FCA complaint handling: the reason is the agent\'s own words; clears the "delay notice required" flag.',
    params: TrackingParams,
    body: DelayNoticeBody,
    headers: ['idempotency-key', 'if-match'],
    errors: CASE_WRITE_ERRORS,
    responses: { 201: { description: 'Delay notice recorded and queued', schema: CaseWritten, headers: ['ETag'] } },
    handle: async (req, deps) =>
      writtenCase(
        201,
        await postDelayNotice(
          { actor: actorOf(req), tracking: req.params.tracking, ...req.body, ...writeOptions(req) },
          deps,
        ),
      ),
  }),
];

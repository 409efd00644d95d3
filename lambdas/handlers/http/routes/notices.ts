import { createNotice, deleteNotice, listNotices } from '../../../app/api/notices';
import { z } from 'zod';
import { NoticeBody } from '../../schemas/api/requests';
import { NoticeDeclared, NoticeList } from '../../schemas/api/responses';
import { json, noContent } from '../response';
import { actorOf, route, type Route } from '../route';
import { writeOptions } from '../write-options';

const NoticeParams = z.strictObject({ id: z.string().min(1).max(100) });

export const NOTICE_ROUTES: readonly Route[] = [
  route({
    method: 'GET',
    path: '/notices',
    access: ['supervisor', 'auditor'],
    operationId: 'listNotices',
    summary: 'Maintenance and incident notices',
    responses: { 200: { description: 'Every notice', schema: NoticeList } },
    handle: async (_req, deps) => json(200, { items: await listNotices(deps) }),
  }),
  route({
    method: 'POST',
    path: '/notices',
    access: ['supervisor'],
    operationId: 'createNotice',
    summary: 'Declare a notice; optionally mail it to every open case',
    body: NoticeBody,
    headers: ['idempotency-key'],
    responses: { 201: { description: 'Declared', schema: NoticeDeclared, headers: ['Location'] } },
    handle: async (req, deps) => {
      const { broadcast, ...notice } = req.body;
      const { idempotencyKey } = writeOptions(req);
      const declared = await createNotice(
        { actor: actorOf(req), notice, broadcast, ...(idempotencyKey ? { idempotencyKey } : {}) },
        deps,
      );
      return json(201, declared, { location: `/notices/${encodeURIComponent(declared.notice.id)}` });
    },
  }),
  route({
    method: 'DELETE',
    path: '/notices/{id}',
    access: ['supervisor'],
    operationId: 'deleteNotice',
    summary: 'Withdraw a notice',
    params: NoticeParams,
    errors: [404],
    responses: { 204: { description: 'Withdrawn' } },
    handle: async (req, deps) => {
      await deleteNotice({ actor: actorOf(req), id: req.params.id }, deps);
      return noContent();
    },
  }),
];

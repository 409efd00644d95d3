import { z } from 'zod';
import { getExportJob, startExportJob } from '../../../app/api/export-jobs';
import { ExportJobId } from '../../schemas/export-job-message';
import { ExportJobRequest } from '../../schemas/api/requests';
import { ExportJobBody } from '../../schemas/api/responses';
import { json } from '../response';
import { actorOf, route, type Route } from '../route';
import { OVERSIGHT } from './reports';

export const EXPORT_JOB_ROUTES: readonly Route[] = [
  route({
    method: 'POST',
    path: '/exports',
    access: OVERSIGHT,
    operationId: 'startExportJob',
    summary: 'Start an export job: the hash-chained, signed NDJSON of the cases created in [from, to)',
    description:
      'The file has exactly the format of GET /export (one chain, one signed summary line) and is written page by page into the locked bucket; follow GET /exports/{id} for progress and, once done, a download link.',
    body: ExportJobRequest,
    responses: { 202: { description: 'Queued', schema: ExportJobBody, headers: ['Location'] } },
    handle: async (req, deps) => {
      const job = await startExportJob({ actor: actorOf(req), ...req.body }, deps);
      return json(202, job, { location: `/exports/${encodeURIComponent(job.id)}` });
    },
  }),
  route({
    method: 'GET',
    path: '/exports/{id}',
    access: OVERSIGHT,
    operationId: 'getExportJob',
    summary: "An export job's progress and, once done, a short-lived download link for its file",
    params: z.strictObject({ id: ExportJobId }),
    errors: [404],
    responses: { 200: { description: 'The job', schema: ExportJobBody } },
    handle: async (req, deps) => json(200, await getExportJob({ actor: actorOf(req), id: req.params.id }, deps)),
  }),
];

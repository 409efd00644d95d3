import { z } from 'zod';

/** An export job's id as the API hands it out (a UUID; URL-safe characters only). */
export const ExportJobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not an export job id');

/** The exports queue's message (core/export-job.ts `ExportJobMessage`). */
export const ExportJobMessageSchema = z.object({ type: z.literal('export_job'), jobId: ExportJobId });

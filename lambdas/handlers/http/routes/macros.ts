import { z } from 'zod';
import { createMacro, deleteMacro, listMacros, updateMacro, useMacro } from '../../../app/api/macros';
import { MacroFields, MacroSchema } from '../../../core/macro';
import { json, noContent } from '../response';
import { actorOf, route, type Route } from '../route';
import { writeOptions } from '../write-options';
import { STAFF, WRITERS } from './cases';

const MacroParams = z.strictObject({ id: z.string().min(1).max(100) });
const MacroPatch = MacroFields.partial().refine((b) => Object.values(b).some((v) => v !== undefined), {
  message: 'name at least one field to change',
});
const MacroQuery = z.strictObject({
  language: z
    .string()
    .regex(/^[a-z]{2}$/)
    .optional(),
});
const UseQuery = z.strictObject({ case: z.string().min(1).max(64) });
const MacroWritten = z.object({ macro: MacroSchema, replayed: z.boolean().optional() });

const macroEtag = (version: number): string => `"${version}"`;

export const MACRO_ROUTES: readonly Route[] = [
  route({
    method: 'GET',
    path: '/macros',
    access: STAFF,
    operationId: 'listMacros',
    summary: 'Saved replies, optionally in one language',
    query: MacroQuery,
    responses: { 200: { description: 'The macros', schema: z.object({ items: z.array(MacroSchema) }) } },
    handle: async (req, deps) => json(200, { items: await listMacros(req.query, deps) }),
  }),
  route({
    method: 'POST',
    path: '/macros',
    access: ['supervisor'],
    operationId: 'createMacro',
    summary: 'Save a reply (placeholders: {{tracking}}, {{customer_name}}, {{subject}}, {{agent}})',
    body: MacroFields,
    headers: ['idempotency-key'],
    responses: { 201: { description: 'Saved', schema: MacroWritten, headers: ['ETag', 'Location'] } },
    handle: async (req, deps) => {
      const { idempotencyKey } = writeOptions(req);
      const r = await createMacro(
        { actor: actorOf(req), fields: req.body, ...(idempotencyKey ? { idempotencyKey } : {}) },
        deps,
      );
      return json(201, r, { etag: macroEtag(r.macro.version), location: `/macros/${encodeURIComponent(r.macro.id)}` });
    },
  }),
  route({
    method: 'PATCH',
    path: '/macros/{id}',
    access: ['supervisor'],
    operationId: 'updateMacro',
    summary: "Change a saved reply's name, language or text",
    params: MacroParams,
    body: MacroPatch,
    headers: ['if-match'],
    errors: [404, 409, 412],
    responses: { 200: { description: 'Changed', schema: MacroWritten, headers: ['ETag'] } },
    handle: async (req, deps) => {
      const { expectedVersions } = writeOptions(req);
      const macro = await updateMacro(
        { actor: actorOf(req), id: req.params.id, fields: req.body, ...(expectedVersions ? { expectedVersions } : {}) },
        deps,
      );
      return json(200, { macro }, { etag: macroEtag(macro.version) });
    },
  }),
  route({
    method: 'DELETE',
    path: '/macros/{id}',
    access: ['supervisor'],
    operationId: 'deleteMacro',
    summary: 'Withdraw a saved reply',
    params: MacroParams,
    errors: [404],
    responses: { 204: { description: 'Withdrawn' } },
    handle: async (req, deps) => {
      await deleteMacro({ actor: actorOf(req), id: req.params.id }, deps);
      return noContent();
    },
  }),
  route({
    method: 'GET',
    path: '/macros/{id}/render',
    access: WRITERS,
    operationId: 'useMacro',
    summary: "A saved reply filled in for one case (tracking number, customer's name, subject, agent); sends nothing",
    params: MacroParams,
    query: UseQuery,
    errors: [404],
    responses: {
      200: { description: 'The filled-in text', schema: z.object({ macro: MacroSchema, text: z.string() }) },
    },
    handle: async (req, deps) =>
      json(200, await useMacro({ actor: actorOf(req), id: req.params.id, tracking: req.query.case }, deps)),
  }),
];

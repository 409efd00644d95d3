import { z } from 'zod';

/**
 * Saved replies: text a supervisor writes once per language, with placeholders that an agent's use
 * fills from the case (`{{tracking}}`, `{{customer_name}}`, `{{subject}}`, `{{agent}}`). An unknown
 * placeholder is refused when the macro is saved, so a typo never reaches a customer as `{{tracknig}}`.
 */
export const MACRO_PLACEHOLDERS = ['tracking', 'customer_name', 'subject', 'agent'] as const;
export type MacroPlaceholder = (typeof MACRO_PLACEHOLDERS)[number];

/** Longest macro text: a full answer fits; it stays well under a reply's limit once filled in. */
export const MAX_MACRO_TEXT_LENGTH = 20_000;

const PLACEHOLDER = /\{\{\s{0,4}([a-z_]{1,40})\s{0,4}\}\}/g;

/** The placeholder names a text uses, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

export const MacroFields = z.strictObject({
  /** Shown in the composer's list. */
  name: z.string().trim().min(1).max(120),
  /** ISO 639-1 code of the language the text is written in. */
  language: z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code such as en'),
  text: z
    .string()
    .trim()
    .min(1)
    .max(MAX_MACRO_TEXT_LENGTH)
    .refine((t) => placeholdersIn(t).every((p) => (MACRO_PLACEHOLDERS as readonly string[]).includes(p)), {
      message: `placeholders are ${MACRO_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`,
    }),
});

export const MacroSchema = MacroFields.extend({
  id: z.string().min(1).max(100),
  /** Optimistic-concurrency version, starting at 1. */
  version: z.number().int().positive(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
});

export type Macro = z.infer<typeof MacroSchema>;

/** Fills a macro's placeholders; a value that is absent (no customer name known) becomes an empty string. */
export function renderMacro(text: string, values: Partial<Record<MacroPlaceholder, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    (MACRO_PLACEHOLDERS as readonly string[]).includes(name) ? (values[name as MacroPlaceholder] ?? '') : whole,
  );
}

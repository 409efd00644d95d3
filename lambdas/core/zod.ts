/**
 * zod's tree-shakable API (`zod/mini`) for the schemas the handlers validate at start-up and per message:
 * zod's classic API cannot be tree-shaken and is most of 400 KB in every bundle that touches it. zod/mini
 * ships no messages of its own (every issue reads "Invalid input"), so this module installs the English ones.
 */
import { config } from 'zod/mini';
import { en } from 'zod/v4/locales';

config(en());

export * from 'zod/mini';

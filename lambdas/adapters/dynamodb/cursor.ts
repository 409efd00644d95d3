import { ValidationError } from '../../core/errors';

/** Opaque pagination cursors: base64url JSON. A tampered or foreign cursor is a clear 400. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor<T extends object>(cursor: string): T {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (parsed === null || typeof parsed !== 'object') throw new Error('not an object');
    return parsed as T;
  } catch (cause) {
    throw new ValidationError('the cursor is malformed: pass back the cursor from the previous page unchanged', {
      cause,
    });
  }
}

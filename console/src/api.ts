import { session, signOut } from './session';

/** An API answer that was not 2xx, with the problem document's detail when there was one. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(`${status} ${title}: ${detail}`);
  }
}

export interface ApiResult<T> {
  readonly body: T;
  readonly etag?: string;
}

let base = '';
/** The API's base URL ('' locally: the same origin serves both). */
export function setApiBase(url: string): void {
  base = url.replace(/\/+$/, '');
}

/**
 * One call to the API with the signed-in user's token. Throws `ApiError` for any non-2xx answer; a 401
 * signs out (the token expired or was revoked), so the sign-in page shows instead of a broken one.
 */
export async function call<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  opts: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResult<T>> {
  const token = session.value?.token;
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  if (res.status === 401 && token) signOut();
  if (!res.ok) {
    let title = res.statusText;
    let detail = '';
    try {
      const p = (await res.json()) as { title?: string; detail?: string };
      title = p.title ?? title;
      detail = p.detail ?? '';
    } catch {
      // not a problem document; the status says enough
    }
    throw new ApiError(res.status, title, detail);
  }
  const etag = res.headers.get('etag') ?? undefined;
  const body = (res.status === 204 ? undefined : await res.json()) as T;
  return { body, ...(etag ? { etag } : {}) };
}

/** A fresh Idempotency-Key: one per submission, so a double click or a retry sends one mail. */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}

/** Downloads a non-JSON answer (export, report) as a file the browser saves. */
export async function download(path: string, filename: string, accept: string): Promise<void> {
  const token = session.value?.token;
  const res = await fetch(`${base}${path}`, {
    headers: { accept, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  if (!res.ok) throw new ApiError(res.status, res.statusText, '');
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** What a failed call should tell the user, in one sentence. */
export function explain(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 412 || err.status === 409)
      return 'Someone else changed this case meanwhile. The page now shows their change; check it and try again.';
    if (err.status === 403) return 'Your role may not do this.';
    return err.detail || `${err.status} ${err.title}`;
  }
  return err instanceof Error ? err.message : String(err);
}

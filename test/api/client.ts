import { signLocalToken, type Role } from '../../local/tokens';

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** A small HTTP client for the local gateway that mints tokens per role. */
export function apiClient(baseUrl: string, jwtSecret: string) {
  const call = async (
    method: string,
    path: string,
    opts: { role?: Role; token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ): Promise<Reply> => {
    const headers: Record<string, string> = { ...opts.headers };
    const token =
      opts.token ??
      (opts.role ? await signLocalToken({ role: opts.role, sub: `${opts.role}-1` }, jwtSecret) : undefined);
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined = opts.raw;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  };
  return call;
}

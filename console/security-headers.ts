/** Origins the console's pages may talk to besides their own (the API, the sign-in domain). */
export interface ConsoleOrigins {
  readonly connect?: readonly string[];
}

/**
 * The console's Content-Security-Policy, the same locally and on CloudFront. Scripts only from the
 * console's own origin (no inline script, no eval); no plugins; no framing of the console itself.
 * Customer HTML is shown in a sandboxed `srcdoc` frame, which inherits this policy: so the frame can run
 * no script either way, and `style-src 'unsafe-inline'` is there only so a mail keeps its own inline
 * styles. Remote images are allowed by this outer policy but blocked by the frame's own until an agent
 * asks for them.
 */
export function consoleCsp(origins: ConsoleOrigins = {}): string {
  const connect = ["'self'", ...(origins.connect ?? [])].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    `connect-src ${connect}`,
    "frame-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Every security header the console is served with (CloudFront's response-headers policy mirrors these). */
export function consoleSecurityHeaders(origins: ConsoleOrigins = {}): Record<string, string> {
  return {
    'content-security-policy': consoleCsp(origins),
    'strict-transport-security': 'max-age=63072000; includeSubDomains',
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  };
}

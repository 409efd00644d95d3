import { signal } from '@preact/signals';

/** Every console URL lives under this path; deep links are served the same page. */
export const BASE = '/console';

/** The path after `/console`, for example `/cases/K7QM-4TZX-P9HC`. */
export const route = signal(current());

function current(): string {
  const p = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : '/';
  return p === '' ? '/' : p;
}

export function navigate(path: string): void {
  history.pushState(null, '', `${BASE}${path}`);
  route.value = current();
}

addEventListener('popstate', () => {
  route.value = current();
});

/** Same-origin link clicks inside the console change the route without a page load. */
export function onLinkClick(e: MouseEvent): void {
  const a = (e.target as Element | null)?.closest?.('a');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
  const href = a.getAttribute('href');
  if (!href || !href.startsWith(`${BASE}/`) || a.target || a.hasAttribute('download')) return;
  e.preventDefault();
  navigate(href.slice(BASE.length));
}

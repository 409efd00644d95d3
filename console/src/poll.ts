import { useEffect, useRef } from 'preact/hooks';

/** How often open pages refresh themselves. */
export const POLL_MS = 5_000;

/**
 * Runs `load` now and every `POLL_MS` while the page is shown and the tab visible. Each run waits for
 * the previous one, so a slow API never stacks requests.
 */
export function usePolling(load: () => Promise<void>, deps: readonly unknown[]): void {
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      if (document.visibilityState !== 'hidden') await latest.current().catch(() => {});
      if (!stopped) timer = setTimeout(tick, POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, deps);
}

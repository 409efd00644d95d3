/**
 * `read` done once and its answer shared by every later call, unless it failed: a failed reading is not
 * kept, so the next call reads again.
 */
export function keptUnlessFailed<T>(read: () => Promise<T>): () => Promise<T> {
  let kept: Promise<T> | undefined;
  return () => {
    if (kept) return kept;
    const reading = read();
    kept = reading;
    reading.catch(() => {
      if (kept === reading) kept = undefined;
    });
    return reading;
  };
}

/** `keptUnlessFailed` per key: one reading per key. */
export function keptByKey<T>(): (key: string, read: () => Promise<T>) => Promise<T> {
  const byKey = new Map<string, () => Promise<T>>();
  return (key, read) => {
    let kept = byKey.get(key);
    if (!kept) {
      kept = keptUnlessFailed(read);
      byKey.set(key, kept);
    }
    return kept();
  };
}

/**
 * Builds a value once per Lambda instance (cold start) and reuses it; a failed build (Secrets Manager
 * throttled, say) is forgotten, so the next invocation tries again instead of failing forever. The
 * arguments of the first call win.
 *
 * @example const deps = memoiseAsync(() => buildContainer(process.env));
 */
export function memoiseAsync<A extends unknown[], T>(build: (...args: A) => Promise<T>): (...args: A) => Promise<T> {
  let built: Promise<T> | undefined;
  return (...args) => {
    built ??= build(...args).catch((err: unknown) => {
      built = undefined;
      throw err;
    });
    return built;
  };
}

/**
 * A client created on first use and kept for the container's life (warm invocations reuse its connections), which a
 * host that moved its endpoints can forget so that the next use builds it from the current environment.
 */
export function lazyClient<T>(create: () => T) {
  let client: T | undefined;
  return {
    get: (): T => {
      client ??= create();
      return client;
    },
    reset: () => {
      client = undefined;
    },
  };
}

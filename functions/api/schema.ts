/**
 * Builds one module-level schema so that a bundle without a use for it drops it. The API's schemas live in shared
 * modules that every handler imports; esbuild drops an unused `/* @__PURE__ *\/` call only when its arguments are
 * free of calls too, which a chain of zod calls never is, and a closure is. So each schema is written
 * `/* @__PURE__ *\/ schema(() => z…)`: a handler's bundle keeps, and builds at init, only the schemas its route
 * reaches (building every route's schemas was a third of an API handler's cold start).
 */
export function schema<T>(build: () => T): T {
  return build();
}

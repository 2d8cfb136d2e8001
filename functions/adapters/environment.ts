/** Required configuration, read when first needed so that a bad deployment fails loudly at the first call. */
export function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`missing environment variable ${name}`);
  return value;
}

import { createHash } from 'node:crypto';

/**
 * An id that follows from what it names (SHA-256 of `source`), shaped as a version-4 UUID like every upload id: a
 * retry that names the same thing gets the same id, so what it wrote before is found.
 */
export function derivedId(source: string) {
  const hex = createHash('sha256').update(source).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Folds Vietnamese text for search: lower case, no diacritics, đ → d, so that `dang ky khai sinh` finds
 * `Đăng ký khai sinh` whichever Unicode normalisation the client sent.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Name matches rank before code matches; within a rank, the catalogue order is kept. */
export function matchRank(query: string, name: string, code: string): number | undefined {
  const q = foldVietnamese(query);
  if (!q) return 0;
  const folded = foldVietnamese(name);
  if (folded.startsWith(q)) return 0;
  if (folded.includes(q)) return 1;
  if (code.includes(q)) return 2;
  return undefined;
}

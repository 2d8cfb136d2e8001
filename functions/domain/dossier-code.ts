import { localDate } from './vietnam-time';

/**
 * Mã số hồ sơ — `<receiving agency identifier>-<YYMMDD>-<NNNN>` (Circular 01/2018/TT-VPCP Art.19): the reception date
 * in Vietnam time and a sequence per receiving agency per day from 0001. The sequence comes from an atomic counter;
 * this module only names the counter and formats the code.
 */
export const DOSSIER_CODE_PATTERN = /^([0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z]\d{2})-(\d{6})-(\d{4,6})$/;

export function codeDay(receivedAt: number): string {
  return localDate(receivedAt).slice(2).replaceAll('-', '');
}

/** The key of the per-agency per-day counter that numbers the agency's dossiers of that day. */
export function counterKey(agencyId: string, receivedAt: number): string {
  return `${agencyId}#${codeDay(receivedAt)}`;
}

export function formatDossierCode(agencyId: string, receivedAt: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1)
    throw new RangeError(`sequence must be a positive integer: ${sequence}`);
  // Four digits as the circular prints them; a busier day keeps counting rather than wrapping into a duplicate.
  return `${agencyId}-${codeDay(receivedAt)}-${String(sequence).padStart(4, '0')}`;
}

export function parseDossierCode(code: string): { agencyId: string; day: string; sequence: number } | undefined {
  const match = DOSSIER_CODE_PATTERN.exec(code);
  if (!match) return undefined;
  return { agencyId: match[1]!, day: match[2]!, sequence: Number(match[3]) };
}

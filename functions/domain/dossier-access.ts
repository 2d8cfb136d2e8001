import { type Actor, AGENCY_ROLES, type Dossier } from './dossier';

/**
 * Who may read a dossier (it holds personal data): its applicant, and officers or the integration client of an
 * agency on its path. Anyone else gets a 404, as if it did not exist: codes are guessable.
 */
export function canReadDossier(actor: Actor, dossier: Dossier): boolean {
  if (actor.role === 'citizen') return dossier.applicant.sub === actor.sub;
  if (AGENCY_ROLES.has(actor.role)) return actor.agencyId !== undefined && dossier.agencyIds.includes(actor.agencyId);
  return false;
}

import { dossiers, files } from '../composition';
import type { DossierDocument } from '../domain/dossier';
import type { DossierEvent } from '../domain/events';

/**
 * Lưu trữ thành phần hồ sơ — copies each upload a new dossier took to the key the dossier names for it (under
 * `dossiers/<code>/`, out of reach of the uploads' expiry). It follows the dossier's first event, so a submission
 * answers without waiting for the copies; until they are made, a download link points at the upload itself
 * (`readableKey`). Idempotent: a copy made before is found and not needed again.
 */
export async function fileDocuments(event: DossierEvent) {
  const dossier = await dossiers.getDossier(event.code);
  if (!dossier) throw new Error(`dossier ${event.code} of event ${event.id} not found`);
  await Promise.all(
    dossier.documents.map(async (document) => {
      const source = files.uploadKey(document.uploadId);
      if (document.key === source) return;
      try {
        await files.copyToDossier(source, dossier.code, document.uploadId);
      } catch (error) {
        // A redelivery after the upload expired: the copy made then is what counts.
        if (!(await files.stat(document.key))) throw error;
      }
    }),
  );
}

/** The key a document can be read at now: its own, or the upload it is still being copied from. */
export async function readableKey(document: DossierDocument) {
  if (await files.stat(document.key)) return document.key;
  const upload = files.uploadKey(document.uploadId);
  return (await files.stat(upload)) ? upload : document.key;
}

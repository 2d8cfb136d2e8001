import { clock, dossiers, eData, files, uploads } from '../composition';
import type { Dossier, DossierDocument, HistoryEvent } from '../domain/dossier';
import { storedFrom } from '../domain/e-data';
import type { DossierEvent } from '../domain/events';
import { toVietnamIso } from '../domain/vietnam-time';
import { derivedId } from './derived-id';

/**
 * Lưu trữ thành phần hồ sơ — files a dossier's documents:
 * - from its first event, copies each upload (or stored document) it took to the key the dossier names for it
 *   (under `dossiers/<code>/`, out of reach of the uploads' expiry), so a submission answers without waiting for the
 *   copies; until they are made, a download link points at the source (`readableKey`);
 * - once it is received, keeps each document an agency accepted in the applicant's e-data store, and each result
 *   issued to them, with who digitised it, when, its hash and its legal standing.
 * Idempotent by itself (no marker per event): a copy made again is the same object; the documents the store holds
 * already are found in one read, and a stored document is kept once (its id follows from the dossier and the
 * document, and its write is conditional).
 */
export async function fileDocuments(event: DossierEvent) {
  const record = await dossiers.getDossierHistory(event.code);
  if (!record) throw new Error(`dossier ${event.code} of event ${event.id} not found`);
  const { dossier, history } = record;
  // Copies from the first event only: later documents (a supplement, a result) are copied as they are attached.
  const copying = event.event.seq === 1 ? dossier.documents : [];
  await Promise.all(
    copying.map(async (document) => {
      const source = sourceOf(document);
      if (document.key === source) return;
      try {
        await files.copyToDossier(source, dossier.code, document.uploadId);
      } catch (error) {
        // A redelivery after the upload expired: the copy made then is what counts.
        if (!(await files.stat(document.key))) throw error;
      }
    }),
  );
  if (!dossier.receivedAt) return;
  const kept = [
    // A reused document is in the store already.
    ...dossier.documents.filter((d) => !d.storedDocumentId).map((d) => ({ document: d, kind: 'submitted' as const })),
    ...(dossier.result?.documents ?? []).map((d) => ({ document: d, kind: 'result' as const })),
  ];
  const owner = dossier.applicant.idNumber;
  const ids = kept.map(({ document }) => storedDocumentId(owner, dossier.code, document.uploadId));
  const held = await eData.keptAmong(owner, ids);
  const keeping = kept.flatMap((k, i) => (held.has(ids[i]!) ? [] : [{ ...k, id: ids[i]! }]));
  if (!keeping.length) return;
  // Who uploaded each file (the digitiser a stored document names), read at once.
  const uploaded = await uploads.getUploads(keeping.map(({ document }) => document.uploadId));
  await Promise.all(
    keeping.map(({ id, document, kind }) =>
      keep(id, dossier, history, document, kind, uploaded.get(document.uploadId)?.owner),
    ),
  );
}

/** Where a document's file comes from: its upload, or the stored document it reuses. */
const sourceOf = (document: DossierDocument) => document.sourceKey ?? files.uploadKey(document.uploadId);

/** The id of a document in its owner's store: the same for the same owner, dossier and document, every time. */
export const storedDocumentId = (ownerIdNumber: string, code: string, uploadId: string) =>
  derivedId(`${ownerIdNumber}|${code}|${uploadId}`);

async function keep(
  id: string,
  dossier: Dossier,
  history: HistoryEvent[],
  document: DossierDocument,
  kind: 'submitted' | 'result',
  uploader: string | undefined,
) {
  // Its own file, or the source it is still being copied from (`readableKey`, without asking first which exists).
  const source = sourceOf(document);
  const sha256 =
    (await files.sha256(document.key)) ?? (source === document.key ? undefined : await files.sha256(source));
  if (!sha256) throw new Error(`document ${document.uploadId} of ${dossier.code} has no file yet`);
  await eData.keep(
    storedFrom({
      id,
      dossier,
      document,
      kind,
      sha256,
      history,
      uploader,
      now: toVietnamIso(clock.now()),
    }),
  );
}

/** The key a document can be read at now: its own, or the source it is still being copied from. */
export async function readableKey(document: DossierDocument) {
  if (await files.stat(document.key)) return document.key;
  const source = sourceOf(document);
  return (await files.stat(source)) ? source : document.key;
}

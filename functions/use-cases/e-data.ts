import { downloads, eData } from '../composition';
import type { Actor } from '../domain/dossier';
import type { StoredDocument } from '../domain/e-data';
import { AppError, notFound } from '../domain/errors';

/** The owner's identification number, as their sign-in verified it: without it, there is no store to show. */
function ownerOf(actor: Actor) {
  if (!actor.idNumber) {
    throw new AppError(
      'forbidden',
      'IDENTITY_NOT_VERIFIED',
      'Kho dữ liệu điện tử cần tài khoản được định danh (VNeID) với số định danh cá nhân',
    );
  }
  return actor.idNumber;
}

/** What the owner sees of a stored document: everything but where the file is and who (by account) made it. */
function shown(document: StoredDocument) {
  const { key: _key, ownerIdNumber: _owner, digitisedBy, ...rest } = document;
  return {
    ...rest,
    digitisedBy: { role: digitisedBy.role, agencyId: digitisedBy.agencyId },
    href: `/me/documents/${document.id}`,
  };
}

/** Kho dữ liệu của tôi — the caller's stored documents (GET /me/documents). */
export async function myDocuments(actor: Actor, query: { limit: number; cursor?: string | undefined }) {
  const page = await eData.list(ownerOf(actor), query.limit, query.cursor);
  return { items: page.items.map(shown), nextCursor: page.nextCursor };
}

/** One of the caller's stored documents, with a short-lived download link; anyone else's is a 404. */
export async function myDocument(actor: Actor, id: string) {
  const document = await eData.get(ownerOf(actor), id);
  if (!document) throw notFound('document', id);
  return { ...shown(document), ...(await downloads.presignDownload(document.key, document.fileName)) };
}

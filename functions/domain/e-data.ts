import type { Dossier, DossierDocument, HistoryEvent, LegalStanding, Role } from './dossier';
import { businessRule } from './errors';

/**
 * Kho quản lý dữ liệu điện tử — the citizen's e-data store (Decree 45/2020 as amended by Decree 310/2026; Decree
 * 309/2026 Art.4.2a): every document an agency of the province accepted from them, and every result issued to them,
 * kept with its digitisation metadata, so that a later dossier takes it from here instead of asking for it again.
 * The owner is the person's identification number (the same on VNeID, at a counter and on the national portal).
 */
export interface StoredDocument {
  id: string;
  ownerIdNumber: string;
  componentCode: string;
  fileName: string;
  contentType: string;
  size: number;
  /** SHA-256 of the file, hex. */
  sha256: string;
  /** Where the file is (the dossier's own copy, kept for good). */
  key: string;
  legalStanding: LegalStanding;
  /** Who made the electronic file and when: the desk scanning paper, the applicant uploading, an agency issuing. */
  digitisedBy: { sub: string; role: Role | 'system'; agencyId: string | null };
  digitisedAt: string;
  /** For a result: the agency that issued it, its number and when it was signed. */
  issuedBy?: { agencyId: string; resultNumber: string; signedAt: string };
  source: { dossierCode: string; kind: 'submitted' | 'result' };
  validFrom: string;
  validUntil?: string;
  storedAt: string;
}

/** What a document of a dossier becomes in its owner's store; the hash and the id are the caller's to give. */
export function storedFrom(input: {
  id: string;
  dossier: Dossier;
  document: DossierDocument;
  kind: 'submitted' | 'result';
  sha256: string;
  history: readonly HistoryEvent[];
  uploader: string | undefined;
  now: string;
}): StoredDocument {
  const { dossier, document, kind, history } = input;
  const result = kind === 'result' ? dossier.result : undefined;
  // Who made the file: the entry of the history by its uploader (the desk, the applicant, the portal's adapter,
  // the leader who issued the result); else the dossier's first entry.
  const entry =
    (result
      ? [...history].reverse().find((h) => h.toStatus === 'RESULT_READY' && h.fromStatus !== 'RESULT_READY')
      : history.find((h) => h.actor === input.uploader)) ?? history[0];
  return {
    id: input.id,
    ownerIdNumber: dossier.applicant.idNumber,
    componentCode: document.componentCode,
    fileName: document.fileName,
    contentType: document.contentType,
    size: document.size,
    sha256: input.sha256,
    key: document.key,
    legalStanding: result ? 'original-electronic' : (document.legalStanding ?? 'scan'),
    digitisedBy: { sub: entry?.actor ?? 'system', role: entry?.role ?? 'system', agencyId: entry?.agencyId ?? null },
    digitisedAt: result?.signedAt ?? entry?.at ?? input.now,
    ...(result
      ? { issuedBy: { agencyId: dossier.competentAgencyId, resultNumber: result.number, signedAt: result.signedAt } }
      : {}),
    source: { dossierCode: dossier.code, kind },
    validFrom: (result?.signedAt ?? dossier.receivedAt ?? input.now).slice(0, 10),
    ...(document.validUntil ? { validUntil: document.validUntil } : {}),
    storedAt: input.now,
  };
}

/**
 * A stored document a new dossier of `applicantIdNumber` may take: its owner's, still valid on `today`. Anything
 * else is "not found" — whose documents exist is nobody else's business.
 */
export function reusable(stored: StoredDocument | undefined, applicantIdNumber: string, today: string, id: string) {
  if (!stored || stored.ownerIdNumber !== applicantIdNumber) {
    throw businessRule('STORED_DOCUMENT_NOT_FOUND', `Không có giấy tờ ${id} trong kho dữ liệu của người nộp`, {
      storedDocumentId: id,
    });
  }
  if (stored.validUntil && stored.validUntil < today) {
    throw businessRule('STORED_DOCUMENT_EXPIRED', `Giấy tờ ${stored.fileName} đã hết hiệu lực (${stored.validUntil})`, {
      storedDocumentId: id,
      validUntil: stored.validUntil,
    });
  }
  return stored;
}

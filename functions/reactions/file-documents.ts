import { filesDocuments } from '../domain/events';
import { fileDocuments } from '../use-cases/file-documents';
import { reactionHandler } from './runner';

/**
 * Files a new dossier's uploads under its own prefix, off the submission's request path, and keeps the documents
 * an agency accepted (and the results it issued) in the applicant's e-data store.
 */
export const handler = /* @__PURE__ */ reactionHandler('file-documents', filesDocuments, fileDocuments, 'self');

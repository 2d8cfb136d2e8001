import { isCreation } from '../domain/events';
import { fileDocuments } from '../use-cases/file-documents';
import { reactionHandler } from './runner';

/** Files a new dossier's uploads under its own prefix, off the submission's request path. */
export const handler = /* @__PURE__ */ reactionHandler('file-documents', isCreation, fileDocuments);

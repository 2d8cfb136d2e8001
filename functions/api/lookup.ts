import * as z from 'zod';
import { httpHandler } from '../http/handler';
import { lookup } from '../use-cases/dossier-views';
import { dossierCode } from './schemas';

/** Tra cứu — public progress by code; the applicant's ID number unlocks step-level progress. */
export const lookupDossier = httpHandler(
  {
    route: 'GET /lookup/{code}',
    path: z.object({ code: dossierCode }),
    query: z
      .object({
        idNumber: z
          .string()
          .regex(/^\d{12}$/)
          .optional(),
      })
      .strict(),
  },
  async ({ path, query }) => ({ body: await lookup(path.code, query.idNumber) }),
);

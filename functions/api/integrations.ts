import { STATUS_CODES } from '../domain/status';
import { httpHandler } from '../http/handler';
import { receiveFromPortal, refuseFromPortal } from '../use-cases/portal-intake';
import { receivePortalDossierSpec } from './specs';

/**
 * Hồ sơ từ Cổng DVCQG — the national portal's adapter hands over a dossier submitted there. Answered in our shape
 * and the portal's (`error_code`, `message`); a refusal is also sent back to the portal by the sync reaction.
 */
export const receivePortalDossier = /* @__PURE__ */ httpHandler(
  receivePortalDossierSpec,
  async ({ body, actor }) => {
    const { created, dossier } = await receiveFromPortal(actor, body);
    return {
      headers: { 'idempotent-replayed': String(!created) },
      body: {
        code: dossier.code,
        nationalId: body.nationalId,
        status: dossier.status,
        statusCode: STATUS_CODES[dossier.status],
        submittedAt: dossier.submittedAt,
        error_code: 0,
        message: created ? 'Đã tiếp nhận hồ sơ' : 'Hồ sơ đã được tiếp nhận trước đó',
      },
    };
  },
  {
    onClientError: (error, event) => {
      let body: unknown = event.body;
      if (typeof body === 'string') {
        try {
          body = JSON.parse(event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body);
        } catch {
          return Promise.resolve();
        }
      }
      return refuseFromPortal(body, error);
    },
  },
);

/**
 * Errors the domain and adapters raise; the HTTP stack maps each kind to its status once, for every route.
 * `expose` errors carry a client-safe message; anything else becomes a generic 500 without detail.
 */
export type ErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'business_rule';

const STATUS: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  business_rule: 422,
};

export class AppError extends Error {
  readonly statusCode: number;
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
    this.statusCode = STATUS[kind];
  }
}

export const notFound = (what: string, id: string) =>
  new AppError('not_found', `${what.toUpperCase()}_NOT_FOUND`, `Không tìm thấy ${what} ${id} (${what} not found)`);
export const forbidden = (message = 'Bạn không có quyền thực hiện thao tác này (forbidden)') =>
  new AppError('forbidden', 'FORBIDDEN', message);
export const conflict = (code: string, message: string, details?: unknown) =>
  new AppError('conflict', code, message, details);
export const businessRule = (code: string, message: string, details?: unknown) =>
  new AppError('business_rule', code, message, details);
export const badRequest = (code: string, message: string, details?: unknown) =>
  new AppError('validation', code, message, details);

/** An upload belongs to one dossier: attaching it to another (or twice) is a conflict. */
export const uploadAlreadyUsed = (uploadIds: string[]) =>
  conflict('UPLOAD_ALREADY_USED', 'Tệp đã được dùng cho một hồ sơ khác (upload already attached to a dossier)', {
    uploadIds,
  });

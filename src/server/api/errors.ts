// The one error shape of the API: {"error": {"code", "message", "details"}} with stable codes.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);
export const unauthorized = (message = 'authentication required') => new ApiError(401, 'unauthorized', message);
export const forbidden = (message = 'your role does not allow this') => new ApiError(403, 'forbidden', message);
export const badRequest = (message: string, details?: unknown) => new ApiError(400, 'invalid_request', message, details);

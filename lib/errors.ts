// One error type for everything a person can be told about. The code decides the HTTP status, in one place;
// the message is written for people and never carries a stack trace or a secret.
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED: 415,
  RATE_LIMITED: 429,
  UPSTREAM: 502,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Field-level details for validation errors: `[{ path: 'severity', message: '…' }]`. */
  readonly details?: readonly { path: string; message: string }[];

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: readonly { path: string; message: string }[] }) {
    super(message, { cause: options?.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options?.details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** The JSON body for an error response: AppErrors say what went wrong; anything else is a generic 500. */
export function errorBody(e: unknown): { status: number; body: { error: { code: ErrorCode; message: string; details?: readonly { path: string; message: string }[] } } } {
  if (isAppError(e)) {
    return { status: e.status, body: { error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'Something went wrong on our side. The error was logged.' } } };
}

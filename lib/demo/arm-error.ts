// An ARM error answer of the demo stand-in: status, ARM error code and message, and any headers (Retry-After).
export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

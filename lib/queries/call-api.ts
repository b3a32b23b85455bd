// The browser's JSON calls to the app's route handlers. Errors carry the server's message, written for people.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function callApi<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init?.headers }, credentials: 'same-origin' });
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const message =
      body && typeof body === 'object' && 'error' in body && body.error && typeof body.error === 'object' && 'message' in body.error && typeof body.error.message === 'string'
        ? body.error.message
        : `The server answered ${response.status}.`;
    throw new ApiError(response.status, message);
  }
  return body as T;
}

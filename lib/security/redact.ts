// Redaction for anything that leaves the process (logs, audit detail): secrets are replaced by a marker before
// serialisation, so a careless `log.info('x', { request })` cannot leak a cookie or a token.
const SECRET_KEY = /pass(word|wd)?|secret|token|authori[sz]ation|cookie|session|assertion|api[-_]?key|credential|code_verifier|private[-_]?key/i;
// Compact JWS/JWE and bearer values, wherever they appear inside a string.
// Linear: each quantified class is delimited by a literal dot, so no input makes it backtrack.
// eslint-disable-next-line security/detect-unsafe-regex
const JWT_LIKE = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}(\.[A-Za-z0-9_.-]*)?/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
// OAuth values in URLs: an authorization code or token in a logged callback URL is as good as a password.
const OAUTH_QUERY = /([?&#](code|state|id_token|access_token|refresh_token|client_secret|client_assertion)=)[^&#\s]+/gi;
// Connection strings carry a password in the user-info part.
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:)[^@\s]+@/gi;

export const REDACTED = '[redacted]';
const MAX_DEPTH = 6;
const MAX_STRING = 2000;

export function redactString(value: string): string {
  const cut = value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  return cut.replace(JWT_LIKE, REDACTED).replace(BEARER, `$1 ${REDACTED}`).replace(URL_PASSWORD, `$1${REDACTED}@`).replace(OAUTH_QUERY, `$1${REDACTED}`);
}

/** A deep copy with secret-named keys and token-looking strings replaced; errors keep name and message only. */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') return redactString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  // No stack traces: they name files and lines and sometimes carry values. The message is enough to search.
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: redactString(value.message), ...(typeof code === 'string' ? { code } : {}) };
  }
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => redact(v, depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? REDACTED : redact(v, depth + 1);
    return out;
  }
  return String(value);
}

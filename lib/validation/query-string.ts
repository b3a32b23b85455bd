// Builds a query string from filters, dropping empty values, so links and forms produce canonical URLs.
export function toQueryString(params: Record<string, string | readonly string[] | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) q.set(k, v.join(','));
    } else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * Search params without the empty ones: a GET filter form submits "Any" as `stage=`, which means "no filter", not
 * an invalid stage.
 */
export function dropEmptyParams(params: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.every((x) => x === ''))) continue;
    out[k] = v;
  }
  return out;
}

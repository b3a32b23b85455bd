// The digest as e-mail-ready HTML: one self-contained document, inline styles only (mail clients drop <style> and
// external sheets), no images or scripts, every text escaped. Table layout, because that is what mail clients render.
import type { Digest, DigestLine } from './digest-model';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const TAG_COLOURS: Record<string, string> = { CRITICAL: '#b91c1c', HIGH: '#c2410c' };
const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

function line(l: DigestLine): string {
  const tag = l.tag
    ? `<span style="display:inline-block;padding:1px 6px;margin-right:6px;border-radius:4px;font-size:11px;font-weight:600;color:#ffffff;background:${TAG_COLOURS[l.tag] ?? '#475569'}">${escapeHtml(l.tag)}</span>`
    : '';
  const detail = l.detail ? `<div style="color:#475569;font-size:13px;margin-top:2px">${escapeHtml(l.detail)}</div>` : '';
  return `<tr><td style="padding:8px 0;border-bottom:1px solid #e2e8f0">${tag}<a href="${escapeHtml(l.url)}" style="color:#1d4ed8;text-decoration:underline">${escapeHtml(l.text)}</a>${detail}</td></tr>`;
}

export function renderDigestHtml(d: Digest): string {
  const sections = d.sections
    .map((s) => {
      const rows = s.lines.length ? s.lines.map(line).join('') : `<tr><td style="padding:8px 0;color:#475569">${escapeHtml(s.empty)}</td></tr>`;
      const more = s.moreUrl ? `<tr><td style="padding:8px 0"><a href="${escapeHtml(s.moreUrl)}" style="color:#1d4ed8">… and ${s.total - s.lines.length} more</a></td></tr>` : '';
      return `<h2 style="${FONT};font-size:16px;margin:24px 0 4px;color:#0f172a">${escapeHtml(s.title)} <span style="color:#475569;font-weight:400">(${s.total})</span></h2>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="${FONT};font-size:14px;border-collapse:collapse">${rows}${more}</table>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(d.title)}</title></head>
<body style="margin:0;padding:0;background:#f8fafc">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f8fafc"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="640" cellpadding="0" cellspacing="0" style="max-width:640px;width:100%;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px"><tr><td style="padding:24px">
<h1 style="${FONT};font-size:20px;margin:0;color:#0f172a">${escapeHtml(d.title)}</h1>
<p style="${FONT};font-size:14px;margin:4px 0 0;color:#475569">${escapeHtml(d.subtitle)}</p>
${sections}
<p style="${FONT};font-size:14px;margin:24px 0 0"><a href="${escapeHtml(d.url)}" style="display:inline-block;padding:8px 14px;border-radius:6px;background:#1d4ed8;color:#ffffff;text-decoration:none">Open this week in the dashboard</a></p>
</td></tr></table>
</td></tr></table>
</body></html>
`;
}

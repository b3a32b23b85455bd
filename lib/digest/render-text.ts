// The digest as plain text: the e-mail's text part, and what `posture digest` prints by default.
import type { Digest } from './digest-model';

export function renderDigestText(d: Digest): string {
  const out: string[] = [d.title, d.subtitle, ''];
  for (const s of d.sections) {
    out.push(`${s.title}: ${s.total}`);
    if (s.lines.length === 0) out.push(`  ${s.empty}`);
    for (const l of s.lines) {
      out.push(`  ${l.tag ? `[${l.tag}] ` : ''}${l.text}${l.detail ? ` — ${l.detail}` : ''}`);
      out.push(`    ${l.url}`);
    }
    if (s.moreUrl) out.push(`  … and ${s.total - s.lines.length} more: ${s.moreUrl}`);
    out.push('');
  }
  out.push(`Open this week in the dashboard: ${d.url}`);
  return `${out.join('\n')}\n`;
}

// The digest as a Microsoft Teams message: an Adaptive Card (1.4, the version Teams renders in Incoming Webhook
// and Workflows posts) inside a `message` envelope. Links are Markdown in TextBlocks and an Action.OpenUrl.
import type { Digest } from './digest-model';

type CardElement = Record<string, unknown>;

/** Adaptive Card Markdown (emphasis and links only): escape what would start emphasis or a link. */
const md = (s: string) => s.replace(/([\\[\]()*_`~])/g, '\\$1');

export function renderTeamsMessage(d: Digest): { type: 'message'; attachments: { contentType: string; contentUrl: null; content: CardElement }[] } {
  const body: CardElement[] = [
    { type: 'TextBlock', text: md(d.title), weight: 'Bolder', size: 'Large', wrap: true },
    { type: 'TextBlock', text: md(d.subtitle), isSubtle: true, spacing: 'None', wrap: true },
  ];
  for (const s of d.sections) {
    body.push({ type: 'TextBlock', text: `${md(s.title)} (${s.total})`, weight: 'Bolder', size: 'Medium', spacing: 'Medium', separator: true, wrap: true });
    if (s.lines.length === 0) body.push({ type: 'TextBlock', text: md(s.empty), isSubtle: true, wrap: true, spacing: 'Small' });
    for (const l of s.lines) {
      body.push({
        type: 'TextBlock',
        wrap: true,
        spacing: 'Small',
        text: `${l.tag ? `**${l.tag}** ` : ''}[${md(l.text)}](${l.url})${l.detail ? ` — ${md(l.detail)}` : ''}`,
      });
    }
    if (s.moreUrl) body.push({ type: 'TextBlock', text: `[… and ${s.total - s.lines.length} more](${s.moreUrl})`, wrap: true, spacing: 'Small' });
  }
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          type: 'AdaptiveCard',
          version: '1.4',
          msteams: { width: 'Full' },
          body,
          actions: [{ type: 'Action.OpenUrl', title: 'Open this week in the dashboard', url: d.url }],
        },
      },
    ],
  };
}

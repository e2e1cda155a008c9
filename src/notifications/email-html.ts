const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Names, reasons and services come from people: every piece of text in an email goes through this. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export interface EmailLayout {
  greeting: string;
  headline: string;
  details: string[];
  action?: { label: string; url: string };
  manage?: { label: string; url: string };
  closing: string;
}

const button = (link: { label: string; url: string }, colour: string) =>
  `<p style="margin:24px 0"><a href="${escapeHtml(link.url)}" style="background:${colour};color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(link.label)}</a></p>`;

/** A plain, inline-styled HTML body (mail clients drop style sheets) with the same words as the text part. */
export function emailHtml(layout: EmailLayout): string {
  const details = layout.details.map((line) => `<p style="margin:0 0 12px">${escapeHtml(line)}</p>`).join('');
  return [
    '<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>',
    '<body style="margin:0;padding:24px;background:#f5f7fa;font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1f2933">',
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">',
    `<p style="margin:0 0 16px">${escapeHtml(layout.greeting)}</p>`,
    `<p style="margin:0 0 16px;font-size:17px;font-weight:600">${escapeHtml(layout.headline)}</p>`,
    details,
    layout.action ? button(layout.action, '#2f855a') : '',
    layout.manage ? button(layout.manage, '#334e68') : '',
    `<p style="margin:16px 0 0">${escapeHtml(layout.closing)}</p>`,
    '</div></body></html>',
  ].join('');
}

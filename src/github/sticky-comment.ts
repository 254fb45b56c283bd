import { GITHUB_BODY_LIMIT } from './plan-pr-body.js';
import type { ScmPort } from './scm-port.js';

export interface EnsureCommentResult {
  action: 'created' | 'updated' | 'unchanged';
  commentId: number;
  url: string;
}

/** `<!-- routing-gitops:<key> -->`: the first line of a comment the product keeps up to date. */
export function commentMarker(key: string): string {
  return `<!-- routing-gitops:${key.replace(/[^\w.:=/-]/g, '_')} -->`;
}

/** marker + text, the text cut at a line boundary when the comment would pass GitHub's limit */
export function markedBody(marker: string, text: string, limit = GITHUB_BODY_LIMIT): string {
  const note = '\n\n…cut to fit a comment; the full report is in the workflow run.';
  let body = text.trimEnd();
  const room = limit - marker.length - 2;
  if (body.length > room) {
    const cut = body.slice(0, Math.max(0, room - note.length));
    const lineEnd = cut.lastIndexOf('\n');
    body = `${lineEnd > 0 ? cut.slice(0, lineEnd) : cut}${note}`;
  }
  return `${marker}\n${body}\n`;
}

/**
 * One comment per marker on an issue or pull request, updated in place (Renovate's `ensureComment`): created the
 * first time, edited when the text changed, left alone when it is the same. Comments by others are never touched:
 * the marker is the comment's first line.
 */
export async function ensureComment(
  scm: ScmPort,
  input: { issue: number; marker: string; text: string },
): Promise<EnsureCommentResult> {
  const body = markedBody(input.marker, input.text);
  const existing = (await scm.listComments(input.issue)).find((c) => c.body.startsWith(input.marker));
  if (!existing) {
    const created = await scm.createComment(input.issue, body);
    return { action: 'created', commentId: created.id, url: created.url };
  }
  if (existing.body.replace(/\r\n/g, '\n') === body) {
    return { action: 'unchanged', commentId: existing.id, url: existing.url };
  }
  const updated = await scm.updateComment(existing.id, body);
  return { action: 'updated', commentId: updated.id, url: updated.url };
}

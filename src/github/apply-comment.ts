import { ConfigError } from '../errors.js';
import { GITHUB_BODY_LIMIT } from './plan-pr-body.js';
import type { ScmPort } from './scm-port.js';
import { ensureComment } from './sticky-comment.js';

export interface ApplyCommentInput {
  /** the commit the apply ran on (`GITHUB_SHA` of the push to main) */
  sha: string;
  /** the apply summary, rendered by the report module */
  summaryMarkdown: string;
}

export interface ApplyCommentResult {
  action: 'created' | 'updated' | 'unchanged' | 'none';
  /** the pull request merged as `sha` */
  number?: number;
  commentId?: number;
  url?: string;
}

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

export function applyCommentMarker(sha: string): string {
  return `<!-- routing-gitops:apply sha=${sha} -->`;
}

/** marker + summary, the summary cut at a line boundary when the comment would pass GitHub's limit */
export function applyCommentBody(sha: string, summaryMarkdown: string, limit = GITHUB_BODY_LIMIT): string {
  const marker = applyCommentMarker(sha);
  const note = '\n\n…summary cut to fit a comment; the full report is in the workflow run.';
  let summary = summaryMarkdown.trimEnd();
  const room = limit - marker.length - 1;
  if (summary.length > room) {
    const cut = summary.slice(0, Math.max(0, room - note.length));
    const lineEnd = cut.lastIndexOf('\n');
    summary = `${lineEnd > 0 ? cut.slice(0, lineEnd) : cut}${note}`;
  }
  return `${marker}\n${summary}\n`;
}

/**
 * Posts the apply result on the pull request merged as `sha`, once: a re-run of the same apply updates its own
 * comment (found by the marker) instead of adding another. Does nothing when no pull request was merged as it.
 */
export async function commentApplyResult(
  scm: ScmPort,
  input: ApplyCommentInput,
): Promise<ApplyCommentResult> {
  const sha = input.sha.trim().toLowerCase();
  if (!SHA.test(sha)) throw new ConfigError(`"${input.sha.slice(0, 80)}" is not a commit sha`);
  const pulls = await scm.pullRequestsForCommit(sha);
  const merged = pulls.find((pr) => pr.mergedAt !== undefined && pr.mergeCommitSha === sha);
  if (!merged) return { action: 'none' };

  const body = applyCommentBody(sha, input.summaryMarkdown);
  const marker = applyCommentMarker(sha);
  const existing = (await scm.listComments(merged.number)).find((c) => c.body.startsWith(marker));
  if (!existing) {
    const created = await scm.createComment(merged.number, body);
    return { action: 'created', number: merged.number, commentId: created.id, url: created.url };
  }
  if (existing.body.replace(/\r\n/g, '\n') === body) {
    return { action: 'unchanged', number: merged.number, commentId: existing.id, url: existing.url };
  }
  const updated = await scm.updateComment(existing.id, body);
  return { action: 'updated', number: merged.number, commentId: updated.id, url: updated.url };
}

/**
 * Posts the apply result on every pull request merged as one of `mergedAs` (the commits since the last applied
 * record, newest first; the applied commit among them), once each: several quickly merged pull requests are
 * applied by one run, and each of them learns the result.
 */
export async function commentApplyResults(
  scm: ScmPort,
  input: ApplyCommentInput & { mergedAs: readonly string[] },
): Promise<ApplyCommentResult[]> {
  const results: ApplyCommentResult[] = [];
  const seen = new Set<number>();
  const sha = input.sha.trim().toLowerCase();
  for (const commit of new Set([sha, ...input.mergedAs.map((c) => c.trim().toLowerCase())])) {
    if (!SHA.test(commit)) throw new ConfigError(`"${commit.slice(0, 80)}" is not a commit sha`);
    const pulls = await scm.pullRequestsForCommit(commit);
    const merged = pulls.find((pr) => pr.mergedAt !== undefined && pr.mergeCommitSha === commit);
    if (!merged || seen.has(merged.number)) continue;
    seen.add(merged.number);
    const done = await ensureComment(scm, {
      issue: merged.number,
      marker: applyCommentMarker(sha),
      text: input.summaryMarkdown,
    });
    results.push({ action: done.action, number: merged.number, commentId: done.commentId, url: done.url });
  }
  return results;
}

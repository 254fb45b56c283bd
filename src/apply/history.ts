import { RoutingGitopsError } from '../errors.js';
import { appliedTags, type AppliedTag } from './git.js';

/**
 * What the apply audit tags say about `commit`: tags on commits that come after it (it is their ancestor) and the
 * most recent tag on it or one of its ancestors (the last applied state it builds on).
 */
export interface AppliedHistory {
  later: AppliedTag[];
  last: AppliedTag | undefined;
}

/** An apply that would move the org backwards: exit 1, nothing read or written after it. */
export class BehindError extends RoutingGitopsError {
  constructor(message: string) {
    super('BEHIND', message);
  }
}

const WHAT_TO_DO =
  'Nothing was written. To apply what main says now, dispatch a new run of the apply workflow on main ' +
  '(Actions > apply > Run workflow), or run apply on a checkout of main; to undo a change, revert it in git ' +
  '(git revert) and merge the revert.';

/**
 * Refuses a commit older than what was already applied (pure): a re-run of an old apply, or a checkout of an old
 * commit, would otherwise write the old state back over newer reviewed changes.
 */
export function refuseBackwards(input: {
  commit: string;
  later: readonly AppliedTag[];
  tip?: { branch: string; sha: string | undefined };
}): string | undefined {
  const short = input.commit.slice(0, 12);
  const [newer] = input.later;
  if (newer) {
    return (
      `commit ${short} is older than a commit already applied (${newer.name} on ${newer.commit.slice(0, 12)}): ` +
      `applying it would move the org backwards. ${WHAT_TO_DO}`
    );
  }
  if (input.tip && input.tip.sha !== input.commit) {
    const at = input.tip.sha ? ` (now ${input.tip.sha.slice(0, 12)})` : '';
    return (
      `commit ${short} is not the tip of the default branch ${input.tip.branch}${at}: a re-run of an old apply ` +
      `would move the org backwards. ${WHAT_TO_DO}`
    );
  }
  return undefined;
}

/** The audit tags around `commit` in the repository at `cwd`; empty outside a git work tree. */
export async function readAppliedHistory(cwd: string, commit: string | undefined): Promise<AppliedHistory> {
  if (!commit) return { later: [], last: undefined };
  const [later, earlier] = await Promise.all([
    appliedTags(cwd, '--contains', commit),
    appliedTags(cwd, '--merged', commit),
  ]);
  return { later: later.filter((t) => t.commit !== commit), last: earlier[0] };
}

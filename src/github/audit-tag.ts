import { ConfigError } from '../errors.js';
import type { ScmPort } from './scm-port.js';

export const AUDIT_TAG_PREFIX = 'routing-gitops/apply/';

/** `routing-gitops/apply/<run id>`, with `-<attempt>` for re-runs of the same workflow run */
export function auditTagName(runId: string | number, attempt: string | number = 1): string {
  const id = String(runId).trim();
  if (!/^\d+$/.test(id)) throw new ConfigError(`GITHUB_RUN_ID "${id.slice(0, 40)}" is not a run id`);
  const n = Number(attempt);
  return n > 1 ? `${AUDIT_TAG_PREFIX}${id}-${n}` : `${AUDIT_TAG_PREFIX}${id}`;
}

export interface AuditTagResult {
  action: 'created' | 'unchanged';
  /** `tags/<name>` */
  ref: string;
  /** the tag object's sha */
  sha: string;
}

/**
 * Records an apply as an annotated tag on the commit it applied (tags do not trigger the push-to-branch
 * workflow). Idempotent: an existing tag of that name is left as it is.
 */
export async function ensureAuditTag(
  scm: ScmPort,
  input: { name: string; commitSha: string; message: string },
): Promise<AuditTagResult> {
  if (!input.name.startsWith(AUDIT_TAG_PREFIX) || /[\s~^:?*[\\]|\.\.|@\{|\.lock$|\/$/.test(input.name)) {
    throw new ConfigError(
      `"${input.name}" is not a valid audit tag name (expected ${AUDIT_TAG_PREFIX}<run id>)`,
    );
  }
  const ref = `tags/${input.name}`;
  const existing = await scm.getRef(ref);
  if (existing) return { action: 'unchanged', ref, sha: existing };
  const sha = await scm.createTagObject({
    tag: input.name,
    message: input.message,
    commitSha: input.commitSha,
  });
  await scm.createRef(ref, sha);
  return { action: 'created', ref, sha };
}

/** The default branch and the commit at its tip (apply refuses any other commit under Actions). */
export async function defaultBranchTip(scm: ScmPort): Promise<{ branch: string; sha: string | undefined }> {
  const branch = await scm.getDefaultBranch();
  return { branch, sha: await scm.getRef(`heads/${branch}`) };
}

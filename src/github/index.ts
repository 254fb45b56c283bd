export type * from './scm-port.js';
export { gitHubSettingsFromEnv, DEFAULT_GITHUB_API_URL, type GitHubSettings } from './config.js';
export { createGitHubScm, gitHubScmFromEnv, type GitHubScmOptions } from './octokit-scm.js';
export {
  ensurePlanPullRequest,
  PLAN_LABEL,
  PLAN_PR_TITLE,
  type PlanPullRequestInput,
  type PlanPullRequestResult,
} from './plan-pull-request.js';
export type { PlanFile } from './plan-branch.js';
export {
  PlanPrBody,
  DEFAULT_PLAN_BRANCH,
  GITHUB_BODY_LIMIT,
  type ParsedPlanPrBody,
  type PlanPrBodyOptions,
} from './plan-pr-body.js';
export { planCommitMessage, planCommitSubject, planFigures, planHasChanges } from './plan-figures.js';
export { commentMarker, ensureComment, type EnsureCommentResult } from './sticky-comment.js';
export {
  commentApplyResult,
  commentApplyResults,
  applyCommentMarker,
  type ApplyCommentInput,
  type ApplyCommentResult,
} from './apply-comment.js';
export {
  ensureAuditTag,
  auditTagName,
  defaultBranchTip,
  AUDIT_TAG_PREFIX,
  type AuditTagResult,
} from './audit-tag.js';
export { escapeMarkdown, mermaidLabel, codeSpan } from './markdown.js';

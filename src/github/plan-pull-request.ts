import { ConfigError } from '../errors.js';
import type { PlanOutcome } from '../recommend/types.js';
import { escapeMarkdown } from './markdown.js';
import { changedFiles, checkPlanFiles, ensurePlanBranch, readBase, type PlanFile } from './plan-branch.js';
import { planCommitMessage, planHasChanges } from './plan-figures.js';
import { DEFAULT_PLAN_BRANCH, PlanPrBody } from './plan-pr-body.js';
import type { LabelSpec, PullRequest, ScmPort } from './scm-port.js';

export const PLAN_PR_TITLE = 'routing-gitops: proposed routing changes';
export const PLAN_LABEL: LabelSpec = {
  name: 'routing-gitops',
  color: '1d76db',
  description: 'Routing changes proposed by routing-gitops plan',
};

export interface PlanPullRequestInput {
  /** the changed files: desired-state/**\/*.yaml and desired-state/plan/* */
  files: PlanFile[];
  outcome: PlanOutcome;
  /** default: the repository's default branch */
  baseBranch?: string;
  /** default: `routing-gitops/plan` */
  branch?: string;
}

export interface PlanPullRequestResult {
  action: 'created' | 'updated' | 'unchanged' | 'closed' | 'none';
  number?: number;
  url?: string;
  /** the plan branch's head commit (absent when nothing is proposed) */
  commit?: string;
  /** a new commit was pushed to the plan branch in this run */
  pushed?: boolean;
}

/**
 * One rolling pull request from a fixed branch (Renovate's `ensurePr`): opens it, brings it up to date, leaves it
 * alone when nothing changed, or closes it when the plan has nothing left to propose.
 */
export async function ensurePlanPullRequest(
  scm: ScmPort,
  input: PlanPullRequestInput,
): Promise<PlanPullRequestResult> {
  checkPlanFiles(input.files);
  const branch = input.branch ?? DEFAULT_PLAN_BRANCH;
  const baseBranch = input.baseBranch ?? (await scm.getDefaultBranch());
  if (branch === baseBranch)
    throw new ConfigError(`the plan branch must not be the base branch "${baseBranch}"`);

  const base = await readBase(scm, baseBranch);
  const open = await scm.findOpenPullRequest(branch);
  const changed = changedFiles(base, input.files);
  if (!planHasChanges(input.outcome) || changed.length === 0) {
    const why = planHasChanges(input.outcome)
      ? `found only changes that are already on \`${baseBranch}\``
      : 'found nothing to change';
    return closeStalePlan(scm, { open, branch, outcome: input.outcome, why });
  }

  const message = planCommitMessage(input.outcome);
  const { sha, pushed } = await ensurePlanBranch(scm, { branch, base, changed, message });
  const body = PlanPrBody.render(input.outcome, { branch, baseBranch });

  if (!open) {
    const created = await scm.createPullRequest({
      title: PLAN_PR_TITLE,
      body,
      head: branch,
      base: baseBranch,
    });
    await ensurePlanLabel(scm, created);
    return { action: 'created', number: created.number, url: created.url, commit: sha, pushed };
  }
  const patch: { title?: string; body?: string; base?: string } = {};
  if (open.title !== PLAN_PR_TITLE) patch.title = PLAN_PR_TITLE;
  if (open.body !== body) patch.body = body;
  if (open.baseRef !== baseBranch) patch.base = baseBranch;
  if (Object.keys(patch).length > 0) await scm.updatePullRequest(open.number, patch);
  await ensurePlanLabel(scm, open);
  const changedSomething = pushed || Object.keys(patch).length > 0;
  return {
    action: changedSomething ? 'updated' : 'unchanged',
    number: open.number,
    url: open.url,
    commit: sha,
    pushed,
  };
}

async function ensurePlanLabel(scm: ScmPort, pr: PullRequest): Promise<void> {
  if (pr.labels.includes(PLAN_LABEL.name)) return;
  await scm.ensureLabel(PLAN_LABEL);
  await scm.addLabels(pr.number, [PLAN_LABEL.name]);
}

async function closeStalePlan(
  scm: ScmPort,
  input: { open: PullRequest | undefined; branch: string; outcome: PlanOutcome; why: string },
): Promise<PlanPullRequestResult> {
  const ref = `heads/${input.branch}`;
  if (!input.open) {
    if (await scm.getRef(ref)) await scm.deleteRef(ref);
    return { action: 'none' };
  }
  const when = escapeMarkdown(input.outcome.generatedAt, 40);
  await scm.createComment(
    input.open.number,
    `Closing: the plan of ${when} (last ${input.outcome.days} days) ${input.why}. The next plan with changes opens a new pull request.`,
  );
  await scm.updatePullRequest(input.open.number, { state: 'closed' });
  await scm.deleteRef(ref);
  return { action: 'closed', number: input.open.number, url: input.open.url };
}

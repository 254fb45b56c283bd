import type { PlanOutcome } from '../../src/recommend/types.js';
import { createGitHubScm, type GitHubScmOptions } from '../../src/github/octokit-scm.js';
import type { PlanFile } from '../../src/github/plan-branch.js';
import type { ScmPort } from '../../src/github/scm-port.js';
import { FakeGitHub } from './fake/fake-github.js';

export const SEED = {
  'README.md': '# routing\n',
  'desired-state/settings.yaml': 'apiVersion: routing-gitops/v1\nkind: Settings\n',
  'desired-state/routing-profiles/support.yaml':
    'profiles:\n  alice@example.com:\n    skills: {Billing: 4}\n',
  'desired-state/rule-weights.yaml': 'queues:\n  Support: {Billing: 40}\n',
};

/** a fake with `main` holding the seed files */
export async function startFake(options: Parameters<typeof FakeGitHub.start>[0] = {}): Promise<FakeGitHub> {
  const fake = await FakeGitHub.start(options);
  fake.state.commitFiles(fake.state.defaultBranch, SEED, 'initial desired state');
  return fake;
}

export function scmFor(fake: FakeGitHub, options: GitHubScmOptions & { token?: string } = {}): ScmPort {
  const { owner, repo } = fake.state.urls;
  return createGitHubScm({ token: options.token ?? fake.token, owner, repo, apiUrl: fake.url }, options);
}

/** the files a plan run writes for `outcome` (deterministic) */
export function planFiles(outcome: PlanOutcome, weight = 80): PlanFile[] {
  return [
    { path: 'desired-state/rule-weights.yaml', content: `queues:\n  Support: {Billing: ${weight}}\n` },
    { path: outcome.files.changesJson, content: `${JSON.stringify(outcome.recommendations, null, 2)}\n` },
    { path: outcome.files.whatIfMarkdown, content: `# What-if\n\n${outcome.whatIf.queues.length} queues\n` },
  ];
}

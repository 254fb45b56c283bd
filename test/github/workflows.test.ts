import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
import { describe, expect, it, vi } from 'vitest';
import { cliProgram } from '../workflows/invocations.js';

const DIR = path.resolve(import.meta.dirname, '../../.github/workflows');

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  permissions?: Record<string, string>;
  environment?: string;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean | string };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean | string };
  jobs: Record<string, Job>;
}

const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));
const sources = Object.fromEntries(files.map((f) => [f, readFileSync(path.join(DIR, f), 'utf8')]));
const workflows = Object.fromEntries(files.map((f) => [f, parse(sources[f]!) as Workflow]));
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);
const WRITE_SCOPES = new Set(['contents', 'pull-requests']);

describe('workflows', () => {
  it('are the four the product needs', () => {
    expect(files.sort()).toEqual(['apply.yml', 'ci.yml', 'plan.yml', 'pull-request.yml']);
  });

  it.each(files)('%s is a valid workflow (action-validator)', (file) => {
    const warn = vi.spyOn(console, 'log').mockImplementation(() => undefined); // "glob validation not supported"
    const state = validateWorkflow(sources[file]!);
    warn.mockRestore();
    expect(state.errors).toEqual([]);
  });

  it('the validator does reject a broken workflow', () => {
    const warn = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const state = validateWorkflow(
      'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - usess: x\n',
    );
    warn.mockRestore();
    expect(state.errors.length).toBeGreaterThan(0);
  });

  it('never use pull_request_target', () => {
    for (const source of Object.values(sources)) expect(source).not.toContain('pull_request_target');
    for (const w of Object.values(workflows)) expect(Object.keys(w.on)).not.toContain('pull_request_target');
  });

  it.each(files)('%s pins every action to a full commit sha with a version comment', (file) => {
    // `./` is this repository's own action.yml (checked out with the workflow; `init` pins it to a release)
    const uses = sources[file]!.split('\n').filter((l) => /^\s*-?\s*uses:/.test(l) && !/uses: \.\/ /.test(l));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$/);
    for (const step of steps(workflows[file]!))
      if (step.uses && step.uses !== './') expect(step.uses).toMatch(/@[0-9a-f]{40}$/);
  });

  it.each(files)('%s grants little at the top and only contents/pull-requests per job', (file) => {
    const w = workflows[file]!;
    const top = w.permissions ?? { missing: 'write-all by default' };
    expect([{}, { contents: 'read' }]).toContainEqual(top);
    for (const job of Object.values(w.jobs)) {
      for (const [scope, level] of Object.entries(job.permissions ?? {})) {
        expect(level === 'read' || WRITE_SCOPES.has(scope)).toBe(true);
      }
    }
  });

  it('ci.yml installs with npm ci on Node 24 and keeps checkout credentials out of the workspace', () => {
    const all = steps(workflows['ci.yml']!);
    const node = all.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(node?.with?.['node-version']).toBe(24);
    expect(all.some((s) => s.run?.trim() === 'npm ci')).toBe(true);
    const checkout = all.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['persist-credentials']).toBe(false);
  });

  it.each(['plan.yml', 'apply.yml', 'pull-request.yml'])(
    '%s installs the tool through the composite action (uses: ./) right after a credential-less checkout, in every job',
    (file) => {
      for (const [name, job] of Object.entries(workflows[file]!.jobs)) {
        expect(job.steps[0]?.uses, `${file} ${name}`).toMatch(/^actions\/checkout@/);
        expect(job.steps[0]?.with?.['persist-credentials']).toBe(false);
        expect(job.steps[1]?.uses, `${file} ${name}`).toBe('./');
        for (const s of job.steps) {
          expect(s.run ?? '').not.toMatch(/npm ci|npx /);
          expect(s.uses ?? '').not.toMatch(/setup-node/);
        }
      }
    },
  );

  it('the composite action defaults to Node 24', () => {
    const action = parse(readFileSync(path.resolve(DIR, '../../action.yml'), 'utf8')) as {
      inputs: Record<string, { default: string }>;
    };
    expect(action.inputs['node-version']?.default).toBe('24');
  });

  it('only plan, apply and the pull-request check reference secrets; ci has none and only reads', () => {
    expect(sources['ci.yml']).not.toMatch(/secrets\./);
    expect(workflows['ci.yml']!.permissions).toEqual({ contents: 'read' });
    expect(Object.keys(workflows['ci.yml']!.on).sort()).toEqual(['pull_request', 'push']);
    expect(sources['ci.yml']).toMatch(/run: npm run lint/);
    expect(sources['ci.yml']).toMatch(/run: npm test/);
    for (const file of ['plan.yml', 'apply.yml', 'pull-request.yml']) {
      expect(sources[file]).toContain('${{ secrets.GENESYSCLOUD_OAUTHCLIENT_SECRET }}');
      expect(sources[file]).toContain('${{ vars.GENESYSCLOUD_REGION }}');
    }
  });

  it('inputs reach scripts through env, never interpolated into `run`', () => {
    for (const step of Object.values(workflows).flatMap(steps)) {
      if (step.run) expect(step.run).not.toMatch(/\$\{\{/);
    }
  });

  it('apply runs for main (push, the self-heal schedule, dispatch), one at a time, in the production environment', () => {
    const w = workflows['apply.yml']!;
    expect(Object.keys(w.on).sort()).toEqual(['push', 'schedule', 'workflow_dispatch']);
    expect(w.on.push).toEqual({ branches: ['main'], paths: ['desired-state/**', '!desired-state/plan/**'] });
    expect(w.on.schedule).toEqual([{ cron: '5 22 * * *' }]);
    const inputs = (w.on.workflow_dispatch as { inputs: Record<string, { default: unknown }> }).inputs;
    expect(inputs['dry-run']?.default).toBe(true);
    expect(inputs['ignore-window']?.default).toBe(false);
    const job = w.jobs.apply!;
    expect(job.if).toMatch(/github\.ref == 'refs\/heads\/main'/);
    expect(job.if).toContain("vars.ROUTING_GITOPS_SELF_HEAL != 'false'");
    expect(job.if).toContain('!inputs.dry-run');
    expect(job.environment).toBe('production');
    expect(job.concurrency).toEqual({ group: 'routing-gitops-apply', 'cancel-in-progress': false });
    expect(job.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' });
    const run = job.steps.map((s) => s.run ?? '').join('\n');
    expect(run).toContain('args+=(--report report.csv --json --audit-tag --pr-comment)');
    expect(run).toContain('args+=(--ignore-window)');
    expect(run).not.toContain('--dry-run');
    const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with?.path).toContain('report.csv');
    const checkout = job.steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['fetch-depth']).toBe(0);
  });

  it('apply keeps its journal between runners: restored before the apply, saved after it whatever happened', () => {
    const job = workflows['apply.yml']!.jobs.apply!;
    const at = (prefix: string) => job.steps.findIndex((s) => s.uses?.startsWith(prefix));
    const apply = job.steps.findIndex((s) => s.run?.includes('routing-gitops'));
    expect(at('actions/cache/restore@')).toBeGreaterThan(-1);
    expect(at('actions/cache/restore@')).toBeLessThan(apply);
    expect(at('actions/cache/save@')).toBeGreaterThan(apply);
    const restore = job.steps[at('actions/cache/restore@')]!;
    const save = job.steps[at('actions/cache/save@')]!;
    expect(restore.with).toMatchObject({
      path: '.routing-gitops',
      'restore-keys': 'routing-gitops-journal-',
    });
    expect(save).toMatchObject({ if: '${{ always() }}', with: { path: '.routing-gitops' } });
    expect(save.with?.key).toBe(restore.with?.key);
    expect(readFileSync(path.resolve(DIR, '../../.gitignore'), 'utf8')).toMatch(/^\.routing-gitops\/$/m);
  });

  it('a dry-run dispatch runs apart: its own concurrency group, the read-only environment, read-only token', () => {
    const job = workflows['apply.yml']!.jobs['dry-run']!;
    expect(job.if).toContain("github.event_name == 'workflow_dispatch' && inputs.dry-run");
    expect(job.concurrency?.group).toBe('routing-gitops-dry-run');
    expect(job.environment).toBe('plan');
    expect(job.permissions).toEqual({ contents: 'read' });
    const run = job.steps.map((s) => s.run ?? '').join('\n');
    expect(run).toContain('--dry-run');
    expect(run).not.toMatch(/--audit-tag|--pr-comment/);
  });

  it('pull requests touching desired-state are checked: forks offline without secrets, others against the org', () => {
    const w = workflows['pull-request.yml']!;
    expect(w.on).toEqual({ pull_request: { paths: ['desired-state/**'] } });
    expect(w.permissions).toEqual({});
    const fork = w.jobs.offline!;
    expect(fork.if).toContain('github.event.pull_request.head.repo.full_name != github.repository');
    expect(JSON.stringify(fork)).not.toContain('secrets.');
    expect(fork.environment).toBeUndefined();
    expect(fork.steps.map((s) => s.run ?? '').join('\n')).toContain('routing-gitops validate --offline');
    const check = w.jobs.check!;
    expect(check.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    expect(check.environment).toBe('review');
    expect(check.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    const runs = check.steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toContain('routing-gitops validate --comment-pr "$PR_NUMBER"\n');
    expect(runs).toContain('apply --dry-run --ignore-window --json --comment-pr "$PR_NUMBER"');
    // both steps keep the one check comment: validate when the files are invalid, the dry run otherwise
    const commenting = check.steps.filter((s) => s.run?.includes('--comment-pr'));
    expect(commenting).toHaveLength(2);
    for (const s of commenting) {
      expect(s.env?.PR_NUMBER).toBe('${{ github.event.pull_request.number }}');
      expect(s.env?.GITHUB_TOKEN).toBe('${{ github.token }}');
    }
  });

  it('plan runs in its own environment (read-only client, main only), never with repository secrets for writes', () => {
    expect(workflows['plan.yml']!.jobs.plan!.environment).toBe('plan');
  });

  it.each(files)('%s passes only flags the CLI has, to commands it has', (file) => {
    const program = cliProgram();
    for (const step of steps(workflows[file]!)) {
      const script = (step.run ?? '')
        .split('\n')
        .filter((l) => !l.trim().startsWith('#'))
        .join('\n');
      const command = /routing-gitops ([a-z-]+)/.exec(script)?.[1] ?? /args=\(([a-z-]+)\)/.exec(script)?.[1];
      if (!script.includes('routing-gitops') || command === undefined) continue;
      const sub = program.commands.find((c) => c.name() === command);
      expect(sub, `${file}: routing-gitops ${command}`).toBeDefined();
      const known = new Set([...sub!.options.map((o) => o.long), '--debug']);
      for (const [flag] of script.matchAll(/(?<![\w-])--[a-z][a-z-]*/g))
        expect(known, `${file}: ${command} ${flag}`).toContain(flag);
    }
  });

  it('plan runs on a weekday off-peak schedule and on dispatch, with a PR-capable token', () => {
    const w = workflows['plan.yml']!;
    expect(w.on.schedule).toEqual([{ cron: '17 3 * * 1-5' }]);
    expect(Object.keys((w.on.workflow_dispatch as { inputs: object }).inputs).sort()).toEqual([
      'days',
      'no-pr',
    ]);
    expect(w.concurrency?.group).toBe('routing-gitops-plan');
    expect(w.jobs.plan!.environment).toBe('plan');
    const job = w.jobs.plan!;
    expect(job.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' });
    const app = job.steps.find((s) => s.uses?.startsWith('actions/create-github-app-token@'));
    expect(app).toMatchObject({ if: "${{ vars.PLAN_APP_ID != '' }}" });
    const plan = job.steps.find((s) => s.run?.includes('routing-gitops'));
    expect(plan?.env?.GITHUB_TOKEN).toBe('${{ steps.app-token.outputs.token || github.token }}');
    expect(plan?.run).toContain('--days "$DAYS"');
    expect(plan?.run).toContain('--no-pr');
    expect(plan?.env?.DECLINE_DAYS).toBe('${{ vars.ROUTING_GITOPS_DECLINE_DAYS }}');
    expect(plan?.run).toContain('args+=(--decline-days "$DECLINE_DAYS")');
  });
});

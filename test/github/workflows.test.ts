import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
import { describe, expect, it, vi } from 'vitest';

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
  it('are the three the product needs', () => {
    expect(files.sort()).toEqual(['apply.yml', 'ci.yml', 'plan.yml']);
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
    const uses = sources[file]!.split('\n').filter((l) => /^\s*-?\s*uses:/.test(l));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$/);
    for (const step of steps(workflows[file]!)) if (step.uses) expect(step.uses).toMatch(/@[0-9a-f]{40}$/);
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

  it.each(files)(
    '%s installs with npm ci on Node 24 and keeps checkout credentials out of the workspace',
    (file) => {
      const all = steps(workflows[file]!);
      const node = all.find((s) => s.uses?.startsWith('actions/setup-node@'));
      expect(node?.with?.['node-version']).toBe(24);
      expect(all.some((s) => s.run?.trim() === 'npm ci')).toBe(true);
      const checkout = all.find((s) => s.uses?.startsWith('actions/checkout@'));
      expect(checkout?.with?.['persist-credentials']).toBe(false);
    },
  );

  it('only plan and apply reference secrets; ci has none and only reads', () => {
    expect(sources['ci.yml']).not.toMatch(/secrets\./);
    expect(workflows['ci.yml']!.permissions).toEqual({ contents: 'read' });
    expect(Object.keys(workflows['ci.yml']!.on).sort()).toEqual(['pull_request', 'push']);
    expect(sources['ci.yml']).toMatch(/run: npm run lint/);
    expect(sources['ci.yml']).toMatch(/run: npm test/);
    for (const file of ['plan.yml', 'apply.yml']) {
      expect(sources[file]).toContain('${{ secrets.GENESYSCLOUD_OAUTHCLIENT_SECRET }}');
      expect(sources[file]).toContain('${{ vars.GENESYSCLOUD_REGION }}');
    }
  });

  it('inputs reach scripts through env, never interpolated into `run`', () => {
    for (const step of Object.values(workflows).flatMap(steps)) {
      if (step.run) expect(step.run).not.toMatch(/\$\{\{/);
    }
  });

  it('apply runs only for main (push or dispatch), one at a time, never cancelled, in the production environment', () => {
    const w = workflows['apply.yml']!;
    expect(Object.keys(w.on).sort()).toEqual(['push', 'workflow_dispatch']);
    expect(w.on.push).toEqual({ branches: ['main'], paths: ['desired-state/**', '!desired-state/plan/**'] });
    expect(w.concurrency).toEqual({ group: 'routing-gitops-apply', 'cancel-in-progress': false });
    const job = w.jobs.apply!;
    expect(job.if).toMatch(/github\.ref == 'refs\/heads\/main'/);
    expect(job.environment).toBe('production');
    expect(job.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' });
    const run = job.steps.map((s) => s.run ?? '').join('\n');
    expect(run).toContain(
      'npx routing-gitops apply --report report.csv --json --audit-tag --pr-comment > apply.json',
    );
    const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with?.path).toContain('report.csv');
  });

  it('plan runs on a weekday off-peak schedule and on dispatch, with a PR-capable token', () => {
    const w = workflows['plan.yml']!;
    expect(w.on.schedule).toEqual([{ cron: '17 3 * * 1-5' }]);
    expect(Object.keys((w.on.workflow_dispatch as { inputs: object }).inputs).sort()).toEqual([
      'days',
      'no-pr',
    ]);
    expect(w.concurrency?.group).toBe('routing-gitops-plan');
    const job = w.jobs.plan!;
    expect(job.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' });
    const app = job.steps.find((s) => s.uses?.startsWith('actions/create-github-app-token@'));
    expect(app).toMatchObject({ if: "${{ vars.PLAN_APP_ID != '' }}" });
    const plan = job.steps.find((s) => s.run?.includes('npx routing-gitops'));
    expect(plan?.env?.GITHUB_TOKEN).toBe('${{ steps.app-token.outputs.token || github.token }}');
    expect(plan?.run).toContain('--days "$DAYS"');
    expect(plan?.run).toContain('--no-pr');
  });
});

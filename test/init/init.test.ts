import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { validateAction, validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { packageInfo } from '../../src/cli/package-info.js';
import { adaptWorkflow } from '../../src/init/adapt-workflow.js';
import { problemWith, workflowInvocations } from '../workflows/invocations.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PIN = { repository: 'acme/routing-gitops', version: '9.8.7' };

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) },
  };
}

function quietly<T>(f: () => T): T {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined); // "glob validation not supported"
  try {
    return f();
  } finally {
    log.mockRestore();
  }
}

interface Step {
  uses?: string;
  run?: string;
  env?: Record<string, string>;
}
type Workflow = {
  on: unknown;
  permissions?: unknown;
  jobs: Record<string, { steps: Step[]; permissions?: unknown }>;
};

describe('routing-gitops init', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'routing-gitops-init-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('scaffolds a config repository whose desired state validates offline', async () => {
    const c = capture();
    expect(await main(['init', '--dir', dir, '--owner', '@acme/routing'], c.io)).toBe(0);
    const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
      .sort();
    expect(files).toEqual([
      '.github/CODEOWNERS',
      '.github/workflows/apply.yml',
      '.github/workflows/plan.yml',
      '.github/workflows/pull-request.yml',
      '.gitignore',
      'README.md',
      'desired-state/settings.yaml',
      'schemas/routing-profiles.schema.json',
      'schemas/rule-weights.schema.json',
      'schemas/settings.schema.json',
    ]);
    const owners = await readFile(path.join(dir, '.github/CODEOWNERS'), 'utf8');
    for (const line of [
      '/desired-state/ @acme/routing',
      '/desired-state/settings.yaml @acme/routing',
      '/.github/ @acme/routing',
    ])
      expect(owners).toContain(line);
    const settings = await readFile(path.join(dir, 'desired-state/settings.yaml'), 'utf8');
    expect(settings.split('\n').filter((l) => l.trimStart().startsWith('#')).length).toBeGreaterThan(20);

    const v = capture();
    const code = await main(['validate', '--offline', '--dir', path.join(dir, 'desired-state')], v.io);
    expect(v.out.join('')).toMatch(/: valid, 0 users/);
    expect(code).toBe(0);
  });

  it('writes workflows that the workflow validator accepts, pinned to this version of the action', async () => {
    expect(await main(['init', '--dir', dir], capture().io)).toBe(0);
    const { version, repository } = packageInfo();
    for (const name of ['plan.yml', 'apply.yml', 'pull-request.yml']) {
      const text = await readFile(path.join(dir, '.github/workflows', name), 'utf8');
      expect(quietly(() => validateWorkflow(text)).errors, name).toEqual([]);
      const workflow = parse(text) as Workflow;
      for (const job of Object.values(workflow.jobs)) {
        const runsTool = job.steps.some((s) => /\brouting-gitops /.test(s.run ?? ''));
        const action = job.steps.filter((s) => s.uses === `${repository}@v${version}`);
        expect(action, name).toHaveLength(runsTool ? 1 : 0);
      }
      const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
      // once per job (apply.yml has a job for real applies and one for dry runs)
      expect(steps.filter((s) => s.uses === `${repository}@v${version}`)).toHaveLength(
        Object.keys(workflow.jobs).length,
      );
      for (const s of steps) {
        expect(s.run ?? '', name).not.toMatch(/npm ci|npx |npm run|npm test/);
        expect(s.uses ?? '', name).not.toMatch(/setup-node|^\.\/?$/);
      }
    }
    const pr = await readFile(path.join(dir, '.github/workflows/pull-request.yml'), 'utf8');
    expect(pr).toContain('run: routing-gitops validate --offline');
    // the project's own workflows use `uses: ./`; none is left in a config repository
    const project = await readFile(path.join(ROOT, '.github/workflows/plan.yml'), 'utf8');
    expect(project).toMatch(/^\s+- uses: \.\/ /m);
    expect(pr).not.toMatch(/uses: \.\//);
    expect(pr).toContain(
      `- uses: ${repository}@v${version} # routing-gitops v${version}, written by routing-gitops init`,
    );
    // and every command line in them still parses with this version's CLI
    const calls = workflowInvocations(path.join(dir, '.github/workflows'));
    expect(new Set(calls.map((c) => c.args[0]))).toEqual(new Set(['plan', 'apply', 'validate']));
    for (const call of calls)
      expect(problemWith(call.args), `${call.where}: ${call.args.join(' ')}`).toBeUndefined();
  });

  it('keeps everything else of the project workflows: triggers, permissions, secrets, commands', async () => {
    const source = await readFile(path.join(ROOT, '.github/workflows/apply.yml'), 'utf8');
    const adapted = parse(adaptWorkflow('apply.yml', source, PIN)) as Workflow;
    const original = parse(source) as Workflow;
    expect(adapted.on).toEqual(original.on);
    expect(adapted.permissions).toEqual(original.permissions);
    const kept = (w: Workflow) =>
      Object.values(w.jobs)
        .flatMap((j) => j.steps)
        .filter((s) => !/setup-node|acme\/routing-gitops|^\.\/?$/.test(s.uses ?? '') && s.run !== 'npm ci')
        .map((s) => ({ ...s, run: s.run?.replace(/npx routing-gitops/g, 'routing-gitops') }));
    expect(kept(adapted)).toEqual(kept(original));
  });

  it('adapts a workflow that already uses the local action, and refuses one it cannot adapt', () => {
    const local =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./\n        with:\n          command: validate\n';
    expect(adaptWorkflow('x.yml', local, PIN)).toContain(
      '      - uses: acme/routing-gitops@v9.8.7 # routing-gitops v9.8.7, written by routing-gitops init\n        with:\n          command: validate',
    );
    const other =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: cd tool && npm ci\n';
    expect(() => adaptWorkflow('x.yml', other, PIN)).toThrow(
      /cannot adapt the workflow x\.yml for a config repository: line 6 \(- run: cd tool && npm ci\)/,
    );
  });

  it('refuses to overwrite existing files and writes nothing; --force overwrites', async () => {
    await writeFile(path.join(dir, '.gitignore'), 'mine\n');
    const c = capture();
    expect(await main(['init', '--dir', dir], c.io)).toBe(1);
    expect(c.err.join('')).toMatch(
      /already has a file init would write \(\.gitignore\); nothing was written/,
    );
    expect(await readdir(dir)).toEqual(['.gitignore']);
    expect(await main(['init', '--dir', dir, '--force'], capture().io)).toBe(0);
    expect(await readFile(path.join(dir, '.gitignore'), 'utf8')).toContain('.routing-gitops/');
  });
});

describe('action.yml', () => {
  it('is a valid composite action on Node 24 with npm caching and pinned actions', async () => {
    const text = await readFile(path.join(ROOT, 'action.yml'), 'utf8');
    expect(quietly(() => validateAction(text)).errors).toEqual([]);
    const action = parse(text) as {
      inputs: Record<string, { default?: string }>;
      runs: { using: string; steps: (Step & { with?: Record<string, string> })[] };
    };
    expect(action.runs.using).toBe('composite');
    expect(action.inputs['node-version']?.default).toBe('24');
    expect(action.inputs.command?.default).toBe('');
    const uses = action.runs.steps.filter((s) => s.uses).map((s) => s.uses!);
    for (const u of uses) expect(u).toMatch(/@[0-9a-f]{40}$/);
    expect(uses.some((u) => u.startsWith('actions/cache@'))).toBe(true);
    // the command is split by `read -a`, never evaluated by the shell
    expect(text).not.toMatch(/\beval\b/);
    for (const s of action.runs.steps) expect(s.run ?? '').not.toContain('${{');
  });
});

/**
 * The package as an adopter gets it: `npm pack`, installed into an empty folder, run through npx. The one slow
 * test of the adoption path (npm resolves the dependencies, from its cache when it can).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  private?: boolean;
  bin: Record<string, string>;
};

describe('the published package', () => {
  let tmp: string;
  let app: string;
  let files: string[];
  // the installed bin, with npm forbidden to reach the registry: a bare name can only resolve locally
  const npx = (...args: string[]) =>
    run('npx', ['routing-gitops', ...args], {
      cwd: app,
      env: { ...process.env, npm_config_offline: 'true' },
    });
  /** the bin npm linked, without npx's start-up */
  const bin = (...args: string[]) =>
    run(path.join(app, 'node_modules', '.bin', 'routing-gitops'), args, { cwd: app });

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'routing-gitops-pack-'));
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], {
      cwd: ROOT,
    });
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    files = info!.files.map((f) => f.path);
    app = path.join(tmp, 'app');
    await mkdir(app);
    await writeFile(path.join(app, 'package.json'), '{ "private": true }\n');
    await run(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(tmp, info!.filename)],
      { cwd: app },
    );
  }, 180_000);
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('is publishable under a scoped name with the routing-gitops bin', () => {
    expect(pkg.private).toBeUndefined();
    expect(pkg.name).toMatch(/^@[\w-]+\/[\w-]+$/);
    expect(Object.keys(pkg.bin)).toEqual(['routing-gitops']);
  });

  it('ships the CLI, schemas, templates, the workflows init copies and the action; no sources or tests', () => {
    for (const f of [
      'bin/routing-gitops.js',
      'dist/cli/main.js',
      'schemas/settings.schema.json',
      'templates/plan-pr-body.hbs',
      '.github/workflows/plan.yml',
      '.github/workflows/apply.yml',
      'action.yml',
    ]) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => /^(src|test)\//.test(f) || f.endsWith('.map'))).toEqual([]);
  });

  it('runs from an empty folder: npx routing-gitops --help and --version', async () => {
    const help = await npx('--help');
    expect(help.stdout).toMatch(/^Usage: routing-gitops/);
    expect(help.stdout).toMatch(/\binit\b/);
    const version = await bin('--version');
    expect(version.stdout.trim()).toBe(pkg.version);
  });

  it('scaffolds a config repository that validates offline', async () => {
    const repo = path.join(tmp, 'config');
    await bin('init', '--dir', repo);
    const workflow = await readFile(path.join(repo, '.github/workflows/plan.yml'), 'utf8');
    expect(workflow).toContain(`@v${pkg.version}`);
    const validate = await bin('validate', '--offline', '--dir', path.join(repo, 'desired-state'));
    expect(validate.stdout).toMatch(/desired-state: valid/);
  });
});

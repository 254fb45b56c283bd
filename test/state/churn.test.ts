import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadValidateAndDiff } from '../../src/apply/prepare.js';
import { main } from '../../src/cli/main.js';
import { formatProblem } from '../../src/errors.js';
import { checkWeightsTable, inactiveProfileRemovals } from '../../src/state/index.js';
import { exampleOrg, FakeGenesysPort } from './fake-port.js';
import type { FakeOrg } from './fake-port.js';
import { build, PROFILES, SETTINGS, WEIGHTS, withTempDir } from './helpers.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../fixtures/desired-state/example');

/** The example org with Erin deactivated (and a look-alike active colleague a "did you mean" would pick). */
function churnedOrg(): FakeOrg {
  const org = exampleOrg();
  org.users = org.users.filter((u) => u.email !== 'erin@example.com');
  org.users.push({ id: 'u8', name: 'Erik', email: 'erik@example.com', skills: [] });
  org.inactiveUsers = [{ id: 'u5', name: 'Erin', email: 'erin@example.com', state: 'inactive' }];
  return org;
}

async function validate(tmp: string, org: FakeOrg) {
  const out: string[] = [];
  const code = await main(['validate'], {
    stdout: (t) => out.push(t),
    stderr: (t) => out.push(t),
    cwd: tmp,
    env: { GENESYSCLOUD_OAUTHCLIENT_ID: 'id' },
    genesys: () => Promise.resolve(new FakeGenesysPort(org)),
  });
  return { code, out: out.join('') };
}

describe('churn: users deactivated, skills and queues deleted in the org', () => {
  it('an inactive user in git is skipped with a warning, never matched to a look-alike', async () => {
    await withTempDir(async (tmp) => {
      await cp(EXAMPLE, path.join(tmp, 'desired-state'), { recursive: true });
      const result = await validate(tmp, churnedOrg());
      expect(result.code).toBe(0);
      expect(result.out).not.toContain('did you mean');
      expect(result.out).toContain(
        'desired-state/routing-profiles/sales.yaml:7:3: warning: erin@example.com is inactive (deactivated) in Genesys Cloud: skipped, nothing is written for this user; remove the entry (the next plan proposes it)',
      );
      expect(result.out).toContain('desired-state: valid, 5 users, 2 queues, 4 weights, 1 warning;');
    });
  });

  it('diff and apply go on for everyone else; the planner gets the entries to remove', async () => {
    await withTempDir(async (tmp) => {
      const dir = path.join(tmp, 'desired-state');
      await cp(EXAMPLE, dir, { recursive: true });
      const file = path.join(dir, 'routing-profiles/sales.yaml');
      await writeFile(file, (await readFile(file, 'utf8')).replace('Sales: 5', 'Sales: 4'));
      const port = new FakeGenesysPort(churnedOrg());
      const prepared = await loadValidateAndDiff(dir, () => Promise.resolve(port));
      expect(prepared.warnings.map(formatProblem)).toEqual([
        `${dir}/routing-profiles/sales.yaml:7:3: erin@example.com is inactive (deactivated) in Genesys Cloud: skipped, nothing is written for this user; remove the entry (the next plan proposes it)`,
      ]);
      const emails = prepared.changes.flatMap((c) => (c.kind === 'user-skills' ? [c.target.email] : []));
      expect(emails).toContain('dave@example.com');
      expect(emails).not.toContain('erin@example.com');
      expect(inactiveProfileRemovals(prepared.desired, prepared.inactive)).toEqual({
        'erin@example.com': null,
      });
    });
  });

  it('the inactive list is read only when git names someone the active list lacks', async () => {
    await withTempDir(async (tmp) => {
      const dir = path.join(tmp, 'desired-state');
      await cp(EXAMPLE, dir, { recursive: true });
      const port = new FakeGenesysPort(exampleOrg());
      await loadValidateAndDiff(dir, () => Promise.resolve(port));
      expect(port.calls.listInactiveUsers).toBeUndefined();
    });
  });

  it('a skill deleted in the org is one error at its first use, naming every other line', async () => {
    await withTempDir(async (tmp) => {
      await cp(EXAMPLE, path.join(tmp, 'desired-state'), { recursive: true });
      const org = exampleOrg();
      org.skills = org.skills.filter((s) => s.name !== 'Sales');
      const result = await validate(tmp, org);
      expect(result.code).toBe(1);
      expect(result.out.split('\n').filter((l) => l.includes('"Sales"'))).toEqual([
        'desired-state/routing-profiles/sales.yaml:6:15: unknown skill "Sales" (not in the org: deleted or renamed there, or in a division this OAuth client\'s role does not cover?); also used at desired-state/routing-profiles/sales.yaml:8, desired-state/rule-weights.yaml:7; change or remove it in every place',
      ]);
    });
  });
});

describe('the weights data table: exists, has an integer weight column, fits Architect limits', () => {
  const state = (weights: string, settings = '') =>
    build({
      'rule-weights.yaml': `${WEIGHTS}queues:\n${weights}`,
      'settings.yaml': `${SETTINGS}weightsTable: Weights\n${settings}`,
      'routing-profiles/a.yaml': `${PROFILES}profiles: {}\n`,
    }).value!;
  const table = { found: true, keys: [] as string[], queues: ['Support', 'Sales'] };
  const check = (s: ReturnType<typeof state>, t: Parameters<typeof checkWeightsTable>[1]) =>
    checkWeightsTable(s, t).map(formatProblem);

  it('a missing table is one actionable error at weightsTable', () => {
    expect(check(state('  Support: {Billing: 80}\n'), { ...table, found: false })).toEqual([
      'ds/settings.yaml:3:15: data table "Weights" not found in the org, so the weights in git have nowhere to go: create it in Architect (Data Tables) with an integer column "weight" (see the README, "Architect flow"), or set weightsTable in settings.yaml to the name of the table you use',
    ]);
    const noWeights = { ...state('  Support: {Billing: 80}\n'), weights: {} };
    expect(check(noWeights, { ...table, found: false })).toEqual([]);
  });

  it.each([
    ['no weight column', { properties: { key: { type: 'string' } } }, 'has no column "weight"'],
    [
      'a string weight column',
      { properties: { weight: { type: 'string' } } },
      'a column "weight" of type string',
    ],
  ])('%s is an error', (_name, schema, text) => {
    const problems = check(state('  Support: {Billing: 80}\n'), { ...table, schema });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(text);
  });

  it('an integer weight column passes', () => {
    const schema = { properties: { key: { type: 'string' }, weight: { type: 'integer' } } };
    expect(check(state('  Support: {Billing: 80}\n'), { ...table, schema })).toEqual([]);
  });

  it('keys over 256 characters are refused at the weight', () => {
    const skill = 'S'.repeat(250);
    expect(check(state(`  Support: {${skill}: 80}\n`), table)).toEqual([
      'ds/rule-weights.yaml:4:13: the data-table key "queue|skill" would be 258 characters; Architect keys hold at most 256: use a shorter queue or skill name',
    ]);
  });

  it("more than 5,000 rows after apply is refused, counting other queues' rows", () => {
    const skills = Array.from({ length: 100 }, (_, i) => `S${i}: 50`).join(', ');
    const queues = Array.from({ length: 49 }, (_, i) => `  Q${i}: {${skills}}\n`).join('');
    const others = Array.from({ length: 101 }, (_, i) => `Other|S${i}`);
    const ok = check(state(queues), { ...table, keys: others.slice(0, 100), queues: ['Other'] });
    expect(ok).toEqual([]);
    expect(check(state(queues), { ...table, keys: others, queues: ['Other'] })).toEqual([
      'ds/rule-weights.yaml:4:3: after apply the data table "Weights" would hold 5001 rows (4900 weights in git, 101 other rows); Architect data tables hold at most 5000: weigh fewer queue|skill pairs',
    ]);
  });

  it('validate reports a missing table instead of apply failing halfway', async () => {
    await withTempDir(async (tmp) => {
      await cp(EXAMPLE, path.join(tmp, 'desired-state'), { recursive: true });
      const org = exampleOrg();
      org.tables = [];
      const result = await validate(tmp, org);
      expect(result.code).toBe(1);
      expect(result.out).toMatch(/: data table "Routing Skill Weights" not found in the org/);
    });
  });
});

import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { diff } from '../../src/apply/diff.js';
import { exportDesiredState } from '../../src/state/export-dir.js';
import { loadDesiredState } from '../../src/state/load.js';
import { checkReferences } from '../../src/state/references.js';
import { exampleOrg, FakeGenesysPort } from './fake-port.js';
import type { FakeOrg } from './fake-port.js';
import { withTempDir } from './helpers.js';

/** What the org holds for the users and weights export writes: email → skill → proficiency. */
function liveSkills(org: FakeOrg, emails: readonly string[]) {
  return Object.fromEntries(
    org.users
      .filter((u) => emails.includes(u.email.toLowerCase()))
      .map((u) => [u.email.toLowerCase(), Object.fromEntries(u.skills.map((s) => [s.name, s.proficiency]))]),
  );
}

function liveWeights(org: FakeOrg) {
  const out: Record<string, Record<string, number>> = {};
  for (const row of org.tables[0]!.rows) {
    const [queue, skill] = row.key.split('|') as [string, string];
    (out[queue] ??= {})[skill] = row.weight as number;
  }
  return out;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('export', () => {
  it('writes one file per primary queue and loads back to exactly the live skills and weights', async () => {
    await withTempDir(async (tmp) => {
      const org = exampleOrg();
      const port = new FakeGenesysPort(org);
      const out = path.join(tmp, 'desired-state');
      const result = await exportDesiredState(port, out);
      expect(await listFiles(out)).toEqual([
        'routing-profiles/sales.yaml',
        'routing-profiles/support.yaml',
        'routing-profiles/unassigned.yaml',
        'rule-weights.yaml',
        'schemas/routing-profiles.schema.json',
        'schemas/rule-weights.schema.json',
        'schemas/settings.schema.json',
        'settings.yaml',
      ]);
      expect(result.counts).toEqual({ users: 6, profileFiles: 3, queues: 2, weights: 4 });
      expect(result.warnings).toEqual([]);
      expect(await readFile(path.join(out, 'routing-profiles/sales.yaml'), 'utf8')).toMatchInlineSnapshot(`
        "# yaml-language-server: $schema=../schemas/routing-profiles.schema.json
        # Team: users whose primary queue is Sales.
        apiVersion: routing-gitops/v1
        kind: RoutingProfiles
        profiles:
          dave@example.com:
            skills: { Billing: 1, Retention: 3, Sales: 5 }
          erin@example.com:
            skills: { Sales: 2.5 }
        "
      `);

      const loaded = await loadDesiredState(out);
      expect(loaded.errors).toEqual([]);
      expect(loaded.warnings).toEqual([]);
      const state = loaded.value!;
      const emails = state.profiles.map((p) => p.email);
      expect(emails.sort()).toEqual([
        'alice@example.com',
        'bob.jones@example.com',
        'carol@example.com',
        'dave@example.com',
        'erin@example.com',
        'frank@example.com',
      ]);
      expect(Object.fromEntries(state.profiles.map((p) => [p.email, p.skills]))).toEqual(
        liveSkills(org, emails),
      );
      expect(state.weights).toEqual(liveWeights(org));
      expect(state.settings.weightsTable).toBe('Routing Skill Weights');
      expect(checkReferences(state, org)).toEqual([]);
      const table = org.tables[0]!;
      const rows = table.rows.map((r) => ({ key: r.key, weight: r.weight as number }));
      const live = { ...org, weights: { tableId: table.id, tableName: table.name, rows } };
      expect(diff(state, live)).toEqual([]);
      expect(port.calls).toEqual({
        listUsers: 1,
        listSkills: 1,
        listQueues: 1,
        findDataTable: 1,
        listDataTableRows: 1,
        listQueueMembers: 3,
      });
    });
  });

  it('exporting twice gives the same bytes; --force is needed to replace, settings.yaml is kept', async () => {
    await withTempDir(async (tmp) => {
      const port = new FakeGenesysPort(exampleOrg());
      const out = path.join(tmp, 'ds');
      await exportDesiredState(port, out);
      const first = await readFile(path.join(out, 'routing-profiles/support.yaml'), 'utf8');
      await expect(exportDesiredState(port, out)).rejects.toBeInstanceOf(ConfigError);
      await writeFile(
        path.join(out, 'settings.yaml'),
        (await readFile(path.join(out, 'settings.yaml'), 'utf8')) + '# mine\n',
      );
      await writeFile(path.join(out, 'routing-profiles/stale.yaml'), 'apiVersion: routing-gitops/v1\n');
      await exportDesiredState(port, out, { force: true });
      expect(await readFile(path.join(out, 'routing-profiles/support.yaml'), 'utf8')).toBe(first);
      expect(await readFile(path.join(out, 'settings.yaml'), 'utf8')).toMatch(/# mine\n$/);
      expect((await listFiles(out)).filter((f) => f.startsWith('routing-profiles/'))).not.toContain(
        'routing-profiles/stale.yaml',
      );
      expect((await loadDesiredState(out)).errors).toEqual([]);
    });
  });

  it('refers to the repository schemas/ when the out dir sits beside it, and groups into all.yaml on request', async () => {
    await withTempDir(async (repo) => {
      await mkdir(path.join(repo, 'schemas'));
      await writeFile(path.join(repo, 'schemas/routing-profiles.schema.json'), '{}');
      const out = path.join(repo, 'desired-state');
      await exportDesiredState(new FakeGenesysPort(exampleOrg()), out, { groupBy: 'none' });
      expect(await listFiles(out)).toEqual([
        'routing-profiles/all.yaml',
        'rule-weights.yaml',
        'settings.yaml',
      ]);
      const all = await readFile(path.join(out, 'routing-profiles/all.yaml'), 'utf8');
      expect(all.split('\n')[0]).toBe(
        '# yaml-language-server: $schema=../../schemas/routing-profiles.schema.json',
      );
      expect((await readFile(path.join(out, 'rule-weights.yaml'), 'utf8')).split('\n')[0]).toBe(
        '# yaml-language-server: $schema=../schemas/rule-weights.schema.json',
      );
      const emails = (await loadDesiredState(out)).value?.profiles.map((p) => p.email);
      expect(emails).toEqual([
        'alice@example.com',
        'bob.jones@example.com',
        'dave@example.com',
        'erin@example.com',
        'frank@example.com',
      ]);
    });
  });

  it('skips with a warning what desired state cannot hold, so the export always validates', async () => {
    await withTempDir(async (tmp) => {
      const org = exampleOrg();
      org.users.push(
        { id: 'u8', name: 'No Mail', email: '', skills: [{ id: 's1', name: 'Billing', proficiency: 2 }] },
        { id: 'u9', name: 'Twin', email: 'ALICE@example.com', skills: [] },
        {
          id: 'u10',
          name: 'Odd',
          email: 'odd@example.com',
          skills: [{ id: 's1', name: 'Billing', proficiency: 7 }],
        },
      );
      org.members.q1!.push('u10');
      org.tables[0]!.rows.push(
        { key: 'Support', weight: 5 },
        { key: 'Support|Billing|x', weight: 5 },
        { key: 'Gone|Billing', weight: 5 },
        { key: 'Support|Spanish', weight: 0 },
        { key: 'Sales|Billing', weight: '50' },
      );
      const out = path.join(tmp, 'ds');
      const result = await exportDesiredState(new FakeGenesysPort(org), out);
      expect(result.warnings).toMatchInlineSnapshot(`
        [
          "weights row "Support": key is not "queue|skill"; skipped (rows not exported are never changed)",
          "weights row "Support|Billing|x": key is not "queue|skill"; skipped (rows not exported are never changed)",
          "weights row "Gone|Billing": queue "Gone" does not exist; skipped (rows not exported are never changed)",
          "weights row "Support|Spanish": weight 0 is not an integer 1–100; skipped (rows not exported are never changed)",
          "weights row "Sales|Billing": weight "50" is not an integer 1–100; skipped (rows not exported are never changed)",
          "odd@example.com: left out (never touched by apply): skill "Billing" with proficiency 7 cannot be written in desired state (a name with "|" or a control character, or a proficiency outside 0–5); fix it in Genesys Cloud to manage this user from git",
          "user u8 (No Mail) has no usable email ""; skipped",
          "user u9 shares the email alice@example.com with another user; skipped",
        ]
      `);
      const loaded = await loadDesiredState(out);
      expect(loaded.errors).toEqual([]);
      expect(loaded.value?.weights).toEqual(liveWeights(exampleOrg()));
      expect(loaded.value?.profiles.find((p) => p.email === 'odd@example.com')).toBeUndefined();
    });
  });

  it('a missing weights table exports empty weights with a warning', async () => {
    await withTempDir(async (tmp) => {
      const org = exampleOrg();
      const result = await exportDesiredState(new FakeGenesysPort(org), path.join(tmp, 'ds'), {
        weightsTable: 'Other',
      });
      expect(result.warnings).toEqual(['data table "Other" not found: rule-weights.yaml has no queues']);
      const loaded = await loadDesiredState(path.join(tmp, 'ds'));
      expect(loaded.value?.weights).toEqual({});
      expect(loaded.value?.settings.weightsTable).toBe('Other');
    });
  });
});

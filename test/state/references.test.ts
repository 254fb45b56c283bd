import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { loadDesiredState } from '../../src/state/load.js';
import { checkReferences } from '../../src/state/references.js';
import { exampleOrg } from './fake-port.js';
import { build, PROFILES, SETTINGS, WEIGHTS } from './helpers.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../fixtures/desired-state/example');

function live() {
  const org = exampleOrg();
  return { users: org.users, skills: org.skills, queues: org.queues, wrapupCodes: org.wrapupCodes };
}

describe('checkReferences', () => {
  it('finds nothing wrong with the example against the org it describes', async () => {
    const loaded = await loadDesiredState(EXAMPLE);
    expect(checkReferences(loaded.value!, live())).toEqual([]);
  });

  it('names every unknown user, skill, queue and wrap-up code at its position, with suggestions', () => {
    const result = build({
      'routing-profiles/team.yaml': `${PROFILES}profiles:
  alice@example.com:
    skills: {Biling: 4, billing: 1, Technical Support: 5, Knitting: 2}
  alice@exmaple.com:
    skills: {}
  nobody@elsewhere.org:
    skills: {Sales: 1}
`,
      'rule-weights.yaml': `${WEIGHTS}queues:
  Suport: {Billing: 10}
  Sales:
    Sale: 20
`,
      'settings.yaml': `${SETTINGS}guardrails:
  protectedUsers: [dave@example.com, dav@example.com]
wrapupSkills:
  Billing question: Billing
  Biling question: Retention
  Complaint: Complaints
`,
    });
    expect(result.errors).toEqual([]);
    const problems = checkReferences(result.value!, live()).map(formatProblem);
    expect(problems).toMatchInlineSnapshot(`
      [
        "ds/routing-profiles/team.yaml:5:14: unknown skill "Biling" (did you mean "Billing"?)",
        "ds/routing-profiles/team.yaml:5:25: unknown skill "billing" (did you mean "Billing"?)",
        "ds/routing-profiles/team.yaml:5:59: unknown skill "Knitting" (not in the org: deleted or renamed there, or in a division this OAuth client's role does not cover?)",
        "ds/routing-profiles/team.yaml:6:3: unknown user alice@exmaple.com: no Genesys Cloud user has this email (deleted, or in a division this OAuth client's role does not cover?) (did you mean "alice@example.com"?)",
        "ds/routing-profiles/team.yaml:8:3: unknown user nobody@elsewhere.org: no Genesys Cloud user has this email (deleted, or in a division this OAuth client's role does not cover?)",
        "ds/rule-weights.yaml:4:3: queue "Suport" not found (did you mean "Support"?)",
        "ds/rule-weights.yaml:6:5: unknown skill "Sale" (did you mean "Sales"?)",
        "ds/settings.yaml:4:38: protected user dav@example.com is not a Genesys Cloud user (a typo leaves the intended user unprotected)",
        "ds/settings.yaml:7:20: unknown wrap-up code "Biling question" (did you mean "Billing question"?)",
        "ds/settings.yaml:8:14: unknown wrap-up code "Complaint"",
        "ds/settings.yaml:8:14: unknown skill "Complaints" (not in the org: deleted or renamed there, or in a division this OAuth client's role does not cover?)",
      ]
    `);
  });

  it('checks wrap-up codes only when the org’s codes are given', () => {
    const result = build({ 'settings.yaml': `${SETTINGS}wrapupSkills: {Unknown code: Billing}\n` });
    const withoutCodes = { ...live(), wrapupCodes: undefined };
    expect(checkReferences(result.value!, withoutCodes)).toEqual([]);
    expect(checkReferences(result.value!, live()).map((p) => p.message)).toEqual([
      'unknown wrap-up code "Unknown code"',
    ]);
  });

  it('works on state built in code (no positions): problems point at the user or settings', () => {
    const state = {
      dir: '/repo/desired-state',
      profiles: [
        {
          email: 'ghost@example.com',
          skills: { Magic: 1 },
          ownership: 'authoritative' as const,
          source: { file: 'routing-profiles/a.yaml', line: 3, col: 3 },
        },
      ],
      weights: {},
      weightsSource: {},
      settings: build({}).value!.settings,
    };
    expect(checkReferences(state, live()).map(formatProblem)).toEqual([
      "/repo/desired-state/routing-profiles/a.yaml:3:3: unknown user ghost@example.com: no Genesys Cloud user has this email (deleted, or in a division this OAuth client's role does not cover?)",
      '/repo/desired-state/routing-profiles/a.yaml:3:3: unknown skill "Magic" (not in the org: deleted or renamed there, or in a division this OAuth client\'s role does not cover?)',
    ]);
  });
});

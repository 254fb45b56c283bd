import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/state/defaults.js';
import { loadDesiredState } from '../../src/state/load.js';
import { build, PROFILES, SETTINGS, WEIGHTS, withTempDir } from './helpers.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/desired-state');

describe('loadDesiredState', () => {
  it('loads the example: emails lower-cased, ownership by user, then file, then default; settings merged with defaults', async () => {
    const { value, errors, warnings } = await loadDesiredState('example', { cwd: FIXTURES });
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(value?.dir).toBe(path.join(FIXTURES, 'example'));
    expect(value?.displayDir).toBe('example');
    expect(
      value?.profiles.map((p) => [p.email, p.ownership, `${p.source.file}:${p.source.line}:${p.source.col}`]),
    ).toEqual([
      ['dave@example.com', 'additive', 'routing-profiles/sales.yaml:5:3'],
      ['erin@example.com', 'additive', 'routing-profiles/sales.yaml:7:3'],
      ['alice@example.com', 'authoritative', 'routing-profiles/support.yaml:6:3'],
      ['bob.jones@example.com', 'authoritative', 'routing-profiles/support.yaml:8:3'],
      ['carol@example.com', 'additive', 'routing-profiles/support.yaml:12:3'],
    ]);
    expect(value?.profiles[3]?.skills).toEqual({ 'Technical Support': 3.5, Spanish: 2 });
    expect(value?.profiles[3]?.skillSources?.Spanish).toEqual({
      file: 'routing-profiles/support.yaml',
      line: 11,
      col: 7,
    });
    expect(value?.weights).toEqual({
      Support: { Billing: 80, 'Technical Support': 100 },
      Sales: { Sales: 90, Retention: 40 },
    });
    expect(value?.weightsSource.Sales).toEqual({ file: 'rule-weights.yaml', line: 6, col: 3 });
    expect(value?.weightSources?.['Sales|Retention']).toEqual({ file: 'rule-weights.yaml', line: 8, col: 5 });
    const expected = defaultSettings();
    expected.ownership = {
      default: 'authoritative',
      files: { 'routing-profiles/sales.yaml': 'additive' },
      users: { 'carol@example.com': 'additive' },
      onRelease: 'restore',
    };
    expected.guardrails.maxChangesPerRun = 200;
    expected.guardrails.protectedUsers = ['dave@example.com'];
    expected.guardrails.window = {
      start: '22:00',
      end: '06:00',
      timeZone: 'Europe/London',
      days: [1, 2, 3, 4, 5],
    };
    expected.planner.policy = 'answer-rate';
    expected.planner.weights = { volume: 0.5, wait: 0.5, hysteresis: 5 };
    expected.wrapupSkills = { 'Billing question': 'Billing' };
    expect(value?.settings).toEqual(expected);
    expect(value?.settingsSources?.['/wrapupSkills/Billing question']).toEqual({
      file: 'settings.yaml',
      line: 19,
      col: 21,
    });
  });

  it('without settings.yaml every documented default applies', async () => {
    const { value } = await loadDesiredState(path.join(FIXTURES, 'minimal'));
    expect(value?.settings).toEqual(defaultSettings());
    expect(value?.settings.weightsTable).toBe('Routing Skill Weights');
    expect(value?.settings.planner.answerRate).toEqual({
      removeBelow: 0.3,
      removeMinHandled: 10,
      addAbove: 0.85,
      addMinOffered: 100,
    });
  });

  it('an empty directory is valid, with a warning that nothing is there', async () => {
    expect(build({})).toEqual({
      value: expect.objectContaining({ profiles: [], weights: {} }),
      errors: [],
      warnings: [],
    });
    await withTempDir(async (dir) => {
      const result = await loadDesiredState(dir, { displayDir: 'ds' });
      expect(result.errors).toEqual([]);
      expect(result.warnings.map((w) => w.message)).toEqual([
        'no desired-state files found (desired state is routing-profiles/*.yaml, rule-weights.yaml and settings.yaml)',
      ]);
    });
  });

  it('settings emails are lower-cased; .yml works; rule-weights may be split across files', () => {
    const result = build({
      'settings.yml': `${SETTINGS}ownership:\n  users: {Bob@X.io: additive}\nguardrails:\n  protectedUsers: [Ann@X.io]\n`,
      'routing-profiles/team.yml': `${PROFILES}profiles:\n  bob@x.io: {skills: {A: 1}}\n`,
      'rule-weights.yaml': `${WEIGHTS}queues:\n  One: {A: 1}\n`,
      'rule-weights/more.yaml': `${WEIGHTS}queues:\n  Two: {A: 100}\n`,
    });
    expect(result.errors).toEqual([]);
    expect(result.value?.settings.ownership.users).toEqual({ 'bob@x.io': 'additive' });
    expect(result.value?.settings.guardrails.protectedUsers).toEqual(['ann@x.io']);
    expect(result.value?.profiles[0]?.ownership).toBe('additive');
    expect(result.value?.weights).toEqual({ One: { A: 1 }, Two: { A: 100 } });
    expect(result.value?.weightsSource.Two?.file).toBe('rule-weights/more.yaml');
  });

  it('names like __proto__ and constructor are ordinary keys', () => {
    const result = build({
      'routing-profiles/a.yaml': `${PROFILES}profiles:\n  a@x.io: {skills: {__proto__: 1, constructor: 2}}\n`,
      'rule-weights.yaml': `${WEIGHTS}queues:\n  __proto__: {toString: 3}\n`,
    });
    expect(result.errors).toEqual([]);
    expect(Object.keys(result.value!.profiles[0]!.skills)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(result.value!.profiles[0]!.skills)).toBe(Object.prototype);
    expect(Object.entries(result.value!.weights)).toEqual([['__proto__', { toString: 3 }]]);
  });
});

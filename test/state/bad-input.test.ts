import { describe, expect, it } from 'vitest';
import { PROFILES, SETTINGS, table, WEIGHTS } from './helpers.js';

const A = 'routing-profiles/a.yaml';
const user = (skills: string) => `${PROFILES}profiles:\n  alice@example.com:\n    skills: ${skills}\n`;

describe('bad input: every problem at its file:line:col', () => {
  it('YAML syntax and constructs we refuse', () => {
    expect(
      table({
        'unclosed flow map': { [A]: user('{Billing: 4') },
        'duplicate user': { [A]: `${PROFILES}profiles:\n  a@x.io: {skills: {}}\n  a@x.io: {skills: {}}\n` },
        'duplicate skill': { [A]: user('{Billing: 4, Billing: 3}') },
        'two documents': { [A]: `${user('{}')}---\n${user('{}')}` },
        'js function tag': { [A]: user('{Billing: !!js/function "function () {}"}') },
        'local tag': { [A]: `${PROFILES}profiles: !custom\n  a@x.io: {skills: {}}\n` },
        'anchor and alias': {
          [A]: `${PROFILES}profiles:\n  a@x.io: &s {skills: {Billing: 1}}\n  b@x.io: *s\n`,
        },
        'non-string key': { [A]: user('{true: 4, ? [x]: 1}') },
        'empty file': { [A]: '# nothing yet\n' },
        'tab indentation': { [A]: `${PROFILES}profiles:\n\ta@x.io: {skills: {}}\n` },
      }),
    ).toMatchInlineSnapshot(`
      "unclosed flow map:
        ds/routing-profiles/a.yaml:6:1: YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }
      duplicate user:
        ds/routing-profiles/a.yaml:5:3: duplicate key "a@x.io"; each key may appear once in a map
      duplicate skill:
        ds/routing-profiles/a.yaml:5:26: duplicate key "Billing"; each key may appear once in a map
      two documents:
        ds/routing-profiles/a.yaml:6:1: expected one YAML document per file, found 2
      js function tag:
        ds/routing-profiles/a.yaml:5:37: tags (!!js/function) are not allowed in desired state; write a plain value
      local tag:
        ds/routing-profiles/a.yaml:4:3: tags (!custom) are not allowed in desired state; write a plain value
      anchor and alias:
        ds/routing-profiles/a.yaml:5:11: aliases (*s) are not allowed in desired state; write the value out
      non-string key:
        ds/routing-profiles/a.yaml:5:14: keys must be plain strings
        ds/routing-profiles/a.yaml:5:25: keys must be plain strings
      empty file:
        ds/routing-profiles/a.yaml:1:1: empty file; ignored [warning]
      tab indentation:
        ds/routing-profiles/a.yaml:4:1: YAML syntax error: tab in indentation; indent with spaces"
    `);
  });

  it('schema: fields, types and ranges', () => {
    expect(
      table({
        'missing kind': { [A]: 'apiVersion: routing-gitops/v1\nprofiles: {}\n' },
        'future apiVersion': { [A]: 'apiVersion: routing-gitops/v2\nkind: RoutingProfiles\nprofiles: {}\n' },
        'kind in the wrong place': { [A]: `${WEIGHTS}queues: {}\n` },
        'typo at top level': { [A]: `${PROFILES}profile: {}\n` },
        'typo in a user': { [A]: `${PROFILES}profiles:\n  a@x.io:\n    skils: {Billing: 4}\n` },
        'not an email': { [A]: `${PROFILES}profiles:\n  alice: {skills: {}}\n` },
        'proficiency out of range': { [A]: user('{Billing: 7, Sales: -1, Spanish: 5.01}') },
        'proficiency not a number': { [A]: user('{Billing: four, Sales: "3", Spanish: [1]}') },
        'proficiency missing': { [A]: `${PROFILES}profiles:\n  a@x.io:\n    skills:\n      Billing:\n` },
        'skills missing': { [A]: `${PROFILES}profiles:\n  a@x.io: {}\n` },
        'skill name with a pipe': { [A]: user('{"Billing|Sales": 4}') },
        'profiles as a list': { [A]: `${PROFILES}profiles:\n  - a@x.io\n` },
        'weights out of range': {
          'rule-weights.yaml': `${WEIGHTS}queues:\n  Support: {Billing: 0, Sales: 150, Spanish: 50.5, Retention: high}\n`,
        },
        'root not a map': { [A]: '- just\n- a list\n' },
      }),
    ).toMatchInlineSnapshot(`
      "missing kind:
        ds/routing-profiles/a.yaml:1:1: missing required field "kind"
      future apiVersion:
        ds/routing-profiles/a.yaml:1:13: unsupported apiVersion "routing-gitops/v2"; this version of routing-gitops reads "routing-gitops/v1"
      kind in the wrong place:
        ds/routing-profiles/a.yaml:1:1: missing required field "profiles"
        ds/routing-profiles/a.yaml:2:7: kind must be "RoutingProfiles", got "RuleWeights"
        ds/routing-profiles/a.yaml:3:1: unknown field "queues"
      typo at top level:
        ds/routing-profiles/a.yaml:1:1: missing required field "profiles"
        ds/routing-profiles/a.yaml:3:1: unknown field "profile" (did you mean "profiles"?)
      typo in a user:
        ds/routing-profiles/a.yaml:4:3: a@x.io: missing required field "skills"
        ds/routing-profiles/a.yaml:5:5: unknown field "skils" (did you mean "skills"?)
      not an email:
        ds/routing-profiles/a.yaml:4:3: "alice" is not a valid email address
      proficiency out of range:
        ds/routing-profiles/a.yaml:5:23: Billing must be a number from 0 to 5, got 7
        ds/routing-profiles/a.yaml:5:33: Sales must be a number from 0 to 5, got -1
        ds/routing-profiles/a.yaml:5:46: Spanish must be a number from 0 to 5, got 5.01
      proficiency not a number:
        ds/routing-profiles/a.yaml:5:23: Billing must be a number from 0 to 5, got "four"
        ds/routing-profiles/a.yaml:5:36: Sales must be a number from 0 to 5, got "3"
        ds/routing-profiles/a.yaml:5:50: Spanish must be a number from 0 to 5, got a list
      proficiency missing:
        ds/routing-profiles/a.yaml:6:7: Billing must be a number from 0 to 5, got nothing
      skills missing:
        ds/routing-profiles/a.yaml:4:3: a@x.io: missing required field "skills"
      skill name with a pipe:
        ds/routing-profiles/a.yaml:5:14: "Billing|Sales" is not a valid name (empty, or contains "|" or a control character)
      profiles as a list:
        ds/routing-profiles/a.yaml:4:3: profiles must be a map (key: value), got a list
      weights out of range:
        ds/rule-weights.yaml:4:22: Billing must be an integer from 1 to 100, got 0
        ds/rule-weights.yaml:4:32: Sales must be an integer from 1 to 100, got 150
        ds/rule-weights.yaml:4:46: Spanish must be an integer from 1 to 100, got 50.5
        ds/rule-weights.yaml:4:63: Retention must be an integer from 1 to 100, got "high"
      root not a map:
        ds/routing-profiles/a.yaml:1:1: RoutingProfiles must be a map (key: value), got a list"
    `);
  });

  it('settings', () => {
    const s = (body: string) => ({ 'settings.yaml': `${SETTINGS}${body}` });
    expect(
      table({
        'unknown policy': s('planner:\n  policy: greedy\n'),
        'window time and zone': s(
          'guardrails:\n  window: {start: "25:00", end: "06:00", timeZone: Mars/Olympus}\n',
        ),
        'weekday 8 and duplicates': s(
          'guardrails:\n  window: {start: "22:00", end: "06:00", timeZone: UTC, days: [1, 1, 8]}\n',
        ),
        'protected user twice': s('guardrails:\n  protectedUsers: [a@x.io, b@x.io, a@x.io]\n'),
        'thresholds crossed': s('planner:\n  answerRate: {removeBelow: 0.9, addAbove: 0.5}\n'),
        'unknown field': s('planner:\n  hysteresis: 5\n'),
        'shrinkage too high': s('planner:\n  shrinkage: 1\n'),
        'ownership of a file that is not a profiles file': s(
          'ownership:\n  files: {rule-weights.yaml: additive}\n',
        ),
        'ownership of a missing file and user': s(
          'ownership:\n  files: {routing-profiles/gone.yaml: additive}\n  users: {nobody@x.io: additive}\n',
        ),
        'newUsersFile outside routing-profiles': s('newUsersFile: ../elsewhere.yaml\n'),
        'two settings files': { 'settings.yaml': SETTINGS, 'settings.yml': SETTINGS },
      }),
    ).toMatchInlineSnapshot(`
      "unknown policy:
        ds/settings.yaml:4:11: policy must be one of "staffing", "answer-rate", got "greedy"
      window time and zone:
        ds/settings.yaml:4:19: start must be a time "HH:MM" (24-hour), got "25:00"
        ds/settings.yaml:4:52: timeZone "Mars/Olympus" is not an IANA time zone (e.g. Europe/London)
      weekday 8 and duplicates:
        ds/settings.yaml:4:67: days lists 1 twice
        ds/settings.yaml:4:70: days[2] must be an integer from 1 to 7, got 8
      protected user twice:
        ds/settings.yaml:4:36: protectedUsers lists "a@x.io" twice
      thresholds crossed:
        ds/settings.yaml:4:29: removeBelow (0.9) must be lower than addAbove (0.5)
      unknown field:
        ds/settings.yaml:4:3: unknown field "hysteresis"
      shrinkage too high:
        ds/settings.yaml:4:14: shrinkage must be a number from 0 to 0.95, got 1
      ownership of a file that is not a profiles file:
        ds/settings.yaml:4:11: "rule-weights.yaml" must be a .yaml file under routing-profiles/
      ownership of a missing file and user:
        ds/settings.yaml:4:39: ownership.files names routing-profiles/gone.yaml, which does not exist; write the path of a routing-profiles file relative to the desired-state folder, or remove the entry (a wrong path silently leaves that team under the default ownership)
        ds/settings.yaml:5:24: ownership.users names nobody@x.io, who is not in any routing-profiles file [warning]
      newUsersFile outside routing-profiles:
        ds/settings.yaml:3:15: newUsersFile must be a .yaml file under routing-profiles/, got "../elsewhere.yaml"
      two settings files:
        ds/settings.yml:1:1: settings are already in ds/settings.yaml; keep one settings file"
    `);
  });

  it('rules across files', () => {
    expect(
      table({
        'same user in two files': {
          'routing-profiles/a.yaml': `${PROFILES}profiles:\n  alice@example.com: {skills: {}}\n`,
          'routing-profiles/b.yaml': `${PROFILES}profiles:\n  other@example.com: {skills: {}}\n  Alice@Example.com: {skills: {}}\n`,
        },
        'same user twice by case': {
          [A]: `${PROFILES}profiles:\n  alice@example.com: {skills: {}}\n  ALICE@example.com: {skills: {}}\n`,
        },
        'same queue in two files': {
          'rule-weights.yaml': `${WEIGHTS}queues:\n  Support: {Billing: 10}\n`,
          'rule-weights/more.yaml': `${WEIGHTS}queues:\n  support: {Billing: 20}\n  Support: {Sales: 5}\n`,
        },
        'file in an unknown place': { 'profiles.yaml': `${PROFILES}profiles: {}\n` },
        'several problems in several files at once': {
          [A]: user('{Billing: 9}'),
          'rule-weights.yaml': `${WEIGHTS}queues:\n  Support: {Billing: 101}\n`,
          'settings.yaml': `${SETTINGS}planner: {days: 0}\n`,
        },
      }),
    ).toMatchInlineSnapshot(`
      "same user in two files:
        ds/routing-profiles/b.yaml:5:3: alice@example.com is already listed at ds/routing-profiles/a.yaml:4:3; list each user once
      same user twice by case:
        ds/routing-profiles/a.yaml:5:3: alice@example.com is already listed at ds/routing-profiles/a.yaml:4:3; list each user once
      same queue in two files:
        ds/rule-weights/more.yaml:4:3: queue "support" is already listed as "Support" at ds/rule-weights.yaml:4:3; list each queue once
        ds/rule-weights/more.yaml:5:3: queue "Support" is already listed at ds/rule-weights.yaml:4:3; list each queue once
      file in an unknown place:
        ds/profiles.yaml:1:1: unexpected file: desired state is routing-profiles/*.yaml, rule-weights.yaml and settings.yaml
      several problems in several files at once:
        ds/routing-profiles/a.yaml:5:23: Billing must be a number from 0 to 5, got 9
        ds/rule-weights.yaml:4:22: Billing must be an integer from 1 to 100, got 101
        ds/settings.yaml:3:17: days must be an integer from 1 to 366, got 0"
    `);
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GITHUB_BODY_LIMIT, PlanPrBody } from '../../src/github/plan-pr-body.js';
import { createTemplateSet, DEFAULT_TEMPLATE_DIR } from '../../src/github/templates.js';
import { makeOutcome, queue, recommendation } from './fixtures.js';

const HOSTILE = [
  '| injected | cell |',
  '<img src=x onerror=alert(1)>',
  '=HYPERLINK("https://evil.example","click")',
  'line one\nline two\r\n## heading',
  '[link](javascript:alert(1)) ![img](https://evil.example/x.png)',
  '@everyone #1 **bold** `code` ~~gone~~ $x$',
  '```\n</details><script>alert(1)</script>',
];

function hostileOutcome() {
  const long = `L${'o'.repeat(9_998)}ng`;
  return makeOutcome({
    recommendations: HOSTILE.map((text, i) =>
      recommendation(i, { userName: text, email: `${text}@example.com`, skill: text, reason: text }),
    ).concat([recommendation(99, { userName: long, skill: long, reason: long })]),
    weights: [{ queue: HOSTILE[0]!, skill: HOSTILE[1]!, before: 1, after: 2, reason: HOSTILE[2]! }],
    rejected: HOSTILE.map((text) => ({ subject: text, reason: text })),
    drift: HOSTILE.map((text) => ({ subject: text, detail: text, changedBy: text, changedAt: text })),
    whatIf: {
      answerWithinSeconds: 20,
      serviceLevelTarget: 0.8,
      queues: [...HOSTILE, long].map((name, i) => queue(name, 100 + i, 0.7, 0.8)),
      belowFloor: [{ queue: HOSTILE[1]!, current: 0.7, proposed: 0.6, floor: 0.65 }],
    },
  });
}

/** rows of the markdown tables in `body` must all have the header's column count (unescaped pipes) */
function tableShapes(body: string): string[] {
  const problems: string[] = [];
  let columns = 0;
  for (const line of body.split('\n')) {
    if (!line.startsWith('|')) {
      columns = 0;
      continue;
    }
    const cells = line.replace(/\\\\/g, '').split(/(?<!\\)\|/).length - 2;
    if (columns === 0) columns = cells;
    else if (cells !== columns) problems.push(line.slice(0, 120));
  }
  return problems;
}

describe('PlanPrBody.render', () => {
  it('renders a small plan (snapshot)', () => {
    expect(PlanPrBody.render(makeOutcome({ drift: [] }, 2))).toMatchInlineSnapshot(`
      "<!-- routing-gitops:plan v1 sha256=3bf14ec68a6ce289d288cd62a6ba379fa7e23142f37f7864f0f747c108fea0e8 users=2 skill-changes=2 weights=1 -->
      ## Routing plan: 2 users, 2 skill changes, 1 weight change

      - **Period:** the last 30 days; policy \`staffing\`; times in UTC.
      - **Changes:** 1 skill added, 1 removed, 0 proficiencies changed for 2 users; 1 weight change.
      - **Service level** (answered within 20 s, target 80%, all queues by volume): modelled now 78.6% → with this plan 85.0%.
      - **Not proposed:** 1 recommendation (0 only held back by the per-plan cap, not by a safety rule).

      ### Skill changes by skill

      #### Skill 0: 1 added

      | User | Change | Proficiency | Detail |
      |---|---|---|---|
      | Agent 0 | add | — → 4 | Skill 0: 20 holders, 15 needed at the busiest interval |

      #### Skill 1: 1 removed

      | User | Change | Proficiency | Detail |
      |---|---|---|---|
      | Agent 1 | remove | 3 → — | Skill 1: 21 holders, 16 needed at the busiest interval |

      ### Net result per user

      Skills this plan does not touch are not shown.

      | User | Before | After |
      |---|---|---|
      | Agent 1 (agent1@example.com) | Skill 1 3 | no skills |
      | Agent 0 (agent0@example.com) | — | Skill 0 4 |

      ### Weight changes

      Each weight is the priority the inbound flow gives a conversation for that skill in that queue (1–100, higher is answered first). Effect: the queue's modelled service level now → with this whole plan.

      | Queue | Skill | Weight | Based on | Effect |
      |---|---|---|---|---|
      | Support | Billing | 40 → 80 | volume 0.82, wait 0.64 | 71.0% → 83.0% |

      ### What-if per queue

      Service level = answered within 20 s ÷ offered (target 80%). Modelled: the model of the centre, now → with this plan.

      | Queue | Offered | Service level (modelled) | Mean wait | Abandoned |
      |---|--:|---|---|---|
      | Support | 1,200 | 71.0% → 83.0% | 12 s → 6.8 s | 5.0% → 3.0% |
      | Sales ⚠️ | 800 | 90.0% → 88.0% | 4.0 s → 4.8 s | 5.0% → 3.0% |

      \`\`\`mermaid
      xychart-beta
        title "Service level per queue (%): bars now, line with this plan"
        x-axis ["Support", "Sales"]
        y-axis "Service level (%)" 0 --> 100
        bar [71, 90]
        line [83, 88]
      \`\`\`

      ### Not proposed

      | Reason | Count | For example |
      |---|--:|---|
      | would leave Billing below the need \\(12 &lt; 14\\) | 1 | bob@example.com: remove Billing |

      ### Drift found

      None.

      **Legend.** **a → b**: before → after this plan; **—**: none (skill not held, or no value). ⚠️ the queue's modelled service level is lower with this plan than now. ⛔ projected below the service-level floor in settings.yaml (apply refuses it). ⏭️ held back only by the per-plan cap (\`maxUsersChangedPerPlan\`), not by a safety rule: it comes back in a later plan. **Measured**: from the period's analytics; **modelled**: the planner's simulation of the same period, now and with this plan. **Weight**: the priority (1–100) the inbound Architect flow reads from the data table; **unset (50)**: no row, the flow's default.

      ### Apply, revert, discard

      - **Apply:** merge this pull request. On the push to \`main\` the apply workflow makes Genesys Cloud match \`desired-state/\`, uploads a CSV report and comments the result here.
      - **Revert:** revert the merge commit (\`git revert -m 1 <merge-sha>\`, or the *Revert* button on this pull request) and merge that. The apply workflow then restores the previous routing.
      - **Discard:** close this pull request. Every plan run rebuilds the branch \`routing-gitops/plan\`; do not push to it.

      Plan files on this branch: \`desired-state/plan/what-if.md\` (what-if), \`desired-state/plan/what-if.json\`, \`desired-state/plan/desired-state.diff\` (YAML diff), \`desired-state/plan/changes.json\` (every change).
      "
    `);
  });

  it('says when the model simulated only the most recent days of the period (a large org), and not otherwise', () => {
    const base = makeOutcome();
    const short = PlanPrBody.render({
      ...base,
      whatIf: { ...base.whatIf, simulatedDays: 3, replications: 1 } as typeof base.whatIf,
    });
    expect(short).toContain('The model simulated the most recent 3 days of the 30 days (1 replication)');
    const whole = PlanPrBody.render({
      ...base,
      whatIf: { ...base.whatIf, simulatedDays: 30, replications: 3 } as typeof base.whatIf,
    });
    expect(whole).not.toContain('simulated the most recent');
    expect(PlanPrBody.render(base)).not.toContain('simulated the most recent');
  });

  it('is a pure function of the plan: timestamps and API call counts do not change the body', () => {
    const a = PlanPrBody.render(makeOutcome());
    const b = PlanPrBody.render(makeOutcome({ generatedAt: '2030-01-01T00:00:00Z', apiCalls: 7 }));
    expect(b).toBe(a);
    expect(PlanPrBody.render(makeOutcome({}, 4))).not.toBe(a);
  });

  it('prints hostile org text inert: no HTML, no broken tables, no links, mentions or extra lines', () => {
    const body = PlanPrBody.render(hostileOutcome());
    expect(body).not.toMatch(/<img|<script|<\/details>/);
    expect(body).not.toMatch(/(?<!\\)\[link(?<!\\)\]/);
    const outsideChart = body.replace(/```mermaid[\s\S]*?```/, '');
    expect(outsideChart).not.toMatch(/@everyone/); // mentions are not processed inside the code block
    expect(body).not.toMatch(/^## heading/m);
    expect(body).not.toMatch(/^line two/m);
    expect(body).toContain('=HYPERLINK\\("https&#8203;://evil.example","click"\\)');
    expect(tableShapes(body)).toEqual([]);
    // one mermaid block, closed once, with sanitised labels
    expect(body.match(/```/g)).toHaveLength(2);
    const chart = /```mermaid\n([\s\S]*?)```/.exec(body)![1]!;
    const axis = chart.split('\n').find((l) => l.trim().startsWith('x-axis'))!;
    expect(axis).toMatch(/^ {2}x-axis \[("[^"\n`<>]*", )*"[^"\n`<>]*"\]$/);
    // 10,000-character names are cut
    expect(body).not.toContain('o'.repeat(200));
    expect(body.length).toBeLessThan(GITHUB_BODY_LIMIT);
  });

  it('stays under GitHub’s limit by design with 10,000 changes: the most significant listed, the rest counted', () => {
    const outcome = makeOutcome(
      {
        weights: Array.from({ length: 3_000 }, (_, i) => ({
          queue: `Queue ${i}`,
          skill: `Skill ${i}`,
          before: 10,
          after: 10 + (i % 50),
          reason: `Queue ${i}|Skill ${i}: 3% of volume (120 handled), avg wait 7 s → ${10 + (i % 50)} (was 10)`,
        })),
        rejected: Array.from({ length: 5_000 }, (_, i) => ({
          subject: `agent${i}@example.com: remove Skill 1`,
          reason: `over the cap of 50 users changed per plan (maxUsersChangedPerPlan); Skill 1: agent${i}@example.com handled 3 ${'x'.repeat(250)}`,
        })),
        whatIf: {
          answerWithinSeconds: 20,
          serviceLevelTarget: 0.8,
          queues: Array.from({ length: 500 }, (_, i) => queue(`Queue ${i}`, 1000 - i, 0.7, 0.72)),
          belowFloor: [],
        },
      },
      10_000,
    );
    const body = PlanPrBody.render(outcome);
    expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(body).toContain('## Routing plan: 10,000 users, 10,000 skill changes, 3,000 weight changes');
    expect(body).toContain('> [!NOTE]');
    expect(body).toMatch(/…and [\d,]+ more for this skill, in `desired-state\/plan\/changes.json`/);
    expect(body).toMatch(/…and [\d,]+ more users, in `desired-state\/plan\/changes.json`/);
    expect(body).toContain('#### Skill 0: 477 added, 476 removed, 476 changed');
    // rejections are one row per reason with a count; the cap is told apart from safety rules
    expect(body).toContain(
      '| ⏭️ over the cap of 50 users changed per plan \\(maxUsersChangedPerPlan\\) | 5,000 |',
    );
    expect(body).toContain('5,000 only held back by the per-plan cap, not by a safety rule');
    expect(body).not.toContain('xxxxxxxxxx');
    // the biggest moves first within a skill: an add of 4 before updates of 1
    const firstRow = body.split('\n').find((l) => l.startsWith('| Agent'))!;
    expect(firstRow).toContain('| add | — → 4 |');
    expect(PlanPrBody.parse(body)).toMatchObject({ intact: true, skillChanges: 10_000, weights: 3_000 });
  });

  it('falls back to counts only when even short tables do not fit', () => {
    const body = PlanPrBody.render(makeOutcome({}, 500), { maxLength: 4_000 });
    expect(body.length).toBeLessThanOrEqual(4_000);
    expect(body).not.toContain('### Skill changes');
    expect(body).toContain('| skills added | 167 |');
    expect(body).toContain('### Apply, revert, discard');
  });
});

describe('PlanPrBody.parse', () => {
  it('reads the marker back and notices edits below it', () => {
    const body = PlanPrBody.render(makeOutcome());
    expect(PlanPrBody.parse(body)).toEqual({
      version: 1,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      intact: true,
      users: 3,
      skillChanges: 3,
      weights: 1,
    });
    expect(PlanPrBody.parse(body.replace(/\n/g, '\r\n'))?.intact).toBe(true);
    expect(PlanPrBody.parse(body.replace('Skill 0', 'Skill X'))?.intact).toBe(false);
    expect(PlanPrBody.parse('a body someone wrote')).toBeUndefined();
    expect(PlanPrBody.parse(null)).toBeUndefined();
  });
});

describe('templates', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  function templateDir(files: Record<string, string>): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'rg-templates-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return dir;
  }

  it('never use triple-stash output', () => {
    for (const file of readdirSync(DEFAULT_TEMPLATE_DIR)) {
      expect(readFileSync(path.join(DEFAULT_TEMPLATE_DIR, file), 'utf8')).not.toContain('{{{');
    }
  });

  it('refuse to print org text without an escaping helper', () => {
    const escaped = createTemplateSet(
      templateDir({
        'plan-pr-body.hbs': '{{#each skills.groups}}{{#each rows}}{{md user}};{{/each}}{{/each}}',
      }),
    );
    expect(PlanPrBody.render(makeOutcome({}, 2), { templates: escaped })).toContain('Agent 0;Agent 1;');
    const outcome = makeOutcome();
    for (const source of [
      '{{#each users.rows}}{{user}}{{/each}}',
      '{{#each users.rows}}{{{user}}}{{/each}}',
    ]) {
      const templates = createTemplateSet(templateDir({ 'plan-pr-body.hbs': source }));
      expect(() => PlanPrBody.render(outcome, { templates })).toThrow(/escaping helper/);
    }
  });
});

describe('the plan a reviewer reads in a minute', () => {
  function richOutcome() {
    const support = queue('Support', 1200, 0.71, 0.83);
    support.days = ['2025-02-03', '2025-02-04'].map((date) => ({
      date,
      offered: 600,
      current: support.current,
      proposed: support.proposed,
    }));
    support.worstInterval = {
      start: '2025-02-04T09:30:00Z',
      offered: 44,
      current: { ...support.current, serviceLevel: 0.41 },
      proposed: { ...support.proposed, serviceLevel: 0.55 },
    };
    Object.assign(support, { measured: { serviceLevel: 0.724 } });
    const why = 'Sales: 41 holders, 23 needed at the busiest interval';
    return makeOutcome({
      timeZone: 'Europe/Paris',
      recommendations: [
        recommendation(1, {
          email: 'ann@example.com',
          userName: 'Ann',
          skill: 'Sales',
          action: 'remove',
          before: 2,
          after: undefined,
          context: why,
          reason: `${why}; ann@example.com handled 251 Sales conversations in 30 days and keeps 1 other skill`,
        }),
        recommendation(2, {
          email: 'ann@example.com',
          userName: 'Ann',
          skill: 'French',
          action: 'remove',
          before: 1,
          after: undefined,
          reason: 'French: 9 holders, 4 needed',
        }),
      ],
      skillsBefore: { 'ann@example.com': { Sales: 2, French: 1, Claims: 1 } },
      whatIf: {
        answerWithinSeconds: 20,
        serviceLevelTarget: 0.8,
        queues: [support, queue('Sales', 800, 0.9, 0.88)],
        belowFloor: [],
      },
    });
  }

  it('states the period as dates, measured and modelled service level, the worst half-hour in the org zone', () => {
    const body = PlanPrBody.render(richOutcome());
    expect(body).toContain(
      '- **Period:** 3 Feb 2025 to 4 Feb 2025 (2 days with conversations, of the 30 days asked for); policy `staffing`; times in Europe/Paris.',
    );
    expect(body).toMatch(/measured 72\.4%; modelled now 78\.6% → with this plan 85\.0%/);
    // 09:30 UTC is 10:30 in Paris in winter
    expect(body).toContain(
      '- **Worst half-hour** with this plan: Support, Tue, 4 Feb 2025, 10:30, 44 offered: 41.0% → 55.0%.',
    );
    expect(PlanPrBody.render(richOutcome(), { timeZone: 'UTC' })).toContain('Tue, 4 Feb 2025, 09:30');
  });

  it('groups changes by skill with the reason once, then the net result per user; no emails in reasons', () => {
    const body = PlanPrBody.render(richOutcome());
    expect(body).toContain('#### Sales: 1 removed\n\nWhy: 41 holders, 23 needed at the busiest interval');
    expect(body).toContain(
      '| Ann | remove | 2 → — | the agent handled 251 Sales conversations in 2 days and keeps 1 other skill |',
    );
    expect(body).toContain('| Ann (ann@example.com) | Claims 1, French 1, Sales 2 | Claims 1 |');
    expect(body.match(/ann@example\.com/g)).toHaveLength(1);
    expect(body).not.toContain('in 30 days');
  });

  it('explains every mark it prints', () => {
    const body = PlanPrBody.render(
      makeOutcome({
        whatIf: {
          ...richOutcome().whatIf,
          belowFloor: [{ queue: 'Sales', current: 0.9, proposed: 0.5, floor: 0.6 }],
        },
        rejected: [
          {
            subject: 'a@example.com: add X',
            reason: 'over the cap of 5 users changed per plan (maxUsersChangedPerPlan)',
          },
        ],
      }),
    );
    const legend = body.slice(body.indexOf('**Legend.**'));
    for (const mark of ['⚠️', '⛔', '⏭️', '→', '—']) {
      expect(body.slice(0, body.indexOf('**Legend.**'))).toContain(mark);
      expect(legend).toContain(mark);
    }
  });
});

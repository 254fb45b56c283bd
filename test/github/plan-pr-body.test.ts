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
      "<!-- routing-gitops:plan v1 sha256=9683cf35f6b7105453b6409c28a5fe569b4cc14cfbc55214a2e953e15ec63b63 users=2 skill-changes=2 weights=1 -->
      ## Routing plan: 2 users, 2 skill changes, 1 weight change

      Proposed from the last 30 days of conversation analytics (policy \`staffing\`). Review the what-if below, then merge to apply.

      | Plan | Count |
      |---|--:|
      | users changed | 2 |
      | skills added | 1 |
      | skills removed | 1 |
      | proficiencies changed | 0 |
      | weight changes | 1 |
      | queues simulated | 2 |
      | recommendations rejected | 1 |
      | drift entries found | 0 |

      ### Skill changes

      | User | Skill | Change | Proficiency | Reason |
      |---|---|---|---|---|
      | Agent 0 (agent0@example.com) | Skill 0 | add | — → 4 | Skill 0: 20 holders, 15 needed at the busiest interval |
      | Agent 1 (agent1@example.com) | Skill 1 | remove | 3 → — | Skill 1: 21 holders, 16 needed at the busiest interval |

      ### Weight changes

      | Queue | Skill | Weight | Reason |
      |---|---|---|---|
      | Support | Billing | 40 → 80 | volume 0.82, wait 0.64 |

      ### What-if per queue

      Service level = answered within 20 s (target 80%); current → projected with this plan.

      | Queue | Offered | Service level | ASA | Occupancy | Abandoned |
      |---|--:|---|---|---|---|
      | Support | 1,200 | 71.0% → 83.0% | 12 s → 6.8 s | 80.0% → 75.0% | 5.0% → 3.0% |
      | Sales ⚠️ | 800 | 90.0% → 88.0% | 4.0 s → 4.8 s | 80.0% → 75.0% | 5.0% → 3.0% |

      \`\`\`mermaid
      xychart-beta
        title "Service level per queue (%): bars current, line projected"
        x-axis ["Support", "Sales"]
        y-axis "Service level (%)" 0 --> 100
        bar [71, 90]
        line [83, 88]
      \`\`\`

      ### Rejected recommendations

      - **bob@example.com: remove Billing**: would leave Billing below the need \\(12 &lt; 14\\)

      ### Drift found

      None.

      ### Apply, revert, discard

      - **Apply:** merge this pull request. On the push to \`main\` the apply workflow makes Genesys Cloud match \`desired-state/\`, uploads a CSV report and comments the result here.
      - **Revert:** revert the merge commit (\`git revert -m 1 <merge-sha>\`, or the *Revert* button on this pull request) and merge that. The apply workflow then restores the previous routing.
      - **Discard:** close this pull request. Every plan run rebuilds the branch \`routing-gitops/plan\`; do not push to it.

      Plan files on this branch: \`desired-state/plan/what-if.md\` (what-if), \`desired-state/plan/what-if.json\`, \`desired-state/plan/desired-state.diff\` (YAML diff), \`desired-state/plan/changes.json\` (every change).
      "
    `);
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

  it('stays under GitHub’s limit with 5,000 changes: the most significant listed, the rest counted', () => {
    const outcome = makeOutcome(
      {
        weights: Array.from({ length: 300 }, (_, i) => ({
          queue: `Queue ${i}`,
          skill: `Skill ${i}`,
          before: 10,
          after: 10 + (i % 50),
          reason: 'volume',
        })),
      },
      5_000,
    );
    const body = PlanPrBody.render(outcome);
    expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(body).toContain('## Routing plan: 5,000 users, 5,000 skill changes, 300 weight changes');
    expect(body).toContain('> [!NOTE]');
    expect(body).toMatch(/…and [\d,]+ smaller changes, listed in `desired-state\/plan\/changes.json`/);
    expect(body).toContain('#### Changes per skill');
    expect(body).toMatch(/\| Skill 0 \| 239 \| 238 \| 238 \|/);
    // the listed changes are the biggest moves: adds of 4 before updates of 1
    const firstRow = body.split('\n').find((l) => l.startsWith('| Agent'))!;
    expect(firstRow).toContain('| add | — → 4 |');
    expect(PlanPrBody.parse(body)).toMatchObject({ intact: true, skillChanges: 5_000, weights: 300 });
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
      templateDir({ 'plan-pr-body.hbs': '{{#each skills.rows}}{{md user}};{{/each}}' }),
    );
    expect(PlanPrBody.render(makeOutcome({}, 2), { templates: escaped })).toContain('Agent 0;Agent 1;');
    const outcome = makeOutcome();
    for (const source of [
      '{{#each skills.rows}}{{user}}{{/each}}',
      '{{#each skills.rows}}{{{user}}}{{/each}}',
    ]) {
      const templates = createTemplateSet(templateDir({ 'plan-pr-body.hbs': source }));
      expect(() => PlanPrBody.render(outcome, { templates })).toThrow(/escaping helper/);
    }
  });
});

import fc from 'fast-check';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SkillRecommendation, WeightRecommendation } from '../../src/recommend/types.js';
import {
  DECLINED_FILE,
  honourReviewers,
  pinsInYaml,
  readDeclines,
} from '../../src/review/reviewer-control.js';

const PROFILES = `apiVersion: routing-gitops/v1
kind: RoutingProfiles
profiles:
  ann@x.example:
    skills:
      Billing: 3
      # keep French!
      French: 4
      Sales: 2 # pin
  Bob@x.example:
    skills: {Billing: 1, Sales: 1} # pinned
  cat@x.example:
    skills: {Billing: 2}
`;

const WEIGHTS = `apiVersion: routing-gitops/v1
kind: RuleWeights
queues:
  Support:
    Billing: 40 # pin
    Sales: 20
`;

function rec(email: string, skill: string, action: SkillRecommendation['action']): SkillRecommendation {
  return {
    email,
    userName: email,
    skill,
    action,
    before: 1,
    after: action === 'remove' ? undefined : 3,
    reason: '',
  };
}
function weight(queue: string, skill: string): WeightRecommendation {
  return { queue, skill, before: 10, after: 50, reason: '' };
}

describe('reviewer control: pins in the YAML and declines', () => {
  it('finds pins on a skill line, above it, and on a whole user or flow map', () => {
    expect([...pinsInYaml(PROFILES, 'profiles')].sort()).toEqual([
      'ann@x.example|French',
      'ann@x.example|Sales',
      'bob@x.example|*',
    ]);
    expect([...pinsInYaml(WEIGHTS, 'weights')]).toEqual(['Support|Billing']);
  });

  it('finds a pin word in any comment, whatever surrounds it (the text is parsed only when a comment may pin)', () => {
    // the comment text around the word: separators that are not line breaks to YAML, word characters that make
    // another word ("spin", "keeper") and mixed case
    const around = fc.constantFrom('', ' ', '\t', '!', '-', '\u2028', '\u00a0', 'x', '_', '9', 'é');
    const word = fc.constantFrom('pin', 'PIN', 'Pinned', 'keep', 'kEEp', 'pins', 'keeps', 'spin');
    fc.assert(
      fc.property(
        around,
        word,
        around,
        fc.constantFrom('line', 'above', 'user'),
        (before, w, after, where) => {
          const comment = `#${before}${w}${after}`;
          const text = [
            'profiles:',
            ...(where === 'user' ? [`  ann@x.example: ${comment}`] : ['  ann@x.example:']),
            '    skills:',
            '      Billing: 3',
            ...(where === 'above' ? [`      ${comment}`] : []),
            `      French: 4${where === 'line' ? ` ${comment}` : ''}`,
            '',
          ].join('\n');
          const pinned = /(^|[^\w])(pin|pinned|keep)([^\w]|$)/i.test(comment.slice(1));
          const key = where === 'user' ? 'ann@x.example|*' : 'ann@x.example|French';
          expect([...pinsInYaml(text, 'profiles')]).toEqual(pinned ? [key] : []);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a pinned skill or weight is never proposed, and the plan says what it left alone', () => {
    const pins = { keys: new Set([...pinsInYaml(PROFILES, 'profiles'), ...pinsInYaml(WEIGHTS, 'weights')]) };
    const out = honourReviewers(
      {
        recommendations: [
          rec('ann@x.example', 'French', 'remove'),
          rec('ann@x.example', 'Billing', 'update'),
          rec('bob@x.example', 'Tech', 'add'),
          rec('cat@x.example', 'Billing', 'remove'),
        ],
        weights: [weight('Support', 'Billing'), weight('Support', 'Sales')],
      },
      pins,
      [],
    );
    expect(out.recommendations.map((r) => `${r.email} ${r.skill}`)).toEqual([
      'ann@x.example Billing',
      'cat@x.example Billing',
    ]);
    expect(out.weights.map((w) => w.skill)).toEqual(['Sales']);
    expect(out.leftAlone.map((l) => l.subject)).toEqual([
      'ann@x.example: remove French',
      'bob@x.example: add Tech',
      'Support|Billing weight',
    ]);
    expect(out.leftAlone[0]!.reason).toContain('pinned in the YAML');
  });

  it('a declined proposal is not proposed again within its period', () => {
    const plan = {
      recommendations: [rec('cat@x.example', 'Billing', 'remove')],
      weights: [weight('Support', 'Sales')],
    };
    const declines = [
      { subject: 'cat@x.example: remove Billing', until: '2026-12-26T00:00:00Z' },
      { subject: 'Support|Sales weight', until: '2026-12-26T00:00:00Z' },
    ];
    const out = honourReviewers(plan, { keys: new Set() }, declines);
    expect(out.recommendations).toEqual([]);
    expect(out.weights).toEqual([]);
    expect(out.leftAlone[0]!.reason).toContain(
      'declined by a reviewer; not proposed again before 2026-12-26',
    );
    // readDeclines drops expired entries; an empty list proposes again
    expect(honourReviewers(plan, { keys: new Set() }, []).recommendations).toHaveLength(1);
  });

  it('declines are remembered until their date, then forgotten', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'declines-'));
    try {
      await mkdir(join(dir, 'plan'));
      const until = '2026-12-26T00:00:00Z';
      await writeFile(
        join(dir, DECLINED_FILE),
        JSON.stringify({ declined: [{ subject: 'cat@x.example: remove Billing', until }] }),
      );
      expect(await readDeclines(dir, new Date('2026-12-01T00:00:00Z'))).toHaveLength(1);
      expect(await readDeclines(dir, new Date('2026-12-27T00:00:00Z'))).toEqual([]);
      expect(await readDeclines(join(dir, 'missing'), new Date())).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/github/markdown.js';
import { csvSafe } from '../../src/report/cells.js';
import { renderCsvReport } from '../../src/report/csv.js';
import { diff } from '../../src/plan/diff.js';
import { desired, liveOrg, profile, user } from '../support/builders.js';

describe('CSV report', () => {
  const hostile = '=HYPERLINK("http://evil.example","click")';
  const live = liveOrg([{ ...user('u1', 'a@x.example', { Billing: 1 }), name: hostile }], {
    'Support|Billing': 10,
  });
  const changes = diff(
    desired([profile('a@x.example', { Billing: 3, Sales: 2 })], { Support: { Billing: 20 } }),
    live,
  );

  it('has one row per change, the summary and the service levels, and opens cleanly', () => {
    const csv = renderCsvReport({
      runAt: '2026-11-22T03:00:00.000Z',
      commit: 'abc123',
      mode: 'apply',
      changes,
      results: changes.map((change, i) => ({
        change,
        status: i === 0 ? 'applied' : 'failed',
        calls: 1,
        ...(i ? { error: '+boom' } : {}),
      })),
      summary: { users_changed: 1, api_calls: 7 },
      whatIf: [
        {
          queueId: 'q',
          queue: '@SUM(A1)',
          offered: 10,
          current: {
            agents: 1,
            serviceLevel: 0.71234,
            waitProbability: 0,
            asa: 0,
            occupancy: 0,
            abandonRate: 0,
          },
          proposed: {
            agents: 1,
            serviceLevel: 0.8,
            waitProbability: 0,
            asa: 0,
            occupancy: 0,
            abandonRate: 0,
          },
          worstInterval: undefined,
          days: [],
        },
      ],
    });
    expect(csv.startsWith('\ufeffsection,')).toBe(true);
    expect(csv).toContain('\r\n');
    const rows = parse<Record<string, string>>(csv.slice(1), { columns: true });
    expect(rows.map((r) => [r.section, r.object, r.action, r.before, r.after, r.result])).toEqual([
      ['change', 'skill Billing', 'update', '1', '3', 'applied'],
      ['change', 'skill Sales', 'create', '', '2', 'applied'],
      ['change', 'weight Support|Billing', 'update', '10', '20', 'failed'],
      ['summary', 'users_changed', '', '', '1', ''],
      ['summary', 'api_calls', '', '', '7', ''],
      ['service-level', 'queue @SUM(A1)', 'projected', '0.7123', '0.8', ''],
    ]);
    expect(rows[0]!.user_name).toBe(`'${hostile}`);
    expect(rows[2]!.error).toBe("'+boom");
  });

  it.each(['=1+1', '+1', '-1', '@x', '\tx', '\rx'])('neutralises the formula prefix %j', (cell) => {
    expect(String(csvSafe(cell)).startsWith("'")).toBe(true);
  });

  it("keeps markdown inert with the project's one escaper", () => {
    expect(escapeMarkdown('a|b <img src=x onerror=alert(1)> **bold** [x](http://e)\nnext')).toBe(
      'a\\|b &lt;img src=x onerror=alert\\(1\\)&gt; \\*\\*bold\\*\\* \\[x\\]\\(http&#8203;://e\\) next',
    );
    // mentions, issue references, bidi overrides and marks, bare links and math do not render either
    expect(escapeMarkdown('@team #12 \u202egnp.exe\u200f https://evil.example www.evil.example $x$')).toBe(
      '@&#8203;team \\#&#8203;12 gnp.exe https&#8203;://evil.example www&#8203;.evil.example \\$x\\$',
    );
  });
});

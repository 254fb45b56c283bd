import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/github/markdown.js';
import { csvSafe } from '../../src/report/cells.js';
import { renderCsvReport } from '../../src/report/csv.js';
import { diff } from '../../src/apply/diff.js';
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

  const hostileQueue = '@SUM(A1)\r\nline two; with "quotes", commas';
  const whatIf = [
    {
      queueId: 'q',
      queue: hostileQueue,
      offered: 10,
      current: { agents: 1, serviceLevel: 0.71234, waitProbability: 0, asa: 0, occupancy: 0, abandonRate: 0 },
      proposed: { agents: 1, serviceLevel: 0.8, waitProbability: 0, asa: 0, occupancy: 0, abandonRate: 0 },
      worstInterval: undefined,
      days: [],
    },
  ];
  function report(locale: string, extra: Partial<Parameters<typeof renderCsvReport>[0]> = {}) {
    return renderCsvReport({
      runAt: '2026-11-22T03:00:00.000Z',
      commit: 'abc123',
      mode: 'apply',
      changes,
      results: changes.map((change, i) => ({
        change,
        status: i === 0 ? 'applied' : 'failed',
        calls: 1,
        ...(i ? { error: '+boom\nsecond line' } : {}),
      })),
      whatIf,
      teamFiles: new Map([['a@x.example', 'routing-profiles/=cmd|calc.yaml']]),
      locale,
      ...extra,
    });
  }

  it.each([
    ['en', ',', '.'],
    ['de-DE', ';', ','],
    ['fr', ';', ','],
  ])(
    'parses back column by column under the %s locale (delimiter %j, decimal %j)',
    (locale, delimiter, dec) => {
      const csv = report(locale);
      expect(csv.startsWith('\ufeffrow_type' + delimiter + 'user' + delimiter)).toBe(true);
      expect(csv).toContain('\r\n');
      const rows: string[][] = parse(csv.slice(1), { delimiter });
      expect(rows[0]).toEqual([
        'row_type',
        'user',
        'email',
        'team_file',
        'queue',
        'skill_or_language',
        'action',
        'before',
        'after',
        'result',
        'reason',
        'run',
        'commit',
      ]);
      for (const r of rows) expect(r).toHaveLength(13);
      const body = rows.slice(1);
      const d = (text: string) => text.replace('.', dec);
      const run = '2026-11-22T03:00:00.000Z';
      expect(body).toEqual([
        [
          'skill',
          `'${hostile}`,
          'a@x.example',
          'routing-profiles/=cmd|calc.yaml',
          '',
          'Billing',
          'change',
          '1',
          '3',
          'applied',
          '',
          run,
          'abc123',
        ],
        [
          'skill',
          `'${hostile}`,
          'a@x.example',
          'routing-profiles/=cmd|calc.yaml',
          '',
          'Sales',
          'add',
          '',
          '2',
          'applied',
          '',
          run,
          'abc123',
        ],
        [
          'weight',
          '',
          '',
          '',
          'Support',
          'Billing',
          'change',
          '10',
          '20',
          'failed',
          "'+boom\nsecond line",
          run,
          'abc123',
        ],
        ['summary', '', '', '', '', 'mode', '', '', 'apply', '', '', run, 'abc123'],
        ['summary', '', '', '', '', 'users_changed', '', '', '1', '', '', run, 'abc123'],
        ['summary', '', '', '', '', 'skills_or_languages_added', '', '', '1', '', '', run, 'abc123'],
        ['summary', '', '', '', '', 'skills_or_languages_removed', '', '', '0', '', '', run, 'abc123'],
        ['summary', '', '', '', '', 'proficiencies_changed', '', '', '1', '', '', run, 'abc123'],
        ['summary', '', '', '', '', 'weights_changed', '', '', '1', '', '', run, 'abc123'],
        ['summary', '', '', '', '', 'changes_applied', '', '', '1', '', '', run, 'abc123'],
        ['summary', '', '', '', '', 'changes_failed', '', '', '1', '', '', run, 'abc123'],
        [
          'service-level',
          '',
          '',
          '',
          `'${hostileQueue}`,
          '',
          'projected',
          d('71.2%'),
          '80%',
          '',
          '',
          run,
          'abc123',
        ],
      ]);
    },
  );

  it('writes decimal proficiencies with the locale mark and marks a dirty tree', () => {
    const half = diff(desired([profile('a@x.example', { Billing: 2.5 })], {}), live).filter(
      (c) => c.kind !== 'weight',
    );
    const de = parse<Record<string, string>>(
      renderCsvReport({
        runAt: 'r',
        commit: 'abc',
        dirty: true,
        mode: 'dry-run',
        changes: half,
        results: undefined,
        locale: 'de',
      }).slice(1),
      { delimiter: ';', columns: true },
    );
    expect(de[0]).toMatchObject({
      action: 'change',
      before: '1',
      after: '2,5',
      result: 'dry-run',
      commit: 'abc (uncommitted changes)',
    });
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

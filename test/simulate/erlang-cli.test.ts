import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { erlangA } from '../../src/simulate/erlang-a.js';
import { referenceErlangC } from './reference.js';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['erlang', ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, out: out.join(''), err: err.join('') };
}

const textbook = ['--volume', '100', '--interval', '1800', '--aht', '180', '--answer-within', '20'];

describe('routing-gitops erlang', () => {
  it('answers the textbook question in JSON with exactly the contract keys', async () => {
    const { code, out, err } = await run([...textbook, '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const answer = JSON.parse(out);
    expect(Object.keys(answer).sort()).toEqual(
      [
        'abandonRate',
        'asa',
        'asaAnswered',
        'occupancy',
        'offeredLoad',
        'requiredAgents',
        'requiredPositions',
        'serviceLevel',
        'waitProbability',
      ].sort(),
    );
    const pw = referenceErlangC(10, 14);
    expect(answer).toMatchObject({
      offeredLoad: 10,
      requiredAgents: 14,
      requiredPositions: 14,
      abandonRate: 0,
    });
    expect(answer.waitProbability).toBeCloseTo(pw, 12);
    expect(answer.serviceLevel).toBeCloseTo(1 - pw * Math.exp((-4 * 20) / 180), 12);
    expect(answer.asa).toBeCloseTo((pw * 180) / 4, 10);
    expect(answer.occupancy).toBeCloseTo(10 / 14, 12);
  });

  it('evaluates the given agents, adds shrinkage and uses Erlang A with --patience', async () => {
    const { code, out } = await run([
      ...textbook,
      '--agents',
      '12',
      '--patience',
      '60',
      '--shrinkage',
      '0.3',
      '--service-level',
      '0.9',
      '--json',
    ]);
    expect(code).toBe(0);
    const answer = JSON.parse(out);
    const m = erlangA({
      offeredLoad: 10,
      agents: 12,
      ahtSeconds: 180,
      answerWithinSeconds: 20,
      patienceSeconds: 60,
    });
    expect(answer.serviceLevel).toBeCloseTo(m.serviceLevel, 12);
    expect(answer.abandonRate).toBeCloseTo(m.abandonRate, 12);
    expect(answer.abandonRate).toBeGreaterThan(0);
    expect(answer.requiredPositions).toBe(Math.ceil(answer.requiredAgents / 0.7 - 1e-9));
  });

  it('reports an unstable queue with asa null in JSON', async () => {
    const { code, out } = await run([...textbook, '--agents', '9', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({
      serviceLevel: 0,
      waitProbability: 1,
      asa: null,
      requiredAgents: 14,
    });
  });

  it('prints an aligned table without --json', async () => {
    const { code, out } = await run([...textbook, '--shrinkage', '0.3', '--max-occupancy', '0.7']);
    expect(code).toBe(0);
    expect(out).toMatchInlineSnapshot(`
      "model               Erlang C (no abandonment)
      offered load        10.00 Erlang (100 × 180 s ÷ 1800 s)
      agents              15 (the required agents)
      service level       94.1% answered within 20 s (target 80.0%)
      wait probability    10.2%
      ASA                 3.7 s (mean wait of all offered contacts)
      ASA answered        3.7 s (mean wait of answered contacts)
      occupancy           66.7% (max 70.0%)
      abandonment         0.0%
      required agents     15
      required positions  22 (shrinkage 30.0%)
      "
    `);
  });

  it.each([
    [['--volume', 'abc'], /--volume must be a number, got "abc"/],
    [['--aht', '0'], /--aht must be a number of seconds > 0/],
    [['--service-level', '80'], /--service-level must be a fraction above 0 and below 1/],
    [['--shrinkage', '1'], /--shrinkage must be a fraction/],
    [['--agents', '2.5'], /--agents must be a whole number/],
    [['--patience', '-3'], /--patience must be a number of seconds > 0/],
    [['--max-occupancy', '0'], /--max-occupancy must be a fraction/],
    [['--interval', ''], /--interval must be a number/],
  ])('rejects %j with a clear message and exit 1', async (override, message) => {
    const args = [...textbook];
    for (let i = 0; i < override.length; i += 2) {
      const at = args.indexOf(override[i] ?? '');
      if (at >= 0) args[at + 1] = override[i + 1] ?? '';
      else args.push(override[i] ?? '', override[i + 1] ?? '');
    }
    const { code, out, err } = await run(args);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(message);
  });

  it('requires the four defining options', async () => {
    const { code, err } = await run(['--volume', '100']);
    expect(code).toBe(1);
    expect(err).toMatch(/required option/);
  });
});

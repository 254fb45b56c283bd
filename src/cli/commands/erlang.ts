import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { erlangAAnsweredWait } from '../../simulate/erlang-a.js';
import { erlangB } from '../../simulate/erlang-b.js';
import { evaluate, offeredLoad } from '../../simulate/evaluate.js';
import type { ErlangMetrics } from '../../simulate/metrics.js';
import { formatPercent, formatSeconds } from '../../simulate/render-markdown.js';
import { requiredPositions, staff } from '../../simulate/staffing.js';
import type { CliContext } from '../context.js';

const MAX_AGENTS = 10_000_000;

interface ErlangOptions {
  volume: string;
  interval: string;
  aht: string;
  answerWithin: string;
  agents?: string;
  serviceLevel?: string;
  shrinkage?: string;
  maxOccupancy?: string;
  maxAbandon?: string;
  patience?: string;
  json?: boolean;
}

interface ErlangQuestion {
  volume: number;
  intervalSeconds: number;
  ahtSeconds: number;
  answerWithinSeconds: number;
  agents: number | undefined;
  serviceLevelTarget: number;
  shrinkage: number;
  maxOccupancy: number;
  patienceSeconds: number | undefined;
  /** highest acceptable abandonment under Erlang A (default 0.05 with --patience) */
  maxAbandonRate: number | undefined;
}

/** The `--json` answer (contract keys). `asa` is null when it is infinite (Erlang C with agents ≤ load). */
export interface ErlangAnswer {
  offeredLoad: number;
  serviceLevel: number;
  waitProbability: number;
  asa: number | null;
  /** mean wait of answered contacts only (equal to `asa` under Erlang C); null when infinite */
  asaAnswered: number | null;
  occupancy: number;
  abandonRate: number;
  requiredAgents: number;
  requiredPositions: number;
}

export function registerErlang(program: Command, ctx: CliContext): void {
  program
    .command('erlang')
    .description(
      'staffing calculator: Erlang C, or Erlang A (abandonment) with --patience. Times in seconds, rates as fractions',
    )
    .requiredOption('--volume <n>', 'contacts offered per interval')
    .requiredOption('--interval <s>', 'interval length in seconds (e.g. 1800)')
    .requiredOption('--aht <s>', 'average handle time in seconds')
    .requiredOption('--answer-within <s>', 'service-level threshold in seconds')
    .option('--agents <n>', 'agents to evaluate (default: the required agents)')
    .option('--service-level <p>', 'service-level target as a fraction (default 0.8)')
    .option('--shrinkage <p>', 'fraction of paid time not on the phones (default 0)')
    .option('--max-occupancy <p>', 'highest acceptable occupancy as a fraction (default 1)')
    .option('--patience <s>', 'mean customer patience in seconds: use Erlang A')
    .option(
      '--max-abandon <p>',
      'highest acceptable abandonment rate as a fraction, with --patience (default 0.05)',
    )
    .option('--json', 'machine-readable output')
    .action((opts: ErlangOptions) => {
      const question = parseQuestion(opts);
      const { answer, metrics } = answerQuestion(question);
      ctx.stdout(opts.json ? `${JSON.stringify(answer, null, 2)}\n` : renderTable(question, answer, metrics));
    });
}

export function answerQuestion(q: ErlangQuestion): { answer: ErlangAnswer; metrics: ErlangMetrics } {
  const load = offeredLoad(q.volume, q.ahtSeconds, q.intervalSeconds);
  const common = { offeredLoad: load, ahtSeconds: q.ahtSeconds, answerWithinSeconds: q.answerWithinSeconds };
  const staffing = staff({
    ...common,
    serviceLevelTarget: q.serviceLevelTarget,
    maxOccupancy: q.maxOccupancy,
    patienceSeconds: q.patienceSeconds,
    maxAbandonRate: q.maxAbandonRate,
  });
  const metrics =
    q.agents === undefined
      ? staffing.metrics
      : evaluate({ ...common, agents: q.agents, patienceSeconds: q.patienceSeconds });
  const answer: ErlangAnswer = {
    offeredLoad: load,
    serviceLevel: metrics.serviceLevel,
    waitProbability: metrics.waitProbability,
    asa: Number.isFinite(metrics.asa) ? metrics.asa : null,
    asaAnswered: finiteOrNull(answeredWait(metrics, q)),
    occupancy: metrics.occupancy,
    abandonRate: metrics.abandonRate,
    requiredAgents: staffing.agents,
    requiredPositions: requiredPositions(staffing.agents, q.shrinkage),
  };
  return { answer, metrics };
}

function parseQuestion(opts: ErlangOptions): ErlangQuestion {
  const agents = opts.agents === undefined ? undefined : parseNumber('--agents', opts.agents);
  if (agents !== undefined && !(Number.isInteger(agents) && agents >= 0 && agents <= MAX_AGENTS)) {
    throw new ConfigError(
      `--agents must be a whole number from 0 to ${MAX_AGENTS}, got ${JSON.stringify(opts.agents)}`,
    );
  }
  return {
    volume: checked('--volume', opts.volume, (v) => v >= 0, 'a number ≥ 0'),
    intervalSeconds: checked('--interval', opts.interval, (v) => v > 0, 'a number of seconds > 0'),
    ahtSeconds: checked('--aht', opts.aht, (v) => v > 0, 'a number of seconds > 0'),
    answerWithinSeconds: checked(
      '--answer-within',
      opts.answerWithin,
      (v) => v >= 0,
      'a number of seconds ≥ 0',
    ),
    agents,
    serviceLevelTarget: checked(
      '--service-level',
      opts.serviceLevel ?? '0.8',
      (v) => v > 0 && v < 1,
      'a fraction above 0 and below 1 (e.g. 0.8)',
    ),
    shrinkage: checked(
      '--shrinkage',
      opts.shrinkage ?? '0',
      (v) => v >= 0 && v < 1,
      'a fraction from 0 to below 1',
    ),
    maxOccupancy: checked(
      '--max-occupancy',
      opts.maxOccupancy ?? '1',
      (v) => v > 0 && v <= 1,
      'a fraction above 0 and at most 1',
    ),
    patienceSeconds:
      opts.patience === undefined
        ? undefined
        : checked('--patience', opts.patience, (v) => v > 0, 'a number of seconds > 0'),
    maxAbandonRate:
      opts.patience === undefined
        ? undefined
        : checked(
            '--max-abandon',
            opts.maxAbandon ?? '0.05',
            (v) => v > 0 && v <= 1,
            'a fraction above 0 and at most 1',
          ),
  };
}

/** Mean wait of answered contacts: Erlang C's ASA, or Erlang A's integrated over the answered-late tail. */
function answeredWait(m: ErlangMetrics, q: ErlangQuestion): number {
  if (m.model !== 'erlang-a' || q.patienceSeconds === undefined) return m.asa;
  const params = {
    offeredLoad: m.offeredLoad,
    agents: m.agents,
    ahtSeconds: q.ahtSeconds,
    answerWithinSeconds: q.answerWithinSeconds,
  };
  return erlangAAnsweredWait(erlangB(m.agents, m.offeredLoad), params, q.patienceSeconds);
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function checked(flag: string, raw: string, ok: (value: number) => boolean, expected: string): number {
  const value = parseNumber(flag, raw);
  if (!ok(value)) throw new ConfigError(`${flag} must be ${expected}, got ${JSON.stringify(raw)}`);
  return value;
}

function parseNumber(flag: string, raw: string): number {
  const value = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*$/i.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value)) throw new ConfigError(`${flag} must be a number, got ${JSON.stringify(raw)}`);
  return value;
}

function renderTable(q: ErlangQuestion, answer: ErlangAnswer, m: ErlangMetrics): string {
  const model =
    m.model === 'erlang-a'
      ? `Erlang A (mean patience ${formatSeconds(q.patienceSeconds ?? 0)})`
      : 'Erlang C (no abandonment)';
  const agents = q.agents === undefined ? `${m.agents} (the required agents)` : String(m.agents);
  const rows: [string, string][] = [
    ['model', model],
    [
      'offered load',
      `${answer.offeredLoad.toFixed(2)} Erlang (${q.volume} × ${q.ahtSeconds} s ÷ ${q.intervalSeconds} s)`,
    ],
    ['agents', agents],
    [
      'service level',
      `${formatPercent(m.serviceLevel)} answered within ${formatSeconds(q.answerWithinSeconds)} ` +
        `(target ${formatPercent(q.serviceLevelTarget)})`,
    ],
    ['wait probability', formatPercent(m.waitProbability)],
    ['ASA', `${formatSeconds(m.asa)} (mean wait of all offered contacts)`],
    ['ASA answered', `${formatSeconds(answeredWait(m, q))} (mean wait of answered contacts)`],
    ['occupancy', `${formatPercent(m.occupancy)} (max ${formatPercent(q.maxOccupancy)})`],
    ['abandonment', formatPercent(m.abandonRate)],
    ['required agents', String(answer.requiredAgents)],
    ['required positions', `${answer.requiredPositions} (shrinkage ${formatPercent(q.shrinkage)})`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return rows.map(([label, value]) => `${label.padEnd(width)}${value}\n`).join('');
}

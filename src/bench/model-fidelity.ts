import { WEIGHTS_TABLE_NAME } from '../emulator/index.js';
import type { GenesysPort, LiveUser } from '../genesys/port.js';
import { centreModelInput } from '../recommend/plan/what-if-input.js';
import { modelCapacity, withAgentCapacity, type CentreData } from '../recommend/centre-analytics.js';
import { GENESYS_DEFAULT_CAPACITY } from '../simulate/centre/capacity.js';
import { streamPriorities } from '../simulate/centre/priority.js';
import { simulateCentreWhatIf } from '../simulate/centre/what-if.js';
import { readOracleOrg, withOracle } from './oracle.js';

const DAYS = 30;

export interface FidelityFigures {
  seed: number;
  /** |model − measured| per queue × media over the analysed period: the model with its work scales fitted to
   * the measured service level (calibrate.ts), before the logit offset that would make it exact */
  nowErrors: number[];
  /** the same with no calibration at all (the model's structure alone) */
  rawNowErrors: number[];
  /** |projection − measured over the 30 emulated days after the change| per queue × media */
  projectionErrors: number[];
  /** per queue × media: what was measured and modelled (for finding where the errors come from) */
  cells: FidelityCell[];
  note?: string;
}

export interface FidelityCell {
  queue: string;
  media: string;
  offered: number;
  thresholdSeconds: number;
  measuredNow: number;
  modelNow: number;
  /** the model with no calibration */
  rawNow: number;
  workScale: number;
  /** the fitted multiplier of the contacts' mean patience */
  patienceScale: number;
  measuredAfter: number | undefined;
  projected: number;
}

/**
 * The model against the emulator, as an analyst would check it: (1) the centre model fed with 30 days of API
 * answers reproduces each queue × media's measured service level; (2) a change is made through the API (one
 * skill taken from a tenth of its holders), the model projects it, the emulator simulates 30 more days and the
 * projection is compared with what the analytics then show. Bench only (the emulator is imported here, never by
 * the model).
 */
export async function measureFidelity(seed: number): Promise<FidelityFigures> {
  return withOracle(seed, async (port, advance) => {
    const read = () => readOracleOrg(port, DAYS);
    const before = await read();
    if (!before.data.presence)
      return {
        seed,
        nowErrors: [],
        rawNowErrors: [],
        projectionErrors: [],
        cells: [],
        note: 'no users aggregates',
      };
    const weights = await readWeights(port);
    const current = skillMaps(before.users);
    const proposed = takeBusiestSkill(before.users, before.data);
    const input = centreModelInput(before.data, before.users, before.members, 20);
    // measured utilization (GET …/utilization) replaces the INTERACTING-time concurrency estimate when served
    const capacity = modelCapacity(before.data, GENESYS_DEFAULT_CAPACITY);
    const { concurrency, ...rest } = input;
    const model = capacity.measured
      ? { ...rest, agents: withAgentCapacity(rest.agents, before.data) }
      : { ...rest, ...(concurrency ? { concurrency } : {}) };
    const whatIf = simulateCentreWhatIf({
      ...model,
      current,
      proposed: proposed.skills,
      currentPriorities: streamPriorities(model.streams, weights),
      proposedPriorities: streamPriorities(model.streams, weights),
      capacity: capacity.capacity,
      replications: 3,
      calibrate: true,
      seed,
      answerWithinSeconds: 20,
      serviceLevelTarget: 0.8,
      serviceLevelFloor: 0,
    });
    const nowErrors = whatIf.media
      .filter((m) => m.measuredServiceLevel !== undefined && m.offered > 0)
      .map((m) => Math.abs(m.modelServiceLevel - (m.measuredServiceLevel ?? 0)));
    for (const [userId, skills] of proposed.writes) await port.replaceUserSkills(userId, skills);
    await advance(DAYS);
    const after = await read();
    const projectionErrors: number[] = [];
    const cells: FidelityCell[] = [];
    for (const m of whatIf.media) {
      const measured = after.data.measured.get(`${m.queueId}|${m.mediaType}`);
      const measuredAfter = measured && measured.offered > 0 ? measured.within / measured.offered : undefined;
      if (measuredAfter !== undefined)
        projectionErrors.push(Math.abs(m.proposed.serviceLevel - measuredAfter));
      cells.push({
        queue: m.queue,
        media: m.mediaType,
        offered: m.offered,
        thresholdSeconds: m.thresholdSeconds,
        measuredNow: m.measuredServiceLevel ?? Number.NaN,
        modelNow: m.modelServiceLevel,
        rawNow: m.uncalibratedServiceLevel ?? m.modelServiceLevel,
        workScale: m.workScale ?? 1,
        patienceScale: m.patienceScale ?? 1,
        measuredAfter,
        projected: m.proposed.serviceLevel,
      });
    }
    const rawNowErrors = cells
      .filter((c) => Number.isFinite(c.measuredNow) && c.offered > 0)
      .map((c) => Math.abs(c.rawNow - c.measuredNow));
    return { seed, nowErrors, rawNowErrors, projectionErrors, cells };
  });
}

function skillMaps(users: readonly LiveUser[]): Record<string, Record<string, number>> {
  return Object.fromEntries(
    users.map((u) => [u.id, Object.fromEntries(u.skills.map((s) => [s.name, s.proficiency]))]),
  );
}

/** The change the projection is tested on: the busiest requested skill taken from every tenth holder. */
function takeBusiestSkill(users: readonly LiveUser[], data: CentreData) {
  const volume = new Map<string, number>();
  for (const s of data.streams)
    for (const skill of s.skills)
      volume.set(skill, (volume.get(skill) ?? 0) + s.offered.reduce((a, b) => a + b, 0));
  const busiest = [...volume].sort((a, b) => b[1] - a[1])[0]?.[0];
  const skills = skillMaps(users);
  const writes = new Map<string, { id: string; proficiency: number }[]>();
  let holder = 0;
  for (const u of users) {
    if (!u.skills.some((s) => s.name === busiest)) continue;
    if (holder++ % 10 !== 0) continue;
    const kept = u.skills.filter((s) => s.name !== busiest);
    if (kept.length === 0) continue;
    skills[u.id] = Object.fromEntries(kept.map((s) => [s.name, s.proficiency]));
    writes.set(
      u.id,
      kept.map((s) => ({ id: s.id, proficiency: s.proficiency })),
    );
  }
  return { skills, writes };
}

async function readWeights(port: GenesysPort): Promise<Record<string, Record<string, number>>> {
  const table = await port.findDataTable(WEIGHTS_TABLE_NAME);
  const out: Record<string, Record<string, number>> = {};
  if (!table) return out;
  for (const row of await port.listDataTableRows(table.id)) {
    const [queue, skill] = row.key.split('|');
    const weight = Number(row.weight);
    if (queue && skill && Number.isFinite(weight)) (out[queue] ??= {})[skill] = weight;
  }
  return out;
}

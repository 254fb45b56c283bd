/**
 * Skill and language recommendations from the centre model (pure; no I/O). What the plan proposes is what the
 * model says helps:
 *
 * 1. Need and supply per stream (queue × media × requested skills × language): need is the stream's offered
 *    load in agent-hours (contacts × handle time ÷ the media's concurrency); supply is the on-queue hours of the
 *    agents who can take it, each agent's time split over the streams they can take in proportion to those
 *    streams' load (so a holder of five skills is not counted five times). Coverage is weighted by volume.
 * 2. A greedy search over candidate moves, each scored by the model's predicted org service level (contacts
 *    answered within their queue's threshold ÷ offered, over every stream) on the most recent `searchDays`:
 *    - add: give the skills and language a short stream requests to the members of its queue who lack them
 *      and whose own streams are served best (their time is spare), those on queue when it is busy first;
 *    - pool every queue: every member of every queue gets what the short streams of their queues request, in one
 *      move, offered only when that whole pool fits in the room left under `maxUsers`;
 *    - remove: take a skill of an over-served stream from holders whose other streams are short.
 *    Additions get their share of `maxUsers` first; removals only use what is left, and only when the model
 *    shows they help. A move is kept only when it raises the predicted org service level and lowers no queue's
 *    by more than `maxQueueDrop` from today's.
 * The caller runs the full what-if (every day, replications) once on the result.
 */
import { searchWindow, slotRange, windowLabel, windowRunner } from './model-budget.js';
import { canTake, groupAgents } from '../simulate/centre/groups.js';
import type { CentreJob, CentreRunCache } from '../simulate/centre/parallel.js';
import type { AgentInput, CentreRun, StreamInput } from '../simulate/centre/types.js';
import { loweredQueue, MAX_QUEUE_DROP, queueDropReason, queueServiceLevels } from './model-weights.js';

export interface ModelAgent {
  id: string;
  queueIds: readonly string[];
  /** language ids the agent holds */
  languages: readonly string[];
  onQueueSeconds: ArrayLike<number>;
  /** contacts of each media the agent works at once (their measured utilization), over `capacity` */
  capacity?: Readonly<Record<string, number>>;
}

export interface ModelSkillsInput {
  startMs: number;
  slots: number;
  slotSeconds: number;
  streams: readonly StreamInput[];
  agents: readonly ModelAgent[];
  capacity?: Readonly<Record<string, number>>;
  /** each stream's routing priority (weights as they are) */
  priorities: ArrayLike<number>;
  /** user id → skill → proficiency (git's state for the users git names, live for the rest) */
  skills: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** users the plan may change (named in git, not protected, active): id → email */
  changeable: ReadonlyMap<string, string>;
  /** skill names desired state can hold (others are never proposed) */
  writable: (skill: string) => boolean;
  maxUsers: number;
  /**
   * measured over the analysed period, per stream (same order as `streams`): its queue × media cell and the
   * cell's offered and answered within the threshold. The search calibrates each cell's model service level onto it (a logit offset, as the what-if
   * does per queue × media), so a move is judged where the centre really is, not where the raw model puts it.
   */
  measured?: readonly { cell: string; offered: number; within: number }[];
  /** language id → name, for the reasons */
  languageName?: (id: string) => string;
  /** most simulations the search runs (default 200; a large org gets fewer: each one is a centre-sized run) */
  maxEvaluations?: number;
  /** days of the most recent period the search simulates (default 7) */
  searchDays?: number;
  seed?: number;
  /** runs made before (shared with the weights search, which starts where this search ends) */
  runs?: CentreRunCache;
  /** most a queue's predicted service level may fall from today's over the plan's moves (default 0.01: a point,
   * as for weights): pooling widens every short stream, but a queue whose members are drawn to other queues'
   * streams is not to pay for their gain */
  maxQueueDrop?: number;
}

/** One user's changes, as the search chose them. */
export interface ModelGrant {
  userId: string;
  email: string;
  addSkills: string[];
  /** language ids */
  addLanguages: string[];
  removeSkills: string[];
  /** why, in numbers (the move that chose this user) */
  reason: string;
}

export interface StreamStatus {
  stream: string;
  queue: string;
  media: string;
  offered: number;
  /** model service level (search window, current state) */
  serviceLevel: number;
  /** offered load, agent-hours; supply: on-queue hours split by load */
  needHours: number;
  supplyHours: number;
  holders: number;
}

export interface ModelSkillPlan {
  grants: ModelGrant[];
  streams: StreamStatus[];
  /** predicted org service level over the search window, before and after the grants */
  before: number;
  after: number;
  evaluations: number;
  /** moves the model showed would not help (for the PR's rejected list) */
  declined: { subject: string; reason: string }[];
}

/** a state's calibrated prediction: per stream answered within threshold and offered; the org's service level */
interface Evaluation {
  within: Float64Array;
  offered: Float64Array;
  sl: number;
}

interface State {
  skills: Map<number, Record<string, number>>;
  languages: Map<number, string[]>;
}

interface Move {
  kind: 'add' | 'remove';
  stream: number;
  agents: number[];
  /** per agent: skills to add / remove, languages to add */
  skills: string[][];
  languages: string[][];
  label: string;
  /** a pooling move: each user gets everything the short streams of their queues request */
  pooled?: boolean;
}

export function recommendFromModel(input: ModelSkillsInput): ModelSkillPlan {
  // the most recent days, or a large org's busiest few days of the last week (recommend/model-budget.ts)
  const { from, keep } = searchWindow(
    input.streams.map((s) => s.offered),
    input.slots,
    input.slotSeconds,
    input.searchDays ?? 7,
  );
  const days = windowLabel(from, keep, input.slots, input.slotSeconds);
  const streams: StreamInput[] = input.streams.map((s) => ({
    ...s,
    offered: slotRange(s.offered, from, keep),
  }));
  const presence = input.agents.map((a) => Float64Array.from(slotRange(a.onQueueSeconds, from, keep)));
  const S = streams.length;
  const label = (s: StreamInput): string => labelOf(s, input.languageName ?? ((id) => id));
  const A = input.agents.length;
  const capacityOf = (media: string): number => Math.max(1, Math.floor(input.capacity?.[media] ?? 1));
  const load = streams.map((s) => {
    let contacts = 0;
    for (let i = 0; i < keep; i++) contacts += Number(s.offered[i] ?? 0);
    return (contacts * s.ahtSeconds) / capacityOf(s.media) / 3600;
  });
  const volume = streams.map((s) => Array.from(s.offered).reduce((a, b) => a + Number(b), 0));
  const hours = presence.map((p) => p.reduce((a, b) => a + b, 0) / 3600);
  const queuesOf = input.agents.map((a) => new Set(a.queueIds));
  const streamsByQueue = new Map<string, number[]>();
  streams.forEach((s, i) => streamsByQueue.set(s.queueId, [...(streamsByQueue.get(s.queueId) ?? []), i]));

  const state: State = { skills: new Map(), languages: new Map() };
  const skillsOf = (a: number): Readonly<Record<string, number>> =>
    state.skills.get(a) ?? input.skills[input.agents[a]?.id ?? ''] ?? {};
  const languagesOf = (a: number): readonly string[] =>
    state.languages.get(a) ?? input.agents[a]?.languages ?? [];
  const agentInput = (a: number): AgentInput => {
    const agent = input.agents[a]!;
    return {
      id: agent.id,
      queueIds: agent.queueIds,
      skills: skillsOf(a),
      languages: languagesOf(a),
      onQueueSeconds: presence[a]!,
      ...(agent.capacity ? { capacity: agent.capacity } : {}),
    };
  };
  const eligible = (a: number): number[] => {
    const agent = agentInput(a);
    const out: number[] = [];
    for (const q of queuesOf[a]!)
      for (const s of streamsByQueue.get(q) ?? []) if (canTake(agent, streams[s]!, queuesOf[a]!)) out.push(s);
    return out;
  };

  let evaluations = 0;
  let offsets: Float64Array | undefined;
  let weights: Float64Array | undefined;
  // a move changes skills and languages only: every evaluation sees the same arrivals and presence
  const runAll = windowRunner(
    input,
    { from, keep },
    { streams, agents: input.agents.map((_, a) => agentInput(a)) },
  );
  /** the centre as the state now is (skills and languages), as a run to make */
  const jobOf = (): CentreJob => ({
    groups: groupAgents(
      input.agents.map((_, a) => agentInput(a)),
      streams,
    ),
    priorities: input.priorities,
  });
  /** runs the jobs (on two threads when the centre is large) and scores each */
  const evaluateAll = (jobs: CentreJob[]): Evaluation[] => runAll(jobs).map(score);
  const score = (run: CentreRun): Evaluation => {
    evaluations += 1;
    const within = Float64Array.from(run.streams, (t) => t.within);
    const offered = Float64Array.from(run.streams, (t) => t.offered);
    if (offsets === undefined) offsets = calibrationOffsets(within, offered, input.measured);
    // calibrated: each stream's model service level moved by its offset, weighted by its offered volume
    let o = 0;
    let w = 0;
    for (let s = 0; s < S; s++) {
      const weight = weights?.[s] ?? offered[s] ?? 0;
      if (weight <= 0) continue;
      const raw = (offered[s] ?? 0) > 0 ? (within[s] ?? 0) / (offered[s] ?? 1) : 1;
      const p = sigmoid(logit(raw) + (offsets[s] ?? 0));
      within[s] = p * (offered[s] ?? 0);
      o += weight;
      w += weight * p;
    }
    weights ??= offered;
    return { within, offered, sl: o > 0 ? w / o : 1 };
  };

  /** each agent's on-queue hours split over their streams by load; per stream: supply and holders */
  const supplyOf = (): { supply: Float64Array; holders: Float64Array; elig: number[][] } => {
    const supply = new Float64Array(S);
    const holders = new Float64Array(S);
    const elig: number[][] = [];
    for (let a = 0; a < A; a++) {
      const list = eligible(a);
      elig.push(list);
      const total = list.reduce((x, s) => x + (load[s] ?? 0), 0);
      for (const s of list) {
        holders[s] = (holders[s] ?? 0) + 1;
        if (total > 0) supply[s] = (supply[s] ?? 0) + ((hours[a] ?? 0) * (load[s] ?? 0)) / total;
      }
    }
    return { supply, holders, elig };
  };

  let base = evaluateAll([jobOf()])[0]!;
  const initial = base.sl;
  const initialSupply = supplyOf();
  const status: StreamStatus[] = streams.map((s, i) => ({
    stream: label(s),
    queue: s.queue,
    media: s.media,
    offered: base.offered[i] ?? 0,
    serviceLevel: (base.offered[i] ?? 0) > 0 ? (base.within[i] ?? 0) / (base.offered[i] ?? 1) : 1,
    needHours: load[i] ?? 0,
    supplyHours: initialSupply.supply[i] ?? 0,
    holders: initialSupply.holders[i] ?? 0,
  }));

  // each queue's predicted service level (calibrated, over its streams by volume): no queue pays for another's gain
  const queueSl = (b: typeof base): Map<string, number> =>
    queueServiceLevels(
      streams,
      (s) => b.offered[s] ?? 0,
      (s) => b.within[s] ?? 0,
    );
  const queuesNow = queueSl(base);
  const maxQueueDrop = input.maxQueueDrop ?? MAX_QUEUE_DROP;
  const changed = new Set<number>();
  const reasons = new Map<number, string>();
  const declined: { subject: string; reason: string }[] = [];
  const changeable = (a: number): boolean => input.changeable.has(input.agents[a]?.id ?? '');
  const budget = Math.max(0, input.maxUsers);
  const addBudget = budget; // additions first: removals get only what additions leave
  const CANDIDATE_STREAMS = 8;
  /**
   * users per move: a tenth of the cap, halved whenever no move of that size helps; more when the evaluations
   * allow fewer than ten rounds (a large org's budget, recommend/model-budget.ts), so that the rounds there are
   * can still reach the cap (each round keeps one move)
   */
  const rounds = Math.max(1, Math.floor(((input.maxEvaluations ?? 200) - 1) / CANDIDATE_STREAMS));
  const firstBatch = Math.max(1, Math.ceil(budget / 10), Math.ceil(budget / rounds));
  let batch = firstBatch;
  /** pooling moves tried per round (for the queues of the shortest streams), within CANDIDATE_STREAMS */
  const POOL_QUEUES = 3;
  const MAX_ROUNDS = 24;
  /** a move must raise the predicted org service level by more than this (0.05 points: not noise) */
  const MIN_GAIN = 0.0005;

  const lossRate = (b: typeof base, s: number): number =>
    (b.offered[s] ?? 0) > 0 ? 1 - (b.within[s] ?? 0) / (b.offered[s] ?? 1) : 0;

  /** how short an agent's own streams are: their time-share-weighted loss rate (0: all served in time) */
  const pressure = (b: typeof base, elig: readonly number[]): number => {
    const total = elig.reduce((x, s) => x + (load[s] ?? 0), 0);
    if (total <= 0) return 0;
    return elig.reduce((x, s) => x + ((load[s] ?? 0) / total) * lossRate(b, s), 0);
  };

  /** share of the stream's contacts that arrive while the agent is on queue (0–1) */
  const overlap = (a: number, s: number): number => {
    const p = presence[a]!;
    const offered = streams[s]!.offered;
    let hit = 0;
    for (let i = 0; i < keep; i++) hit += Number(offered[i] ?? 0) * ((p[i] ?? 0) / input.slotSeconds);
    return (volume[s] ?? 0) > 0 ? hit / (volume[s] ?? 1) : 0;
  };

  const addMove = (s: number, b: typeof base, elig: number[][], room: number): Move | undefined => {
    const stream = streams[s]!;
    const candidates: { a: number; score: number; skills: string[]; languages: string[] }[] = [];
    for (let a = 0; a < A; a++) {
      if (!changeable(a) || !queuesOf[a]!.has(stream.queueId) || (hours[a] ?? 0) <= 0) continue;
      if (elig[a]!.includes(s)) continue;
      if (room <= 0 && !changed.has(a)) continue;
      const skills = stream.skills.filter((k) => !((skillsOf(a)[k] ?? 0) > 0));
      if (skills.some((k) => !input.writable(k))) continue;
      const languages =
        stream.language !== undefined && !languagesOf(a).includes(stream.language) ? [stream.language] : [];
      if (skills.length + languages.length === 0 || skills.length + languages.length > 2) continue;
      const score = overlap(a, s) * (1 - pressure(b, elig[a]!)) * (hours[a] ?? 0);
      if (score > 0) candidates.push({ a, score, skills, languages });
    }
    const picked = pickCandidates(candidates, batch, room, changed);
    if (picked.length === 0) return undefined;
    return {
      kind: 'add',
      stream: s,
      agents: picked.map((c) => c.a),
      skills: picked.map((c) => c.skills),
      languages: picked.map((c) => c.languages),
      label: label(stream),
    };
  };

  /**
   * Pooling: members of queue `q` who lack what its short streams (and the short streams of their other queues)
   * request get all of it at once, so each changed user widens the pool of every short stream they can reach.
   * The cap counts users, not skills, so one user taking several short streams is the cheapest gain there is.
   * Members whose own streams are served best come first (their time is spare), weighted by how many of the
   * short streams' lost contacts arrive while they are on queue.
   */
  const poolMove = (
    q: string | undefined,
    b: typeof base,
    elig: number[][],
    room: number,
    size = batch,
    whole = false,
  ): Move | undefined => {
    const lost = (s: number): number => (b.offered[s] ?? 0) - (b.within[s] ?? 0);
    const candidates: { a: number; score: number; skills: string[]; languages: string[]; value: number }[] =
      [];
    // `whole`: the whole pool or nothing (a share of it would be chosen by the score alone, where batches let the
    // model choose); a large org's pool is over the cap after a few members
    let fresh = 0;
    for (let a = 0; a < A; a++) {
      if (!changeable(a) || (q !== undefined && !queuesOf[a]!.has(q)) || (hours[a] ?? 0) <= 0) continue;
      if (room <= 0 && !changed.has(a)) continue;
      const skills = new Set<string>();
      const languages = new Set<string>();
      let value = 0;
      for (const queue of queuesOf[a]!)
        for (const s of streamsByQueue.get(queue) ?? []) {
          if (elig[a]!.includes(s) || lost(s) <= 0) continue;
          const stream = streams[s]!;
          const missing = stream.skills.filter((k) => !((skillsOf(a)[k] ?? 0) > 0));
          if (missing.some((k) => !input.writable(k))) continue;
          for (const k of missing) skills.add(k);
          if (stream.language !== undefined && !languagesOf(a).includes(stream.language))
            languages.add(stream.language);
          value += lost(s) * overlap(a, s);
        }
      if (skills.size + languages.size === 0 || value <= 0) continue;
      const score = value * (1 - pressure(b, elig[a]!));
      if (score > 0) candidates.push({ a, score, value, skills: [...skills], languages: [...languages] });
      if (whole && score > 0 && !changed.has(a) && ++fresh > room) return undefined;
    }
    // the whole pool: every candidate (its fresh users fit the room, checked above), whatever the batch size
    const picked = pickCandidates(candidates, whole ? candidates.length : size, room, changed);
    if (picked.length === 0) return undefined;
    // the stream the move is named after: the (queue's) stream that loses most contacts
    const named = (q === undefined ? streams.map((_, s) => s) : (streamsByQueue.get(q) ?? [])).reduce(
      (x, y) => (lost(y) > lost(x) ? y : x),
    );
    return {
      kind: 'add',
      stream: named,
      agents: picked.map((c) => c.a),
      skills: picked.map((c) => c.skills),
      languages: picked.map((c) => c.languages),
      label: label(streams[named]!),
      pooled: true,
    };
  };

  const apply = (move: Move): (() => void) => {
    const saved = move.agents.map((a) => ({
      a,
      skills: state.skills.get(a),
      languages: state.languages.get(a),
    }));
    move.agents.forEach((a, i) => {
      const skills = { ...skillsOf(a) };
      for (const k of move.skills[i] ?? []) {
        if (move.kind === 'add') skills[k] = 1;
        else delete skills[k];
      }
      state.skills.set(a, skills);
      if ((move.languages[i] ?? []).length > 0)
        state.languages.set(a, [...languagesOf(a), ...(move.languages[i] ?? [])]);
    });
    return () => {
      for (const { a, skills, languages } of saved) {
        if (skills === undefined) state.skills.delete(a);
        else state.skills.set(a, skills);
        if (languages === undefined) state.languages.delete(a);
        else state.languages.set(a, languages);
      }
    };
  };

  /**
   * A move's result where it can act: the streams of the queues its users are members of; elsewhere the base
   * stands. Two runs of the simulation part ways as soon as one contact is routed differently, so a change in a
   * queue the move cannot reach is the run's noise (about half a point of org service level over two weeks),
   * not the move's effect, and would drown the gain of a move for a small queue.
   */
  const localized = (result: typeof base, b: typeof base, move: Move): typeof base => {
    const touched = new Set<number>();
    for (const a of move.agents)
      for (const q of queuesOf[a]!) for (const s of streamsByQueue.get(q) ?? []) touched.add(s);
    const within = Float64Array.from(b.within);
    let o = 0;
    let w = 0;
    for (let s = 0; s < S; s++) {
      const n = b.offered[s] ?? 0;
      if (touched.has(s) && (result.offered[s] ?? 0) > 0)
        within[s] = ((result.within[s] ?? 0) / (result.offered[s] ?? 1)) * n;
      const weight = weights?.[s] ?? n;
      if (weight <= 0 || n <= 0) continue;
      o += weight;
      w += (weight * (within[s] ?? 0)) / n;
    }
    return { within, offered: b.offered, sl: o > 0 ? w / o : 1 };
  };

  const search = (kind: 'add' | 'remove', room: () => number): void => {
    const limit = input.maxEvaluations ?? 200;
    for (let round = 0; round < MAX_ROUNDS && room() > 0; round++) {
      // no simulation left: no move can be shown to help
      if (evaluations >= limit) return;
      const { elig } = supplyOf();
      const order = streams
        .map((_, s) => s)
        .filter((s) =>
          kind === 'add'
            ? (base.offered[s] ?? 0) > (base.within[s] ?? 0)
            : (base.offered[s] ?? 0) > 0 && lossRate(base, s) < 0.02,
        )
        .sort((x, y) =>
          kind === 'add'
            ? (base.offered[y] ?? 0) -
              (base.within[y] ?? 0) -
              ((base.offered[x] ?? 0) - (base.within[x] ?? 0))
            : (load[x] ?? 0) / Math.max(1e-9, initialSupply.supply[x] ?? 0) -
              (load[y] ?? 0) / Math.max(1e-9, initialSupply.supply[y] ?? 0),
        );
      let best: { move: Move; result: typeof base; perUser: number } | undefined;
      let tried = 0;
      const seen = new Set<string>();
      // candidates: pooling moves for the queues of the shortest streams first, then single-stream moves
      const queuesInOrder = kind === 'add' ? [...new Set(order.map((s) => streams[s]!.queueId))] : [];
      const moves: (() => Move | undefined)[] = [
        ...(kind === 'add' ? [() => poolMove(undefined, base, elig, room(), room(), true)] : []),
        ...queuesInOrder.slice(0, POOL_QUEUES).map((q) => () => poolMove(q, base, elig, room())),
        ...order.map(
          (s) => () => (kind === 'add' ? addMove(s, base, elig, room()) : removeMove(s, base, elig, room())),
        ),
      ];
      // the round's candidates, then their runs (independent of each other: on two threads when large)
      const trials: Move[] = [];
      for (const next of moves) {
        if (tried >= CANDIDATE_STREAMS || evaluations + trials.length >= limit) break;
        const move = next();
        if (!move) continue;
        // the same users gaining or losing the same things is one move, whichever stream proposed it
        const key = `${kind}:${move.agents.join(',')}:${move.skills.join(';')}:${move.languages.join(';')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        tried += 1;
        trials.push(move);
      }
      const jobs = trials.map((move) => {
        const undo = apply(move);
        const job = jobOf();
        undo();
        return job;
      });
      const results = evaluateAll(jobs);
      trials.forEach((move, i) => {
        const result = localized(results[i]!, base, move);
        const fresh = move.agents.filter((a) => !changed.has(a)).length;
        const perUser = (result.sl - base.sl) / Math.max(1, fresh);
        const subject = `${kind} ${move.label} for ${move.agents.length} ${move.agents.length === 1 ? 'user' : 'users'}`;
        const lowered = loweredQueue(queuesNow, queueSl(result), maxQueueDrop);
        if (lowered) declined.push({ subject, reason: queueDropReason(lowered, maxQueueDrop) });
        else if (result.sl > base.sl + MIN_GAIN && (!best || result.sl > best.result.sl))
          best = { move, result, perUser };
        else
          declined.push({
            subject,
            reason: `the model shows no gain: org ${pct(base.sl)} → ${pct(result.sl)} (${days})`,
          });
      });
      if (!best) {
        if (batch <= 1) return;
        batch = Math.ceil(batch / 2);
        continue;
      }
      apply(best.move);
      const why = `${best.move.label}: model ${pct(streamSl(base, best.move.stream))} → ${pct(streamSl(best.result, best.move.stream))}, org ${pct(base.sl)} → ${pct(best.result.sl)} (${best.move.agents.length} users, ${days}${best.move.pooled ? '; each given what the short streams of their queues request' : ''})`;
      for (const a of best.move.agents) {
        changed.add(a);
        reasons.set(a, reasons.has(a) ? `${reasons.get(a)}; ${why}` : why);
      }
      base = best.result;
    }
  };

  const removeMove = (s: number, b: typeof base, elig: number[][], room: number): Move | undefined => {
    const stream = streams[s]!;
    if (stream.skills.length === 0) return undefined;
    const candidates: { a: number; score: number; skill: string }[] = [];
    for (let a = 0; a < A; a++) {
      if (!changeable(a) || !elig[a]!.includes(s)) continue;
      if (room <= 0 && !changed.has(a)) continue;
      const held = Object.keys(skillsOf(a)).filter((k) => (skillsOf(a)[k] ?? 0) > 0);
      // the skill whose loss takes the agent off this stream; never a user's last skill
      const skill = stream.skills.find((k) => input.writable(k));
      if (!skill || held.length <= 1) continue;
      const others = elig[a]!.filter((x) => !streams[x]!.skills.includes(skill));
      if (others.length === 0) continue;
      const score = pressure(b, others) * (hours[a] ?? 0);
      if (score > 0) candidates.push({ a, score, skill });
    }
    candidates.sort((x, y) => y.score - x.score || x.a - y.a);
    const picked = candidates.slice(0, Math.min(batch, Math.max(0, (initialSupply.holders[s] ?? 0) / 4)));
    if (picked.length === 0) return undefined;
    return {
      kind: 'remove',
      stream: s,
      agents: picked.map((c) => c.a),
      skills: picked.map((c) => [c.skill]),
      languages: picked.map(() => []),
      label: label(stream),
    };
  };

  search('add', () => addBudget - changed.size);
  batch = firstBatch;
  search('remove', () => budget - changed.size);

  const grants: ModelGrant[] = [];
  for (const a of [...changed].sort((x, y) => x - y)) {
    const id = input.agents[a]!.id;
    const before = input.skills[id] ?? {};
    const after = skillsOf(a);
    const langsBefore = new Set(input.agents[a]!.languages);
    grants.push({
      userId: id,
      email: input.changeable.get(id) ?? id,
      addSkills: Object.keys(after)
        .filter((k) => !((before[k] ?? 0) > 0))
        .sort(),
      removeSkills: Object.keys(before)
        .filter((k) => (before[k] ?? 0) > 0 && !Object.hasOwn(after, k))
        .sort(),
      addLanguages: languagesOf(a).filter((l) => !langsBefore.has(l)),
      reason: reasons.get(a) ?? '',
    });
  }
  return {
    grants: grants.filter((g) => g.addSkills.length + g.removeSkills.length + g.addLanguages.length > 0),
    streams: status,
    before: initial,
    after: base.sl,
    evaluations,
    declined,
  };
}

const EPS = 1e-3;

export function logit(p: number): number {
  const x = Math.min(1 - EPS, Math.max(EPS, p));
  return Math.log(x / (1 - x));
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * per stream: logit(measured) − logit(model) at the current state, per queue × media cell as the what-if
 * calibrates (the cell's conversations are counted once; a stream's own figure is small and noisy). 0 where
 * nothing was measured.
 */
export function calibrationOffsets(
  within: Float64Array,
  offered: Float64Array,
  measured: ModelSkillsInput['measured'],
): Float64Array {
  const out = new Float64Array(within.length);
  if (!measured) return out;
  const model = new Map<string, { within: number; offered: number }>();
  for (let s = 0; s < within.length; s++) {
    const cell = measured[s]?.cell;
    if (cell === undefined) continue;
    const m = model.get(cell) ?? { within: 0, offered: 0 };
    m.within += within[s] ?? 0;
    m.offered += offered[s] ?? 0;
    model.set(cell, m);
  }
  for (let s = 0; s < within.length; s++) {
    const m = measured[s];
    const sim = m ? model.get(m.cell) : undefined;
    if (!m || !sim || m.offered <= 0 || sim.offered <= 0) continue;
    out[s] = logit(m.within / m.offered) - logit(sim.within / sim.offered);
  }
  return out;
}

function streamSl(b: { within: Float64Array; offered: Float64Array }, s: number): number {
  return (b.offered[s] ?? 0) > 0 ? (b.within[s] ?? 0) / (b.offered[s] ?? 1) : 1;
}

function labelOf(
  s: Pick<StreamInput, 'queue' | 'skills' | 'media' | 'language'>,
  languageName: (id: string) => string,
): string {
  const wants = [...s.skills, ...(s.language ? [`language ${languageName(s.language)}`] : [])];
  return `${s.queue} ${s.media}${wants.length > 0 ? ` (${wants.join(' + ')})` : ''}`;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** The best-scoring candidates, at most `batch`, of whom at most `room` are users not changed yet. */
function pickCandidates<C extends { a: number; score: number }>(
  candidates: C[],
  batch: number,
  room: number,
  changed: ReadonlySet<number>,
): C[] {
  candidates.sort((x, y) => y.score - x.score || x.a - y.a);
  const picked: C[] = [];
  let fresh = 0;
  for (const c of candidates) {
    if (picked.length >= batch) break;
    if (!changed.has(c.a)) {
      if (fresh >= room) continue;
      fresh += 1;
    }
    picked.push(c);
  }
  return picked;
}

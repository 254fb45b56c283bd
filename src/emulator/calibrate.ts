/**
 * Arrival rates for the seeded streams, derived from the staffing the seed produced so that the default org has
 * realistic, known imbalances: most streams near their service-level target at the weekday peak, the
 * under-staffed skill overloaded, the over-staffed skill nearly idle.
 */
import { PEAK_SLOT_OF_DAY, weekdayAvailability } from './calendar.js';
import type { MediaType, OrgUser, Stream } from './model.js';
import { solveQueue } from './queueing.js';
import type { Rng } from './random.js';
import { canTake } from './roster.js';
import type { SkillRoles } from './seed-users.js';

/**
 * Expected agents per stream at the weekday peak: `split` divides each agent's time by the streams' request
 * shares, `holders` counts every eligible agent fully.
 */
export function peakAgents(
  streams: Stream[],
  users: OrgUser[],
  shares: Map<Stream, number>,
): { split: Float64Array; holders: Float64Array } {
  const agents = new Float64Array(streams.length);
  const holders = new Float64Array(streams.length);
  const byQueue = new Map<string, Stream[]>();
  for (const s of streams) byQueue.set(s.queueId, [...(byQueue.get(s.queueId) ?? []), s]);
  for (const user of users) {
    if (user.state !== 'active' || !user.shift) continue;
    const availability = weekdayAvailability(user.shift, PEAK_SLOT_OF_DAY);
    if (availability === 0) continue;
    const eligible: Stream[] = [];
    for (const q of user.queueIds)
      for (const s of byQueue.get(q) ?? []) if (canTake(user, s)) eligible.push(s);
    let total = 0;
    for (const s of eligible) total += shares.get(s) ?? 0;
    if (total <= 0) continue;
    for (const s of eligible) {
      agents[s.index] = (agents[s.index] ?? 0) + (availability * (shares.get(s) ?? 0)) / total;
      holders[s.index] = (holders[s.index] ?? 0) + availability;
    }
  }
  return { split: agents, holders };
}

/** Arrival rate (per second) at which a stream with `servers` agents meets `target` service level. */
export function rateForServiceLevel(stream: Stream, servers: number, target: number): number {
  const mu = 1 / stream.ahtSeconds;
  const theta = 1 / stream.patienceSeconds;
  const sl = (lambda: number) =>
    solveQueue({ lambda, mu, theta, servers, slaSeconds: stream.slaSeconds }).pServedWithinSla;
  let lo = 0;
  let hi = Math.max(1, servers) * mu * 1.5;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (sl(mid) > target) lo = mid;
    else hi = mid;
  }
  return lo;
}

export function calibrateStreams(
  rng: Rng,
  streams: Stream[],
  users: OrgUser[],
  shares: Map<Stream, number>,
  roles: SkillRoles,
): void {
  const voice = streams.filter((s) => s.mediaType === 'voice');
  calibrateVoice(rng, voice, users, shares, roles);
  const primary = new Map<string, number>();
  for (const s of voice)
    if (s.languageId === undefined && s.skillIds.length === 1 && !primary.has(s.queueId))
      primary.set(s.queueId, s.peakRate);
  for (const s of streams) {
    if (s.mediaType === 'voice') s.peakRate *= VOICE_SHARE;
    else s.peakRate = MEDIA_VOLUME[s.mediaType] * (shares.get(s) ?? 0) * (primary.get(s.queueId) ?? 0);
  }
}

/** The voice load is calibrated alone, then trimmed to leave the agents room for the other media. */
const VOICE_SHARE = 0.82;
/** contacts of each other media per voice contact of the queue's main stream */
const MEDIA_VOLUME: Record<MediaType, number> = { voice: 1, message: 0.3, email: 0.1, callback: 0.06 };

function calibrateVoice(
  rng: Rng,
  streams: Stream[],
  users: OrgUser[],
  shares: Map<Stream, number>,
  roles: SkillRoles,
): void {
  const { split: agents, holders } = peakAgents(streams, users, shares);
  const primaryRate = new Map<string, { rate: number; share: number }>();
  const ordered = [...streams].sort((a, b) => role(a, roles) - role(b, roles));
  for (const stream of ordered) {
    const n = agents[stream.index] ?? 0;
    const mu = 1 / stream.ahtSeconds;
    const kind = role(stream, roles);
    if (kind === 2) {
      stream.peakRate = 0.12 * Math.max(n, 1) * mu;
      continue;
    }
    if (kind === 1) {
      const primary = primaryRate.get(stream.queueId);
      const fromQueue = primary ? (primary.rate * (shares.get(stream) ?? 0)) / primary.share : 0;
      const overload = Math.min(fromQueue, 2.2 * Math.max(holders[stream.index] ?? 0, 0.5) * mu);
      stream.peakRate = Math.max(overload, 1.6 * Math.max(n, 0.5) * mu);
      continue;
    }
    const servers = Math.max(1, Math.round(n));
    stream.peakRate = rateForServiceLevel(stream, servers, 0.74 + 0.16 * rng.next());
    const current = primaryRate.get(stream.queueId);
    const share = shares.get(stream) ?? 0;
    if (!current || share > current.share) primaryRate.set(stream.queueId, { rate: stream.peakRate, share });
  }
}

/** 0 = balanced, 1 = under-staffed skill, 2 = over-staffed skill */
function role(stream: Stream, roles: SkillRoles): number {
  if (roles.under && stream.languageId === roles.under.id) return 1;
  if (roles.over && stream.languageId === roles.over.id) return 2;
  return 0;
}

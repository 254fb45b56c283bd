/**
 * Who can take which stream, derived from the org as configured now (rebuilt after every skill change): for each
 * active agent with a shift, the streams of their queues whose skill they hold, with the handle-time factor and
 * answer rate that apply.
 */
import type { PairRegistry } from './history.js';
import { DEFAULT_ANSWER_RATE, type OrgUser, type Stream } from './model.js';
import { hashSeed, Rng } from './random.js';
import { proficiency as drawProficiency } from './seed-users.js';

export interface Roster {
  /** users who can take at least one stream */
  users: OrgUser[];
  userSeeds: number[];
  /** entries of users[i]: entryStart[i] … entryStart[i+1] − 1 */
  entryStart: Int32Array;
  entryStream: Int32Array;
  /** handle time multiplier (personal speed × aptitude) */
  entryFactor: Float64Array;
  entryRate: Float64Array;
  entryPair: Int32Array;
  /** per user: slot of day of the lunch break, and the weekday bits of the shift */
  lunchSlot: Int16Array;
  workDays: Uint8Array;
  /** users (indices into `users`) grouped by the slots their shift can cover */
  byStart: { startSlot: number; endSlot: number; users: number[] }[];
}

/** Higher aptitude (on the proficiency scale) handles faster: 5 → 0.85 × AHT, 1 → 1.09 × AHT. */
export function proficiencyFactor(proficiency: number): number {
  return 1.15 - 0.06 * proficiency;
}

/**
 * How well the user really works a skill, on the 0–5 proficiency scale; hidden from the API. In Genesys Cloud a
 * user's routing-skill proficiency is a rating that routing may use ("A rating from 0.0 to 5.0 that indicates how
 * adept an agent is at a particular skill. When 'Best available skills' is enabled for a queue, ACD interactions in
 * that queue are routed to agents with higher proficiency ratings": UserRoutingSkill / ScimUserRoutingSkill
 * `proficiency`, platform-client-sdk-go platformclientv2/scimuserroutingskill.go; help.mypurecloud.com glossary
 * "skill"): writing a 5 does not make an agent faster. So speed comes from an aptitude fixed at seed time: for a
 * skill held then, the seeded proficiency (admins rated everyone right); for any other skill (added later through
 * the API), a deterministic draw per user × skill from the same distribution as seeded proficiencies, the same
 * whenever the skill is removed and added back.
 */
export function aptitudeFor(user: OrgUser, skillId: string): number {
  return user.aptitude.get(skillId) ?? drawProficiency(new Rng(hashSeed('aptitude', user.id, skillId)));
}

/** Whether the user holds every skill and the language the stream requests (queue membership aside). */
export function canTake(user: OrgUser, stream: Stream): boolean {
  for (const id of stream.skillIds) if (!user.skills.has(id)) return false;
  return stream.languageId === undefined || user.languages.has(stream.languageId);
}

/**
 * The user's handle-time factor and answer rate for a stream they can take: personal speed × the mean hidden
 * aptitude ({@link aptitudeFor}) for the requested skills (3 when none is requested), never the configured
 * proficiency, which is only a rating; the lowest answer rate of those skills.
 */
export function fitFor(user: OrgUser, stream: Stream): { factor: number; rate: number } {
  let sum = 0;
  let rate = DEFAULT_ANSWER_RATE;
  for (const id of stream.skillIds) {
    sum += aptitudeFor(user, id);
    rate = Math.min(rate, user.answerRates.get(id) ?? DEFAULT_ANSWER_RATE);
  }
  const proficiency = stream.skillIds.length > 0 ? sum / stream.skillIds.length : 3;
  return { factor: user.speed * proficiencyFactor(proficiency), rate };
}

export function buildRoster(users: OrgUser[], streams: Stream[], pairs: PairRegistry): Roster {
  const byQueue = new Map<string, Stream[]>();
  for (const s of streams) byQueue.set(s.queueId, [...(byQueue.get(s.queueId) ?? []), s]);
  const rosterUsers: OrgUser[] = [];
  const starts: number[] = [];
  const stream: number[] = [];
  const factor: number[] = [];
  const rate: number[] = [];
  const pair: number[] = [];
  for (const user of users) {
    if (user.state !== 'active' || !user.shift) continue;
    const first = stream.length;
    for (const queueId of user.queueIds) {
      for (const s of byQueue.get(queueId) ?? []) {
        if (!canTake(user, s)) continue;
        const fit = fitFor(user, s);
        stream.push(s.index);
        factor.push(fit.factor);
        rate.push(fit.rate);
        pair.push(pairs.get(user.index, s.index));
      }
    }
    if (stream.length === first) continue;
    rosterUsers.push(user);
    starts.push(first);
  }
  starts.push(stream.length);
  const groups = new Map<string, { startSlot: number; endSlot: number; users: number[] }>();
  for (const [i, user] of rosterUsers.entries()) {
    const shift = user.shift;
    if (!shift) continue;
    const key = `${shift.startSlot}/${shift.lengthSlots}`;
    const group = groups.get(key) ?? {
      startSlot: shift.startSlot,
      endSlot: shift.startSlot + shift.lengthSlots,
      users: [],
    };
    group.users.push(i);
    groups.set(key, group);
  }
  return {
    lunchSlot: Int16Array.from(
      rosterUsers.map((u) => (u.shift ? u.shift.startSlot + u.shift.lunchOffset : -1)),
    ),
    workDays: Uint8Array.from(rosterUsers.map((u) => u.shift?.workDays ?? 0)),
    byStart: [...groups.values()],
    users: rosterUsers,
    userSeeds: rosterUsers.map((u) => hashSeed(u.id)),
    entryStart: Int32Array.from(starts),
    entryStream: Int32Array.from(stream),
    entryFactor: Float64Array.from(factor),
    entryRate: Float64Array.from(rate),
    entryPair: Int32Array.from(pair),
  };
}

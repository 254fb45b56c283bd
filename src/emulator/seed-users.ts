/** The seeded org's people: names, queue memberships, shifts, skills and answer habits. */
import {
  DEFAULT_ANSWER_RATE,
  type OrgLanguage,
  type OrgQueue,
  type OrgSkill,
  type OrgUser,
  type ShiftPattern,
} from './model.js';
import { FIRST_NAMES, LAST_NAMES, TITLES } from './names.js';
import type { Rng } from './random.js';

export interface SkillRoles {
  /** a routing language with few holders and much volume */
  under: OrgLanguage | undefined;
  /** a routing language with many holders and little volume */
  over: OrgLanguage | undefined;
  /** held by some agents, requested by no queue */
  unused: OrgSkill | undefined;
}

export interface QueuePlan {
  queue: OrgQueue;
  primary: OrgSkill;
  cross: OrgSkill[];
  /** relative staffing of the queue */
  size: number;
}

const SHIFT_STARTS = [14, 16, 18, 20, 24, 28];
const SHIFT_WEIGHTS = [0.12, 0.24, 0.24, 0.16, 0.14, 0.1];
const WEEKDAYS = 0b0011111;

export function seedUsers(
  rng: Rng,
  count: number,
  domain: string,
  plans: QueuePlan[],
  roles: SkillRoles,
  skills: OrgSkill[],
  languages: OrgLanguage[],
): OrgUser[] {
  const users: OrgUser[] = [];
  const emails = new Set<string>();
  for (let index = 0; index < count; index++) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const email = uniqueEmail(`${first}.${last}`.toLowerCase(), domain, emails);
    users.push({
      index,
      id: rng.uuid(),
      name: `${first} ${last}`,
      email,
      title: rng.pick(TITLES),
      department: 'Customer Care',
      state: rng.chance(0.02) ? 'inactive' : 'active',
      version: 1 + rng.int(0, 6),
      skills: new Map(),
      aptitude: new Map(),
      languages: new Map(),
      queueIds: pickQueues(rng, plans),
      shift: pickShift(rng),
      answerRates: new Map(),
      speed: 0.85 + 0.35 * rng.next(),
      messageCapacity: 4,
    });
  }
  assignSkills(rng, users, plans, roles, skills, languages);
  // the admins rated everyone right at seed time: the seeded proficiency is the real aptitude (draws nothing)
  for (const user of users) user.aptitude = new Map(user.skills);
  return users;
}

function uniqueEmail(local: string, domain: string, taken: Set<string>): string {
  const clean = local.replace(/[^a-z.]/g, '');
  let candidate = `${clean}@${domain}`;
  for (let n = 2; taken.has(candidate); n++) candidate = `${clean}${n}@${domain}`;
  taken.add(candidate);
  return candidate;
}

function pickQueues(rng: Rng, plans: QueuePlan[]): string[] {
  const weights = plans.map((p) => p.size);
  const ids = new Set<string>();
  const home = plans[rng.weighted(weights)];
  if (home) ids.add(home.queue.id);
  if (rng.chance(0.25)) ids.add(plans[rng.weighted(weights)]?.queue.id ?? '');
  if (rng.chance(0.05)) ids.add(plans[rng.weighted(weights)]?.queue.id ?? '');
  ids.delete('');
  return [...ids];
}

function pickShift(rng: Rng): ShiftPattern {
  const startSlot = SHIFT_STARTS[rng.weighted(SHIFT_WEIGHTS)] ?? 18;
  let workDays = WEEKDAYS;
  if (rng.chance(0.3)) {
    const first = rng.int(1, 6);
    workDays = 0;
    for (let d = 0; d < 5; d++) workDays |= 1 << ((first + d) % 7);
  }
  return { startSlot, lengthSlots: 17, lunchOffset: rng.pick([7, 8, 9]), workDays };
}

/** A proficiency as admins rate agents: a whole 1–5 star, sometimes a half. */
export function proficiency(rng: Rng): number {
  const whole = rng.int(1, 5);
  return rng.chance(0.1) && whole < 5 ? whole + 0.5 : whole;
}

function assignSkills(
  rng: Rng,
  users: OrgUser[],
  plans: QueuePlan[],
  roles: SkillRoles,
  skills: OrgSkill[],
  languages: OrgLanguage[],
): void {
  const planById = new Map(plans.map((p) => [p.queue.id, p]));
  for (const user of users) {
    for (const queueId of user.queueIds) {
      const plan = planById.get(queueId);
      if (!plan) continue;
      user.skills.set(plan.primary.id, proficiency(rng));
      for (const cross of plan.cross) if (rng.chance(0.55)) user.skills.set(cross.id, proficiency(rng));
    }
    if (roles.over && rng.chance(0.45)) user.languages.set(roles.over.id, proficiency(rng));
    if (roles.unused && rng.chance(0.18)) user.skills.set(roles.unused.id, proficiency(rng));
    if (rng.chance(0.08)) user.skills.set(rng.pick(skills).id, proficiency(rng));
    if (languages.length > 0 && rng.chance(0.06))
      user.languages.set(rng.pick(languages).id, proficiency(rng));
  }
  if (roles.under) assignUnder(rng, users, plans, roles.under);
  for (const user of users) if (rng.chance(0.01)) user.skills.clear();
  assignAnswerRates(rng, users, plans);
}

/** The under-staffed language: about 5% of agents, at least two members of each queue that requests it. */
function assignUnder(rng: Rng, users: OrgUser[], plans: QueuePlan[], under: OrgLanguage): void {
  const requesting = plans.filter((p) => p.queue.requests.some((r) => r.languageId === under.id));
  const requestingIds = new Set(requesting.map((p) => p.queue.id));
  for (const user of users) {
    if (user.queueIds.some((q) => requestingIds.has(q)) && rng.chance(0.05)) {
      user.languages.set(under.id, proficiency(rng));
    }
  }
  for (const plan of requesting) {
    const members = users.filter(
      (u) => u.state === 'active' && u.queueIds.includes(plan.queue.id) && u.skills.has(plan.primary.id),
    );
    const holders = members.filter((u) => u.languages.has(under.id)).length;
    for (const user of rng.shuffle(members).slice(0, Math.max(0, 2 - holders))) {
      user.languages.set(under.id, proficiency(rng));
    }
  }
}

/** Most agents answer nearly every alert; some are middling; a few are poor at one of their skills. */
function assignAnswerRates(rng: Rng, users: OrgUser[], plans: QueuePlan[]): void {
  const requested = new Map<string, Set<string>>();
  for (const plan of plans)
    requested.set(plan.queue.id, new Set(plan.queue.requests.flatMap((r) => r.skillIds)));
  const used: { user: OrgUser; skillId: string }[] = [];
  for (const user of users) {
    for (const skillId of user.skills.keys()) {
      const rate = rng.chance(0.1) ? 0.6 + 0.25 * rng.next() : 0.88 + 0.11 * rng.next();
      if (Math.abs(rate - DEFAULT_ANSWER_RATE) > 1e-9) user.answerRates.set(skillId, rate);
      if (user.state === 'active' && user.queueIds.some((q) => requested.get(q)?.has(skillId))) {
        used.push({ user, skillId });
      }
    }
  }
  const poor = Math.max(users.length >= 50 ? 2 : 0, Math.round(used.length * 0.03));
  for (const { user, skillId } of rng.shuffle(used).slice(0, poor)) {
    user.answerRates.set(skillId, 0.1 + 0.18 * rng.next());
  }
}

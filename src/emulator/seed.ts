/**
 * Builds the seeded org, deterministic per seed: skills, queues with requested-skill mixes and service-level
 * targets, wrap-up codes, agents, arrival streams calibrated to the staffing, and the weights data table.
 */
import { calibrateStreams } from './calibrate.js';
import {
  MEDIA_SETTING,
  type MediaType,
  type OrgDataTable,
  type OrgLanguage,
  type OrgIdentity,
  type OrgQueue,
  type OrgSkill,
  type OrgUser,
  type RequestedSkill,
  type Stream,
  type WrapupCode,
} from './model.js';
import { COMPANIES, GENERIC_WRAPUPS, QUEUES, REGIONS, SKILLS, type SkillSpec } from './names.js';
import { hashSeed, Rng } from './random.js';
import { seedUsers, type QueuePlan, type SkillRoles } from './seed-users.js';
import { seedTables } from './seed-tables.js';

export interface SeedOptions {
  seed: number;
  users: number;
  queues: number;
  skills: number;
  createdAt: Date;
}

export interface SeededOrg {
  identity: OrgIdentity;
  skills: OrgSkill[];
  languages: OrgLanguage[];
  users: OrgUser[];
  admin: OrgUser;
  queues: OrgQueue[];
  wrapups: WrapupCode[];
  streams: Stream[];
  tables: OrgDataTable[];
  roles: SkillRoles;
}

const SERVICE_LEVELS = [
  { percentage: 0.8, durationMs: 20_000 },
  { percentage: 0.8, durationMs: 30_000 },
  { percentage: 0.9, durationMs: 30_000 },
  { percentage: 0.8, durationMs: 20_000 },
  { percentage: 0.7, durationMs: 60_000 },
];

export function seedOrg(options: SeedOptions): SeededOrg {
  const rng = new Rng(hashSeed('org', options.seed));
  const created = new Date(options.createdAt.getTime() - 400 * 86_400_000).toISOString();
  const company = rng.pick(COMPANIES);
  const identity: OrgIdentity = {
    id: rng.uuid(),
    name: company,
    domain: `${company.toLowerCase()}.example`,
    divisionId: rng.uuid(),
    divisionName: 'Home',
  };
  const specs = skillSpecs(options.skills);
  const skills = specs.map((spec) => ({
    id: rng.uuid(),
    name: spec.name,
    dateModified: created,
    version: 1,
  }));
  const specOf = new Map(skills.map((s, i) => [s.id, specs[i] as SkillSpec]));
  const languages = SKILLS.filter((spec) => spec.kind === 'language').map((spec) => ({
    id: rng.uuid(),
    name: spec.name,
    dateModified: created,
    version: 1,
  }));
  const plans = planQueues(rng, options.queues, skills, created);
  const roles = skillRoles(skills, languages, specOf, plans);
  const users = seedUsers(rng, options.users, identity.domain, plans, roles, skills, languages);
  const admin = adminUser(rng, users.length, identity.domain);
  // wasted chat concurrency: the second queue's agents are set to one message at a time
  for (const user of users)
    if (plans.length > 1 && user.queueIds[0] === plans[1]?.queue.id) user.messageCapacity = 1;
  for (const plan of plans) {
    plan.queue.memberIds = users
      .filter((u) => u.state === 'active' && u.queueIds.includes(plan.queue.id))
      .map((u) => u.id);
  }
  const wrapups = seedWrapups(rng, skills, specOf, plans, created);
  const { streams, shares } = buildStreams(rng, plans, specOf, wrapups);
  calibrateStreams(rng, streams, users, shares, roles);
  const queues = plans.map((p) => p.queue);
  const tables = seedTables(rng, queues, skills, streams);
  return {
    identity,
    skills,
    languages,
    users: [...users, admin],
    admin,
    queues,
    wrapups,
    streams,
    tables,
    roles,
  };
}

/** The first `count` topic skills (languages are routing languages, not skills, as real orgs model them). */
function skillSpecs(count: number): SkillSpec[] {
  const topics = SKILLS.filter((spec) => spec.kind === 'topic');
  const specs: SkillSpec[] = [];
  for (let i = 0; i < count; i++) {
    const base = topics[i % topics.length] as SkillSpec;
    const tier = Math.floor(i / topics.length);
    specs.push(tier === 0 ? base : { ...base, name: `${base.name} Tier ${tier + 1}` });
  }
  return specs;
}

function planQueues(rng: Rng, count: number, skills: OrgSkill[], created: string): QueuePlan[] {
  const pool = skills;
  const byName = new Map(skills.map((s) => [s.name, s]));
  const plans: QueuePlan[] = [];
  for (let index = 0; index < count; index++) {
    const base = QUEUES[index % QUEUES.length] ?? { name: 'Queue', skill: '' };
    const round = Math.floor(index / QUEUES.length);
    const name = base.name + (REGIONS[round] ?? ` ${round + 1}`);
    const primary = byName.get(base.skill) ?? pool[index % pool.length];
    if (!primary) throw new RangeError('the emulator needs at least one skill');
    const call = SERVICE_LEVELS[index % SERVICE_LEVELS.length] ?? { percentage: 0.8, durationMs: 20_000 };
    const queue: OrgQueue = {
      index,
      id: rng.uuid(),
      name,
      description: `${name} line`,
      dateCreated: created,
      serviceLevel: call,
      mediaSettings: {
        call,
        message: { percentage: 0.8, durationMs: index % 2 === 0 ? 60_000 : 120_000 },
        email: { percentage: 0.9, durationMs: 4 * 3_600_000 },
        callback: { percentage: 0.8, durationMs: 15 * 60_000 },
      },
      memberIds: [],
      requests: [],
      wrapupCodeIds: [],
    };
    plans.push({ queue, primary, cross: [], size: 0.6 + rng.next() });
  }
  return plans;
}

/**
 * Under-staffed: the Spanish language (requested by most queues, held by few); over-staffed: French (held by
 * many, requested little); unused: a topic skill some agents hold that no queue requests.
 */
function skillRoles(
  skills: OrgSkill[],
  languages: OrgLanguage[],
  specOf: Map<string, SkillSpec>,
  plans: QueuePlan[],
): SkillRoles {
  const primaries = new Set(plans.map((p) => p.primary.id));
  const under = languages.find((l) => l.name === 'Spanish');
  const over = languages.find((l) => l.name === 'French');
  const spare = skills.filter((s) => specOf.get(s.id)?.kind === 'topic' && !primaries.has(s.id));
  const unused = spare.length >= 2 ? spare[spare.length - 1] : undefined;
  for (const [i, plan] of plans.entries()) {
    const primary = [plan.primary.id];
    const requests: RequestedSkill[] = [];
    const voice = (skillIds: string[], languageId: string | undefined, share: number): RequestedSkill => ({
      skillIds,
      languageId,
      mediaType: 'voice',
      share,
    });
    if (under && (i % 3 !== 2 || plans.length === 1)) {
      requests.push(voice(primary, under.id, 0.18 + 0.01 * (i % 7)));
    }
    if (over && i % 2 === 0) requests.push(voice(primary, over.id, 0.03));
    const crossPool = [...spare.filter((s) => s !== unused), ...plans.map((p) => p.primary)].filter(
      (s) => s !== plan.primary,
    );
    const cross = crossPool[(i * 5 + 1) % Math.max(1, crossPool.length)];
    if (cross && i % 2 === 1) {
      plan.cross.push(cross);
      requests.push(voice([cross.id], undefined, 0.1));
    }
    // a skill-less overflow stream: the last queue also takes general calls any member may answer
    if (i === plans.length - 1 && plans.length > 1) requests.push(voice([], undefined, 0.12));
    const rest = requests.reduce((a, r) => a + r.share, 0);
    const other = (mediaType: MediaType, skillIds: string[], share: number): RequestedSkill => ({
      skillIds,
      languageId: undefined,
      mediaType,
      share,
    });
    const messages =
      cross && i % 2 === 1
        ? [other('message', primary, 0.7), other('message', [plan.primary.id, cross.id], 0.3)]
        : [other('message', primary, 1)];
    plan.queue.requests = [
      voice(primary, undefined, 1 - rest),
      ...requests,
      ...messages,
      other('email', primary, 1),
      other('callback', primary, 1),
    ];
  }
  return { under, over, unused };
}

function adminUser(rng: Rng, index: number, domain: string): OrgUser {
  return {
    index,
    id: rng.uuid(),
    name: 'Dana Admin',
    email: `dana.admin@${domain}`,
    title: 'Contact Center Administrator',
    department: 'Operations',
    state: 'active',
    version: 3,
    skills: new Map(),
    aptitude: new Map(),
    languages: new Map(),
    queueIds: [],
    shift: undefined,
    answerRates: new Map(),
    speed: 1,
    messageCapacity: 4,
  };
}

function seedWrapups(
  rng: Rng,
  skills: OrgSkill[],
  specOf: Map<string, SkillSpec>,
  plans: QueuePlan[],
  created: string,
): WrapupCode[] {
  const names = new Set<string>();
  for (const skill of skills) for (const w of specOf.get(skill.id)?.wrapups ?? []) names.add(w);
  for (const w of GENERIC_WRAPUPS) names.add(w);
  const codes = [...names].map((name) => ({ id: rng.uuid(), name, dateCreated: created }));
  const byName = new Map(codes.map((c) => [c.name, c]));
  for (const plan of plans) {
    const ids = new Set<string>();
    for (const r of plan.queue.requests) {
      for (const skillId of r.skillIds)
        for (const w of specOf.get(skillId)?.wrapups ?? []) ids.add(byName.get(w)?.id ?? '');
    }
    for (const w of [...(specOf.get(plan.primary.id)?.wrapups ?? []), ...GENERIC_WRAPUPS]) {
      ids.add(byName.get(w)?.id ?? '');
    }
    ids.delete('');
    plan.queue.wrapupCodeIds = [...ids];
  }
  return codes;
}

/** Handle time of each media relative to a call on the same topic (messages are handled several at once). */
const MEDIA_AHT: Record<MediaType, number> = { voice: 1, message: 2.2, email: 1.4, callback: 1.05 };

/** Mean patience: callers minutes, messaging customers longer, callbacks long; email none. */
function patience(media: MediaType, rng: Rng): number {
  if (media === 'email') return Infinity;
  if (media === 'message') return 300 + 600 * rng.next();
  if (media === 'callback') return 3600 + 3600 * rng.next();
  return 60 + 120 * rng.next();
}

function buildStreams(
  rng: Rng,
  plans: QueuePlan[],
  specOf: Map<string, SkillSpec>,
  wrapups: WrapupCode[],
): { streams: Stream[]; shares: Map<Stream, number> } {
  const codeId = new Map(wrapups.map((c) => [c.name, c.id]));
  const streams: Stream[] = [];
  const shares = new Map<Stream, number>();
  for (const plan of plans) {
    for (const request of plan.queue.requests) {
      const topic = specOf.get(request.skillIds[0] ?? plan.primary.id) ?? specOf.get(plan.primary.id);
      const aht = (topic?.ahtSeconds || 420) * MEDIA_AHT[request.mediaType] * (0.9 + 0.2 * rng.next());
      const names = [...(topic?.wrapups ?? []), ...GENERIC_WRAPUPS];
      const weights = names.map((_, i) => (i < (topic?.wrapups.length ?? 0) ? 1 / (i + 1) : 0.08));
      const total = weights.reduce((a, b) => a + b, 0);
      const stream: Stream = {
        index: streams.length,
        queueIndex: plan.queue.index,
        queueId: plan.queue.id,
        mediaType: request.mediaType,
        skillIds: [...request.skillIds],
        languageId: request.languageId,
        peakRate: 0,
        ahtSeconds: aht,
        patienceSeconds: patience(request.mediaType, rng),
        slaSeconds: plan.queue.mediaSettings[MEDIA_SETTING[request.mediaType]].durationMs / 1000,
        slaTarget: plan.queue.mediaSettings[MEDIA_SETTING[request.mediaType]].percentage,
        acwShare: 0.1 + 0.1 * rng.next(),
        wrapups: names.map((n, i) => ({ codeId: codeId.get(n) ?? '', share: (weights[i] ?? 0) / total })),
      };
      streams.push(stream);
      shares.set(stream, request.share);
    }
  }
  return { streams, shares };
}

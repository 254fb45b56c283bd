/**
 * Builds the seeded org, deterministic per seed: skills, queues with requested-skill mixes and service-level
 * targets, wrap-up codes, agents, arrival streams calibrated to the staffing, and the weights data table.
 */
import { calibrateStreams } from './calibrate.js';
import type {
  OrgDataTable,
  OrgIdentity,
  OrgQueue,
  OrgSkill,
  OrgUser,
  RequestedSkill,
  Stream,
  WrapupCode,
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
  const plans = planQueues(rng, options.queues, skills, specOf, created);
  const roles = skillRoles(skills, specOf, plans);
  const users = seedUsers(rng, options.users, identity.domain, plans, roles, skills);
  const admin = adminUser(rng, users.length, identity.domain);
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
  return { identity, skills, users: [...users, admin], admin, queues, wrapups, streams, tables, roles };
}

function skillSpecs(count: number): SkillSpec[] {
  const specs: SkillSpec[] = [];
  for (let i = 0; i < count; i++) {
    const base = SKILLS[i % SKILLS.length] as SkillSpec;
    const tier = Math.floor(i / SKILLS.length);
    specs.push(tier === 0 ? base : { ...base, name: `${base.name} Tier ${tier + 1}` });
  }
  return specs;
}

function planQueues(
  rng: Rng,
  count: number,
  skills: OrgSkill[],
  specOf: Map<string, SkillSpec>,
  created: string,
): QueuePlan[] {
  const topics = skills.filter((s) => specOf.get(s.id)?.kind === 'topic');
  const pool = topics.length > 0 ? topics : skills;
  const byName = new Map(skills.map((s) => [s.name, s]));
  const plans: QueuePlan[] = [];
  for (let index = 0; index < count; index++) {
    const base = QUEUES[index % QUEUES.length] ?? { name: 'Queue', skill: '' };
    const round = Math.floor(index / QUEUES.length);
    const name = base.name + (REGIONS[round] ?? ` ${round + 1}`);
    const primary = byName.get(base.skill) ?? pool[index % pool.length];
    if (!primary) throw new RangeError('the emulator needs at least one skill');
    const queue: OrgQueue = {
      index,
      id: rng.uuid(),
      name,
      description: `${name} line`,
      dateCreated: created,
      serviceLevel: SERVICE_LEVELS[index % SERVICE_LEVELS.length] ?? { percentage: 0.8, durationMs: 20_000 },
      memberIds: [],
      requests: [],
      wrapupCodeIds: [],
    };
    plans.push({ queue, primary, cross: [], size: 0.6 + rng.next() });
  }
  return plans;
}

/** Under-staffed: Spanish (or the first language); over-staffed: French; unused: a topic no queue asks for. */
function skillRoles(skills: OrgSkill[], specOf: Map<string, SkillSpec>, plans: QueuePlan[]): SkillRoles {
  const languages = skills.filter((s) => specOf.get(s.id)?.kind === 'language');
  const primaries = new Set(plans.map((p) => p.primary.id));
  const under = skills.find((s) => s.name === 'Spanish') ?? languages[0];
  const over = skills.find((s) => s.name === 'French') ?? languages.find((s) => s !== under);
  const spare = skills.filter((s) => specOf.get(s.id)?.kind === 'topic' && !primaries.has(s.id));
  const unused = spare.length >= 2 ? spare[spare.length - 1] : undefined;
  for (const [i, plan] of plans.entries()) {
    const requests: RequestedSkill[] = [];
    if (under && under !== plan.primary && (i % 3 !== 2 || plans.length === 1)) {
      requests.push({ skillId: under.id, share: 0.18 + 0.01 * (i % 7) });
    }
    if (over && over !== plan.primary && i % 2 === 0) requests.push({ skillId: over.id, share: 0.03 });
    const crossPool = [...spare.filter((s) => s !== unused), ...plans.map((p) => p.primary)].filter(
      (s) => s !== plan.primary,
    );
    const cross = crossPool[(i * 5 + 1) % Math.max(1, crossPool.length)];
    if (cross && i % 2 === 1) {
      plan.cross.push(cross);
      requests.push({ skillId: cross.id, share: 0.1 });
    }
    const rest = requests.reduce((a, r) => a + r.share, 0);
    plan.queue.requests = [{ skillId: plan.primary.id, share: 1 - rest }, ...requests];
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
    queueIds: [],
    shift: undefined,
    answerRates: new Map(),
    speed: 1,
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
      for (const w of specOf.get(r.skillId)?.wrapups ?? []) ids.add(byName.get(w)?.id ?? '');
    }
    for (const w of [...(specOf.get(plan.primary.id)?.wrapups ?? []), ...GENERIC_WRAPUPS]) {
      ids.add(byName.get(w)?.id ?? '');
    }
    ids.delete('');
    plan.queue.wrapupCodeIds = [...ids];
  }
  return codes;
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
      const spec = specOf.get(request.skillId);
      const topic = spec?.kind === 'topic' ? spec : specOf.get(plan.primary.id);
      const aht = (topic?.ahtSeconds || 420) * (0.9 + 0.2 * rng.next());
      const names = [...(topic?.wrapups ?? []), ...GENERIC_WRAPUPS];
      const weights = names.map((_, i) => (i < (topic?.wrapups.length ?? 0) ? 1 / (i + 1) : 0.08));
      const total = weights.reduce((a, b) => a + b, 0);
      const stream: Stream = {
        index: streams.length,
        queueIndex: plan.queue.index,
        queueId: plan.queue.id,
        skillId: request.skillId,
        peakRate: 0,
        ahtSeconds: aht,
        patienceSeconds: 60 + 120 * rng.next(),
        slaSeconds: plan.queue.serviceLevel.durationMs / 1000,
        slaTarget: plan.queue.serviceLevel.percentage,
        acwShare: 0.1 + 0.1 * rng.next(),
        wrapups: names.map((n, i) => ({ codeId: codeId.get(n) ?? '', share: (weights[i] ?? 0) / total })),
      };
      streams.push(stream);
      shares.set(stream, request.share);
    }
  }
  return { streams, shares };
}

/**
 * Divisions, applied on top of the seeded org (the seed keeps every object in the home division): a second
 * division holds about a fifth of the users, the last queue and the skills only that queue requests (skills are
 * divisioned objects in Genesys: RoutingSkill has a `division`; routing languages have none, so they stay
 * org-wide). The OAuth client `division-limited` has a role that covers only the home division, as a Genesys role
 * granted "in division Home" does: objects of other divisions are left out of listings and are not found by id,
 * and writes to them answer 403 naming the division. A user's skill assignments stay listed on the user (they
 * belong to the user, in the user's division); adding, removing or changing one of another division's skills
 * is a write to that skill and answers 403.
 */
import { createHash } from 'node:crypto';
import { EmulatorRequestError } from './errors.js';
import type { EmulatorOrg } from './org.js';
import type { Reply } from './http/respond.js';

export const DIVISION_LIMITED_CLIENT = { id: 'division-limited', secret: 'division-limited-secret' } as const;

export interface DivisionRef {
  id: string;
  name: string;
}

export interface OrgDivisions {
  home: DivisionRef;
  all: DivisionRef[];
  /** object id (user, queue, skill) → its division, for objects outside the home division */
  away: Map<string, DivisionRef>;
}

const assigned = new WeakMap<EmulatorOrg, OrgDivisions>();

/** The org's divisions, assigned deterministically from the seed on first use. */
export function divisionsOf(org: EmulatorOrg): OrgDivisions {
  let divisions = assigned.get(org);
  if (divisions) return divisions;
  const home = { id: org.identity.divisionId, name: org.identity.divisionName };
  const partner = { id: uuidFrom(`${org.identity.id}:division:partner`), name: 'Partner Support' };
  const away = new Map<string, DivisionRef>();
  for (const user of org.users) if (share(user.id) < 0.2) away.set(user.id, partner);
  const lastQueue = org.queues.at(-1);
  if (lastQueue && org.queues.length > 1) {
    away.set(lastQueue.id, partner);
    const requested = (q: (typeof org.queues)[number]) => new Set(q.requests.flatMap((r) => r.skillIds));
    const home = new Set(org.queues.slice(0, -1).flatMap((q) => [...requested(q)]));
    for (const id of requested(lastQueue)) if (!home.has(id)) away.set(id, partner);
  }
  divisions = { home, all: [home, partner], away };
  assigned.set(org, divisions);
  return divisions;
}

export function divisionJson(division: DivisionRef): Record<string, string> {
  return { id: division.id, name: division.name, selfUri: `/api/v2/authorization/divisions/${division.id}` };
}

/** Whether the client's role covers only the home division. */
export function homeOnly(clientId: string): boolean {
  return clientId === DIVISION_LIMITED_CLIENT.id;
}

/**
 * Before a request of a home-only client runs: a path naming an object of another division is not found (reads)
 * or forbidden (writes), as Genesys answers a role without that division.
 */
export function divisionGate(org: EmulatorOrg, method: string, params: Record<string, string>): void {
  const divisions = divisionsOf(org);
  for (const [param, id] of Object.entries(params)) {
    const division = divisions.away.get(id);
    if (!division) continue;
    if (method === 'GET')
      throw new EmulatorRequestError(404, 'not.found', 'The requested resource was not found.', [
        { entityId: id },
      ]);
    throw new EmulatorRequestError(
      403,
      'missing.division.permission',
      `You are not authorized to change ${param.replace(/Id$/, '')} ${id}: it is in division "${division.name}", ` +
        "outside the divisions this OAuth client's role is granted in (division scope)",
      [{ entityId: id, errorCode: 'missing.division.permission' }],
    );
  }
}

/**
 * Every answer: entities carry their own division; for a home-only client, objects of other divisions are left
 * out of listings (totals follow).
 */
export function scopeReply(org: EmulatorOrg, reply: Reply, limited: boolean): Reply {
  const body = reply.body;
  if (typeof body !== 'object' || body === null) return reply;
  const divisions = divisionsOf(org);
  const record = body as { entities?: unknown; total?: number; pageCount?: number; pageSize?: number };
  if (Array.isArray(record.entities)) {
    const before = record.entities.length;
    // a user's skill assignment (it links to its skill) is the user's: it stays listed
    const entities = (record.entities as Record<string, unknown>[]).filter(
      (e) => !limited || !divisions.away.has(String(e.id)) || 'skillUri' in e,
    );
    for (const entity of entities) markDivision(divisions, entity);
    const hidden = before - entities.length;
    const next: Record<string, unknown> = { ...record, entities };
    if (hidden > 0 && typeof record.total === 'number') {
      // a scoped listing counts what the client may see; pages keep their size
      next.total = record.total - hidden;
    }
    return { ...reply, body: next };
  }
  markDivision(divisions, body as Record<string, unknown>);
  return reply;
}

function markDivision(divisions: OrgDivisions, entity: Record<string, unknown>): void {
  if (!('division' in entity)) return;
  const away = divisions.away.get(String(entity.id));
  if (away) entity.division = divisionJson(away);
}

/** `GET /api/v2/authorization/divisions`: the divisions the client can see. */
export function divisionListing(org: EmulatorOrg, limited: boolean): Record<string, unknown> {
  const divisions = divisionsOf(org);
  const visible = limited ? [divisions.home] : divisions.all;
  const entities = visible.map((d) => ({
    ...divisionJson(d),
    description: d === divisions.home ? 'The home division' : 'Agents of the partner contact centre',
    homeDivision: d === divisions.home,
  }));
  return { entities, pageSize: 25, pageNumber: 1, total: entities.length, pageCount: 1 };
}

function share(id: string): number {
  return createHash('sha256').update(`division:${id}`).digest().readUInt32BE(0) / 2 ** 32;
}

function uuidFrom(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * For a home-only client: 403 when a write to a user's skills adds, removes or changes a skill of another
 * division (the body of the bulk and POST routes names skills the path does not).
 */
export function checkSkillScope(
  org: EmulatorOrg,
  clientId: string,
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
): void {
  if (!homeOnly(clientId)) return;
  const { away } = divisionsOf(org);
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const division = away.get(id);
    if (!division || before.get(id) === after.get(id)) continue;
    throw new EmulatorRequestError(
      403,
      'missing.division.permission',
      `You are not authorized to assign skill ${id}: it is in division "${division.name}", ` +
        "outside the divisions this OAuth client's role is granted in (division scope)",
      [{ entityId: id, errorCode: 'missing.division.permission' }],
    );
  }
}

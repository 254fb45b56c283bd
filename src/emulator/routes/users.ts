/** /api/v2/users and a user's routing skills. */
import { badRequest } from '../errors.js';
import type { OrgUser } from '../model.js';
import {
  parseProficiency,
  parseSkillWrite,
  parseSkillWrites,
  removeUserSkill,
  writeUserSkills,
} from '../mutations.js';
import type { ApiContext, ApiHandler } from '../runtime.js';
import { dropExpandedFields, withVersionConflicts } from '../http/faults.js';
import type { Router } from '../http/router.js';
import { listing, multi, parsePaging, sortOrder } from './listing.js';
import { userJson, userSkillJson, userSkills } from './render.js';

const USER_STATES = ['active', 'inactive', 'deleted', 'any'];

const BULK_SKILL_LIMIT = 50;

const sorted = new WeakMap<OrgUser[], OrgUser[]>();

/** Users by name, then id (users are never added, so the order is computed once). */
function sortedByName(users: OrgUser[]): OrgUser[] {
  let list = sorted.get(users);
  if (!list) {
    list = [...users].sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id));
    sorted.set(users, list);
  }
  return list;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function listUsers(ctx: ApiContext) {
  const { org, query } = ctx;
  const paging = parsePaging(query, { size: 25, max: 500 });
  const expand = new Set(multi(query, 'expand'));
  const ids = multi(query, 'id');
  const state = query.get('state') ?? 'active';
  if (!USER_STATES.includes(state))
    throw badRequest(`state must be one of ${USER_STATES.join(', ')}`, 'state');
  if (ids.length > 100) throw badRequest('At most 100 ids may be requested at once', 'id');
  const order = sortOrder(query);
  let users = sortedByName(org.users).filter((u) => state === 'any' || u.state === state);
  if (ids.length > 0) {
    const wanted = new Set(ids);
    users = users.filter((u) => wanted.has(u.id));
  }
  if (order < 0) users.reverse();
  const page = listing(users, paging, '/api/v2/users', query);
  page.entities = (page.entities as OrgUser[]).map((u) =>
    dropExpandedFields(ctx.runtime.faults, userJson(org, u, expand)),
  );
  return { status: 200, body: page };
}

function getUser(ctx: ApiContext) {
  const user = ctx.org.user(ctx.params.userId ?? '');
  return { status: 200, body: userJson(ctx.org, user, new Set(multi(ctx.query, 'expand'))) };
}

function skillListing(ctx: ApiContext, user: OrgUser, all = false) {
  const paging = all
    ? { pageSize: Math.max(1, user.skills.size), pageNumber: 1 }
    : parsePaging(ctx.query, { size: 25, max: 500 });
  const order = sortOrder(ctx.query);
  const skills = userSkills(ctx.org, user);
  if (order < 0) skills.reverse();
  return listing(skills, paging, `/api/v2/users/${user.id}/routingskills`, ctx.query);
}

function getUserSkills(ctx: ApiContext) {
  return { status: 200, body: skillListing(ctx, ctx.org.user(ctx.params.userId ?? '')) };
}

function bulk(mode: 'replace' | 'patch'): ApiHandler {
  return (ctx) => {
    const user = ctx.org.user(ctx.params.userId ?? '');
    // the bulk calls take at most 50 skills (CX as Code chunks its writes for this limit)
    if (Array.isArray(ctx.body) && ctx.body.length > BULK_SKILL_LIMIT) {
      throw badRequest(`At most ${BULK_SKILL_LIMIT} skills may be written in one request`, 'body');
    }
    const writes = parseSkillWrites(ctx.org, ctx.body);
    writeUserSkills(ctx.org, user, writes, mode, ctx.actor);
    return { status: 200, body: skillListing(ctx, user, true) };
  };
}

function postUserSkill(ctx: ApiContext) {
  const user = ctx.org.user(ctx.params.userId ?? '');
  const write = parseSkillWrite(ctx.org, ctx.body, 'body');
  writeUserSkills(ctx.org, user, [write], 'patch', ctx.actor);
  return { status: 200, body: userSkillJson(ctx.org, user.id, write.id, write.proficiency) };
}

function putUserSkill(ctx: ApiContext) {
  const user = ctx.org.user(ctx.params.userId ?? '');
  const skillId = ctx.params.skillId ?? '';
  const body = ctx.body as { id?: unknown; proficiency?: unknown } | undefined;
  if (typeof body !== 'object' || body === null)
    throw badRequest('The body must be a UserRoutingSkill object');
  if (body.id !== undefined && body.id !== skillId)
    throw badRequest('The id in the body does not match the skill id', 'id');
  const write = parseSkillWrite(
    ctx.org,
    { id: skillId, proficiency: parseProficiency(body.proficiency, 'proficiency') },
    'body',
  );
  writeUserSkills(ctx.org, user, [write], 'patch', ctx.actor);
  return { status: 200, body: userSkillJson(ctx.org, user.id, write.id, write.proficiency) };
}

function deleteUserSkill(ctx: ApiContext) {
  const user = ctx.org.user(ctx.params.userId ?? '');
  removeUserSkill(ctx.org, user, ctx.params.skillId ?? '', ctx.actor);
  return { status: 204 };
}

export function userRoutes(router: Router<ApiHandler>): void {
  router
    .add('GET', '/api/v2/users', listUsers)
    .add('GET', '/api/v2/users/{userId}', getUser)
    .add('GET', '/api/v2/users/{userId}/routingskills', getUserSkills)
    .add('POST', '/api/v2/users/{userId}/routingskills', withVersionConflicts(postUserSkill))
    .add('PUT', '/api/v2/users/{userId}/routingskills/bulk', withVersionConflicts(bulk('replace')))
    .add('PATCH', '/api/v2/users/{userId}/routingskills/bulk', withVersionConflicts(bulk('patch')))
    .add('PUT', '/api/v2/users/{userId}/routingskills/{skillId}', withVersionConflicts(putUserSkill))
    .add('DELETE', '/api/v2/users/{userId}/routingskills/{skillId}', withVersionConflicts(deleteUserSkill));
}

/** /api/v2/routing: skills, queues with their members and wrap-up codes. */
import { createSkill } from '../mutations.js';
import type { OrgQueue, OrgSkill, OrgUser, WrapupCode } from '../model.js';
import { notFound } from '../errors.js';
import type { ApiContext, ApiHandler } from '../runtime.js';
import type { Router } from '../http/router.js';
import { listing, multi, nameMatcher, parsePaging, sortOrder } from './listing.js';
import { memberJson, queueJson, skillJson, wrapupJson } from './render.js';

function byName<T extends { name: string }>(items: T[], order: 1 | -1): T[] {
  return [...items].sort((a, b) => order * a.name.localeCompare(b.name));
}

function withIds<T extends { id: string }>(items: T[], ids: string[]): T[] {
  if (ids.length === 0) return items;
  const wanted = new Set(ids);
  return items.filter((i) => wanted.has(i.id));
}

function listSkills(ctx: ApiContext) {
  const { org, query } = ctx;
  const matches = nameMatcher(query.get('name'), 'prefix');
  const skills = byName(
    withIds(org.skills, multi(query, 'id')).filter((s) => matches(s.name)),
    1,
  );
  const page = listing(skills, parsePaging(query), '/api/v2/routing/skills', query);
  page.entities = (page.entities as OrgSkill[]).map((s) => skillJson(org, s));
  return { status: 200, body: page };
}

function postSkill(ctx: ApiContext) {
  return { status: 200, body: skillJson(ctx.org, createSkill(ctx.org, ctx.body, ctx.actor)) };
}

function getSkill(ctx: ApiContext) {
  return { status: 200, body: skillJson(ctx.org, ctx.org.skill(ctx.params.skillId ?? '')) };
}

function listQueues(ctx: ApiContext) {
  const { org, query } = ctx;
  const matches = nameMatcher(query.get('name'));
  const queues = byName(
    withIds(org.queues, multi(query, 'id')).filter((q) => matches(q.name)),
    sortOrder(query),
  );
  const page = listing(queues, parsePaging(query), '/api/v2/routing/queues', query);
  page.entities = (page.entities as OrgQueue[]).map((q) => queueJson(org, q));
  return { status: 200, body: page };
}

function getQueue(ctx: ApiContext) {
  return { status: 200, body: queueJson(ctx.org, ctx.org.queue(ctx.params.queueId ?? '')) };
}

function listMembers(ctx: ApiContext) {
  const { org, query } = ctx;
  const queue = org.queue(ctx.params.queueId ?? '');
  const matches = nameMatcher(query.get('name') ? `*${query.get('name') ?? ''}*` : null);
  const members = queue.memberIds
    .map((id) => org.findUser(id))
    .filter((u): u is OrgUser => u !== undefined && matches(u.name));
  const page = listing(
    byName(members, sortOrder(query)),
    parsePaging(query, { size: 25, max: 100 }),
    `/api/v2/routing/queues/${queue.id}/members`,
    query,
    {
      totals: false,
    },
  );
  page.entities = (page.entities as OrgUser[]).map((u) => memberJson(u));
  return { status: 200, body: page };
}

function codeListing(ctx: ApiContext, codes: WrapupCode[], path: string) {
  const matches = nameMatcher(ctx.query.get('name'), 'prefix');
  const list = byName(
    withIds(codes, multi(ctx.query, 'id')).filter((c) => matches(c.name)),
    sortOrder(ctx.query),
  );
  const page = listing(list, parsePaging(ctx.query), path, ctx.query);
  page.entities = (page.entities as WrapupCode[]).map((c) => wrapupJson(ctx.org, c));
  return { status: 200, body: page };
}

function listWrapups(ctx: ApiContext) {
  return codeListing(ctx, ctx.org.wrapups, '/api/v2/routing/wrapupcodes');
}

function getWrapup(ctx: ApiContext) {
  const code = ctx.org.wrapups.find((c) => c.id === ctx.params.codeId);
  if (!code) throw notFound(`Wrap-up code ${ctx.params.codeId ?? ''} not found`, ctx.params.codeId);
  return { status: 200, body: wrapupJson(ctx.org, code) };
}

function listQueueWrapups(ctx: ApiContext) {
  const queue = ctx.org.queue(ctx.params.queueId ?? '');
  const codes = ctx.org.wrapups.filter((c) => queue.wrapupCodeIds.includes(c.id));
  return codeListing(ctx, codes, `/api/v2/routing/queues/${queue.id}/wrapupcodes`);
}

export function routingRoutes(router: Router<ApiHandler>): void {
  router
    .add('GET', '/api/v2/routing/skills', listSkills)
    .add('POST', '/api/v2/routing/skills', postSkill)
    .add('GET', '/api/v2/routing/skills/{skillId}', getSkill)
    .add('GET', '/api/v2/routing/queues', listQueues)
    .add('GET', '/api/v2/routing/queues/{queueId}', getQueue)
    .add('GET', '/api/v2/routing/queues/{queueId}/members', listMembers)
    .add('GET', '/api/v2/routing/queues/{queueId}/wrapupcodes', listQueueWrapups)
    .add('GET', '/api/v2/routing/wrapupcodes', listWrapups)
    .add('GET', '/api/v2/routing/wrapupcodes/{codeId}', getWrapup);
}

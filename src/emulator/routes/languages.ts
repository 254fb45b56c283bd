/**
 * Routing languages: the org's list (GET /api/v2/routing/languages) and a user's languages
 * (/api/v2/users/{userId}/routinglanguages…). Genesys has no replace-all for languages: writes add or update
 * (POST, PATCH …/bulk with at most 50, PATCH one) and DELETE removes one.
 */
import { badRequest } from '../errors.js';
import type { OrgLanguage, OrgUser } from '../model.js';
import {
  knownLanguage,
  parseLanguageWrite,
  parseLanguageWrites,
  parseProficiency,
  writeUserLanguages,
} from '../mutations.js';
import type { ApiContext, ApiHandler } from '../runtime.js';
import { withVersionConflicts } from '../http/faults.js';
import type { Router } from '../http/router.js';
import { listing, multi, nameMatcher, parsePaging, sortOrder } from './listing.js';
import { languageJson, userLanguageJson, userLanguages } from './render.js';

function listLanguages(ctx: ApiContext) {
  const { org, query } = ctx;
  const matches = nameMatcher(query.get('name'), 'prefix');
  const ids = new Set(multi(query, 'id'));
  const order = sortOrder(query);
  const languages = org.languages
    .filter((l) => (ids.size === 0 || ids.has(l.id)) && matches(l.name))
    .sort((a, b) => order * a.name.localeCompare(b.name));
  const page = listing(languages, parsePaging(query), '/api/v2/routing/languages', query);
  page.entities = (page.entities as OrgLanguage[]).map(languageJson);
  return { status: 200, body: page };
}

function languageListing(ctx: ApiContext, user: OrgUser, all = false) {
  const paging = all
    ? { pageSize: Math.max(1, user.languages.size), pageNumber: 1 }
    : parsePaging(ctx.query, { size: 25, max: 500 });
  const languages = userLanguages(ctx.org, user);
  if (sortOrder(ctx.query) < 0) languages.reverse();
  return listing(languages, paging, `/api/v2/users/${user.id}/routinglanguages`, ctx.query);
}

function getUserLanguages(ctx: ApiContext) {
  return { status: 200, body: languageListing(ctx, ctx.org.user(ctx.params.userId ?? '')) };
}

function postUserLanguage(ctx: ApiContext) {
  const user = ctx.org.user(ctx.params.userId ?? '');
  const write = parseLanguageWrite(ctx.org, ctx.body, 'body');
  writeUserLanguages(ctx.org, user, [write], [], ctx.actor);
  return { status: 200, body: userLanguageJson(ctx.org, user.id, write.id, write.proficiency) };
}

function patchUserLanguages(ctx: ApiContext) {
  const user = ctx.org.user(ctx.params.userId ?? '');
  writeUserLanguages(ctx.org, user, parseLanguageWrites(ctx.org, ctx.body), [], ctx.actor);
  return { status: 200, body: languageListing(ctx, user, true) };
}

function patchUserLanguage(ctx: ApiContext) {
  const user = ctx.org.user(ctx.params.userId ?? '');
  const languageId = ctx.params.languageId ?? '';
  const body = ctx.body as { id?: unknown; proficiency?: unknown } | undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('The body must be a UserRoutingLanguage object');
  if (body.id !== undefined && body.id !== languageId)
    throw badRequest('The id in the body does not match the language id', 'id');
  const write = parseLanguageWrite(
    ctx.org,
    { id: languageId, proficiency: parseProficiency(body.proficiency, 'proficiency') },
    'body',
  );
  writeUserLanguages(ctx.org, user, [write], [], ctx.actor);
  return { status: 200, body: userLanguageJson(ctx.org, user.id, write.id, write.proficiency) };
}

function deleteUserLanguage(ctx: ApiContext) {
  const user = ctx.org.user(ctx.params.userId ?? '');
  const languageId = knownLanguage(ctx.org, ctx.params.languageId ?? '', 'languageId');
  writeUserLanguages(ctx.org, user, [], [languageId], ctx.actor);
  return { status: 204 };
}

export function languageRoutes(router: Router<ApiHandler>): void {
  router
    .add('GET', '/api/v2/routing/languages', listLanguages)
    .add('GET', '/api/v2/users/{userId}/routinglanguages', getUserLanguages)
    .add('POST', '/api/v2/users/{userId}/routinglanguages', withVersionConflicts(postUserLanguage))
    .add('PATCH', '/api/v2/users/{userId}/routinglanguages/bulk', withVersionConflicts(patchUserLanguages))
    .add(
      'PATCH',
      '/api/v2/users/{userId}/routinglanguages/{languageId}',
      withVersionConflicts(patchUserLanguage),
    )
    .add(
      'DELETE',
      '/api/v2/users/{userId}/routinglanguages/{languageId}',
      withVersionConflicts(deleteUserLanguage),
    );
}

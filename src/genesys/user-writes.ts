import { seg } from './listing.js';
import { PERMISSIONS } from './permissions.js';
import type { CallFn } from './pipeline.js';
import type { LanguageWrite, SkillWrite } from './port.js';

/**
 * The bulk skill and language calls take at most 50 entries. CX as Code (Genesys's Terraform provider) chunks
 * for the same reason: "Bulk API restricts skills adds to 50 per call" (`updateUserRoutingSkills`,
 * genesyscloud/user/resource_genesyscloud_user_utils.go, MyPureCloud/terraform-provider-genesyscloud).
 */
export const BULK_LIMIT = 50;

const routingSkills = (userId: string) => `/api/v2/users/${seg(userId)}/routingskills`;
const routingLanguages = (userId: string) => `/api/v2/users/${seg(userId)}/routinglanguages`;

/**
 * Replaces the user's skills. Up to 50: one `PUT …/routingskills/bulk`. Above: the first 50 by PUT (which drops
 * every other skill) and the rest by PATCH in chunks of 50, so the outcome is still exactly `skills`. Each call
 * is idempotent, so a re-run after a failure part-way reaches the same end.
 */
export async function replaceUserSkills(call: CallFn, userId: string, skills: SkillWrite[]): Promise<void> {
  // an empty list still sends one PUT of nothing: that clears the user's skills
  const [first = [], ...rest] = chunks(skills.map(toEntryPost), BULK_LIMIT);
  await call({
    method: 'PUT',
    path: `${routingSkills(userId)}/bulk`,
    body: first,
    permission: PERMISSIONS.assignUserSkills,
    write: true,
    retryConflicts: true,
  });
  for (const chunk of rest) await patchBulk(call, routingSkills(userId), chunk, PERMISSIONS.assignUserSkills);
}

/** `PATCH …/routingskills/bulk` in chunks of 50: adds or updates the given skills. */
export async function patchUserSkills(call: CallFn, userId: string, skills: SkillWrite[]): Promise<void> {
  for (const chunk of chunks(skills.map(toEntryPost), BULK_LIMIT)) {
    await patchBulk(call, routingSkills(userId), chunk, PERMISSIONS.assignUserSkills);
  }
}

/** `DELETE …/routingskills/{skillId}`; a 404 after a dropped attempt means that attempt already removed it. */
export function deleteUserSkill(call: CallFn, userId: string, skillId: string): Promise<void> {
  return deleteEntry(call, `${routingSkills(userId)}/${seg(skillId)}`, PERMISSIONS.assignUserSkills);
}

/** `PATCH …/routinglanguages/bulk` in chunks of 50 (Genesys has no PUT for languages). */
export async function patchUserLanguages(
  call: CallFn,
  userId: string,
  languages: LanguageWrite[],
): Promise<void> {
  for (const chunk of chunks(languages.map(toEntryPost), BULK_LIMIT)) {
    await patchBulk(call, routingLanguages(userId), chunk, PERMISSIONS.assignUserLanguages);
  }
}

/** `DELETE …/routinglanguages/{languageId}`; a 404 after a dropped attempt means it is already gone. */
export function deleteUserLanguage(call: CallFn, userId: string, languageId: string): Promise<void> {
  return deleteEntry(call, `${routingLanguages(userId)}/${seg(languageId)}`, PERMISSIONS.assignUserLanguages);
}

async function patchBulk(
  call: CallFn,
  base: string,
  body: { id: string; proficiency: number }[],
  permission: string,
): Promise<void> {
  await call({ method: 'PATCH', path: `${base}/bulk`, body, permission, write: true, retryConflicts: true });
}

async function deleteEntry(call: CallFn, path: string, permission: string): Promise<void> {
  await call({
    method: 'DELETE',
    path,
    permission,
    write: true,
    retryConflicts: true,
    accept: (status, _body, ambiguous) => ambiguous && status === 404,
  });
}

function toEntryPost(entry: SkillWrite | LanguageWrite): { id: string; proficiency: number } {
  return { id: entry.id, proficiency: entry.proficiency };
}

/** `items` in runs of `size` (none for an empty list). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Writes to the org, each validated like Genesys does, recorded in the audit trail under the actor's name, and
 * taking effect on the simulated conversations from the next slot on.
 */
import { checkSkillScope } from './divisions.js';
import { badRequest, EmulatorRequestError } from './errors.js';
import type { Actor, DataTableRow, OrgDataTable, OrgSkill, OrgUser } from './model.js';
import type { EmulatorOrg } from './org.js';

export interface SkillWrite {
  id: string;
  proficiency: number;
}

/** Validates a UserRoutingSkillPost-shaped value. */
export function parseSkillWrite(org: EmulatorOrg, value: unknown, field: string): SkillWrite {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest(`${field} must be an object with id and proficiency`, field);
  }
  const { id, proficiency } = value as { id?: unknown; proficiency?: unknown };
  if (typeof id !== 'string' || id === '') throw badRequest(`${field}.id must be a skill id`, `${field}.id`);
  return {
    id: knownSkill(org, id, `${field}.id`).id,
    proficiency: parseProficiency(proficiency, `${field}.proficiency`),
  };
}

export function parseProficiency(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 5) {
    throw badRequest(`${field} must be a number from 0 to 5`, field);
  }
  return value;
}

export function knownSkill(org: EmulatorOrg, id: string, field: string): OrgSkill {
  const skill = org.findSkill(id);
  if (!skill) throw badRequest(`Skill ${id} does not exist in this organization`, field);
  return skill;
}

export function parseSkillWrites(org: EmulatorOrg, body: unknown): SkillWrite[] {
  if (!Array.isArray(body)) throw badRequest('The request body must be an array of {id, proficiency}');
  const writes = body.map((item, i) => parseSkillWrite(org, item, `body[${i}]`));
  const seen = new Set<string>();
  for (const w of writes) {
    if (seen.has(w.id)) throw badRequest(`Skill ${w.id} appears more than once`, 'body');
    seen.add(w.id);
  }
  return writes;
}

/** Replaces (`replace`) or adds/updates (`patch`) a user's skills; returns whether anything changed. */
export function writeUserSkills(
  org: EmulatorOrg,
  user: OrgUser,
  writes: SkillWrite[],
  mode: 'replace' | 'patch',
  actor: Actor,
): boolean {
  const before = new Map(user.skills);
  const after = mode === 'replace' ? new Map<string, number>() : new Map(user.skills);
  for (const w of writes) after.set(w.id, w.proficiency);
  return commitUserSkills(org, user, before, after, actor);
}

export function removeUserSkill(org: EmulatorOrg, user: OrgUser, skillId: string, actor: Actor): boolean {
  knownSkill(org, skillId, 'skillId');
  const before = new Map(user.skills);
  const after = new Map(user.skills);
  after.delete(skillId);
  return commitUserSkills(org, user, before, after, actor);
}

/** Validates a UserRoutingLanguagePost-shaped value. */
export function parseLanguageWrite(org: EmulatorOrg, value: unknown, field: string): SkillWrite {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest(`${field} must be an object with id and proficiency`, field);
  }
  const { id, proficiency } = value as { id?: unknown; proficiency?: unknown };
  if (typeof id !== 'string' || id === '')
    throw badRequest(`${field}.id must be a language id`, `${field}.id`);
  return {
    id: knownLanguage(org, id, `${field}.id`),
    proficiency: parseProficiency(proficiency, `${field}.proficiency`),
  };
}

export function knownLanguage(org: EmulatorOrg, id: string, field: string): string {
  if (!org.findLanguage(id)) throw badRequest(`Language ${id} does not exist in this organization`, field);
  return id;
}

/** Bulk language writes: at most 50 per call, as Genesys documents for PATCH …/routinglanguages/bulk. */
export function parseLanguageWrites(org: EmulatorOrg, body: unknown): SkillWrite[] {
  if (!Array.isArray(body)) throw badRequest('The request body must be an array of {id, proficiency}');
  if (body.length > 50) throw badRequest('At most 50 languages may be written in one request', 'body');
  const writes = body.map((item, i) => parseLanguageWrite(org, item, `body[${i}]`));
  const seen = new Set<string>();
  for (const w of writes) {
    if (seen.has(w.id)) throw badRequest(`Language ${w.id} appears more than once`, 'body');
    seen.add(w.id);
  }
  return writes;
}

/** Adds or updates (there is no replace-all for languages in Genesys) and removes a user's routing languages. */
export function writeUserLanguages(
  org: EmulatorOrg,
  user: OrgUser,
  writes: SkillWrite[],
  removals: string[],
  actor: Actor,
): boolean {
  const before = new Map(user.languages);
  const after = new Map(user.languages);
  for (const w of writes) after.set(w.id, w.proficiency);
  for (const id of removals) after.delete(id);
  const changes = propertyChanges(before, after, (id) => `routingLanguages.${org.languageName(id)}`);
  if (changes.length === 0) return false;
  user.languages = after;
  return commitUser(org, user, changes, actor);
}

function propertyChanges(
  before: Map<string, number>,
  after: Map<string, number>,
  property: (id: string) => string,
): { property: string; oldValues: string[]; newValues: string[] }[] {
  const changes: { property: string; oldValues: string[]; newValues: string[] }[] = [];
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const old = before.get(id);
    const next = after.get(id);
    if (old === next) continue;
    changes.push({
      property: property(id),
      oldValues: old === undefined ? [] : [String(old)],
      newValues: next === undefined ? [] : [String(next)],
    });
  }
  return changes;
}

function commitUserSkills(
  org: EmulatorOrg,
  user: OrgUser,
  before: Map<string, number>,
  after: Map<string, number>,
  actor: Actor,
): boolean {
  const changes = propertyChanges(before, after, (id) => `routingSkills.${org.skillName(id)}`);
  if (changes.length === 0) return false;
  checkSkillScope(org, actor.clientId, before, after);
  user.skills = after;
  return commitUser(org, user, changes, actor);
}

function commitUser(
  org: EmulatorOrg,
  user: OrgUser,
  changes: { property: string; oldValues: string[]; newValues: string[] }[],
  actor: Actor,
): boolean {
  user.version++;
  org.configurationChanged();
  const removedOnly = changes.every((c) => c.newValues.length === 0);
  const addedOnly = changes.every((c) => c.oldValues.length === 0);
  org.recordAudit({
    serviceName: 'Routing',
    entityType: 'User',
    entity: { id: user.id, name: user.name },
    action: removedOnly ? 'Delete' : addedOnly ? 'Add' : 'Update',
    actor,
    propertyChanges: changes,
  });
  return true;
}

export function createSkill(org: EmulatorOrg, body: unknown, actor: Actor): OrgSkill {
  const name = (body as { name?: unknown } | null)?.name;
  if (typeof name !== 'string' || name.trim() === '') throw badRequest('name is required', 'name');
  if (org.skills.some((s) => s.name.toLowerCase() === name.trim().toLowerCase())) {
    throw new EmulatorRequestError(
      400,
      'general.bad.request',
      `A skill named "${name.trim()}" already exists`,
      [{ fieldName: 'name' }],
    );
  }
  const skill: OrgSkill = {
    id: org.rng.uuid(),
    name: name.trim(),
    dateModified: org.now().toISOString(),
    version: 1,
  };
  org.addSkill(skill);
  org.recordAudit({
    serviceName: 'Routing',
    entityType: 'Skill',
    entity: { id: skill.id, name: skill.name },
    action: 'Create',
    actor,
    propertyChanges: [{ property: 'name', oldValues: [], newValues: [skill.name] }],
  });
  return skill;
}

/** Validates a row against the table's schema (key required; only declared columns, of the declared type). */
export function parseRow(table: OrgDataTable, body: unknown, key?: string): DataTableRow {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The row must be a JSON object of column values');
  }
  const row = { ...(body as Record<string, unknown>) };
  if (key !== undefined) {
    if (row.key !== undefined && row.key !== key)
      throw badRequest('The key in the body does not match the row id', 'key');
    row.key = key;
  }
  if (typeof row.key !== 'string' || row.key === '')
    throw badRequest('key is required and must be a string', 'key');
  const properties = (table.schema.properties ?? {}) as Record<string, { type?: string }>;
  for (const [name, value] of Object.entries(row)) {
    const column = properties[name];
    if (!column) throw badRequest(`Column "${name}" is not defined in data table ${table.name}`, name);
    if (value === null) continue;
    const ok =
      column.type === 'integer'
        ? Number.isInteger(value)
        : column.type === 'number'
          ? typeof value === 'number' && Number.isFinite(value)
          : column.type === 'boolean'
            ? typeof value === 'boolean'
            : typeof value === 'string';
    if (!ok) throw badRequest(`Column "${name}" must be of type ${column.type ?? 'string'}`, name);
  }
  return row as DataTableRow;
}

export function writeRow(
  org: EmulatorOrg,
  table: OrgDataTable,
  row: DataTableRow,
  mode: 'create' | 'update',
  actor: Actor,
): DataTableRow {
  const before = table.rows.get(row.key);
  if (mode === 'create' && before) {
    throw new EmulatorRequestError(
      409,
      'flows.datatables.row.exists',
      `A row with key "${row.key}" already exists`,
    );
  }
  if (mode === 'update' && !before) {
    throw new EmulatorRequestError(
      404,
      'not.found',
      `No row with key "${row.key}" in data table ${table.name}`,
    );
  }
  table.rows.set(row.key, row);
  org.configurationChanged();
  auditRow(org, table, row.key, mode === 'create' ? 'Create' : 'Update', before, row, actor);
  return row;
}

export function deleteRow(org: EmulatorOrg, table: OrgDataTable, key: string, actor: Actor): void {
  const before = table.rows.get(key);
  if (!before)
    throw new EmulatorRequestError(404, 'not.found', `No row with key "${key}" in data table ${table.name}`);
  table.rows.delete(key);
  org.configurationChanged();
  auditRow(org, table, key, 'Delete', before, undefined, actor);
}

function auditRow(
  org: EmulatorOrg,
  table: OrgDataTable,
  key: string,
  action: string,
  before: DataTableRow | undefined,
  after: DataTableRow | undefined,
  actor: Actor,
): void {
  const columns = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  columns.delete('key');
  const changes = [...columns]
    .filter((c) => before?.[c] !== after?.[c])
    .map((c) => ({
      property: c,
      oldValues: before?.[c] === undefined ? [] : [JSON.stringify(before[c])],
      newValues: after?.[c] === undefined ? [] : [JSON.stringify(after[c])],
    }));
  org.recordAudit({
    serviceName: 'Architect',
    entityType: 'DataTableRow',
    entity: { id: `${table.id}/${key}`, name: `${table.name}: ${key}` },
    action,
    actor,
    propertyChanges: changes,
  });
}

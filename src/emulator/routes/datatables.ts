/** /api/v2/flows/datatables: tables (with `expand=schema`) and their rows (row id = key). */
import { badRequest, notFound } from '../errors.js';
import type { DataTableRow, OrgDataTable } from '../model.js';
import { deleteRow, parseRow, writeRow } from '../mutations.js';
import type { ApiContext, ApiHandler } from '../runtime.js';
import type { Router } from '../http/router.js';
import { listing, nameMatcher, parsePaging, sortOrder } from './listing.js';
import { tableJson } from './render.js';

function expandSchema(ctx: ApiContext): boolean {
  const expand = ctx.query.get('expand');
  if (expand !== null && expand !== 'schema') throw badRequest('expand may only be "schema"', 'expand');
  return expand === 'schema';
}

function showBrief(ctx: ApiContext): boolean {
  const v = ctx.query.get('showbrief');
  if (v === null) return true;
  if (v !== 'true' && v !== 'false') throw badRequest('showbrief must be true or false', 'showbrief');
  return v === 'true';
}

function listTables(ctx: ApiContext) {
  const { org, query } = ctx;
  const withSchema = expandSchema(ctx);
  const matches = nameMatcher(query.get('name'));
  const order = sortOrder(query);
  const tables = org.tables
    .filter((t) => matches(t.name))
    .sort((a, b) => order * a.name.localeCompare(b.name));
  const page = listing(tables, parsePaging(query), '/api/v2/flows/datatables', query);
  page.entities = (page.entities as OrgDataTable[]).map((t) => tableJson(org, t, withSchema));
  return { status: 200, body: page };
}

function getTable(ctx: ApiContext) {
  return {
    status: 200,
    body: tableJson(ctx.org, ctx.org.table(ctx.params.datatableId ?? ''), expandSchema(ctx)),
  };
}

function rowJson(row: DataTableRow, brief: boolean): Record<string, unknown> {
  return brief ? { key: row.key } : { ...row };
}

function listRows(ctx: ApiContext) {
  const table = ctx.org.table(ctx.params.datatableId ?? '');
  const brief = showBrief(ctx);
  const order = sortOrder(ctx.query);
  const rows = [...table.rows.values()].sort((a, b) => order * (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const page = listing(rows, parsePaging(ctx.query), `/api/v2/flows/datatables/${table.id}/rows`, ctx.query);
  page.entities = (page.entities as DataTableRow[]).map((r) => rowJson(r, brief));
  return { status: 200, body: page };
}

function getRow(ctx: ApiContext) {
  const table = ctx.org.table(ctx.params.datatableId ?? '');
  const key = ctx.params.rowId ?? '';
  const row = table.rows.get(key);
  if (!row) return notFoundRow(table, key);
  return { status: 200, body: rowJson(row, showBrief(ctx)) };
}

function notFoundRow(table: OrgDataTable, key: string): never {
  throw notFound(`No row with key "${key}" in data table ${table.name}`, key);
}

function postRow(ctx: ApiContext) {
  const table = ctx.org.table(ctx.params.datatableId ?? '');
  const row = writeRow(ctx.org, table, parseRow(table, ctx.body), 'create', ctx.actor);
  return { status: 200, body: { ...row } };
}

function putRow(ctx: ApiContext) {
  const table = ctx.org.table(ctx.params.datatableId ?? '');
  const row = writeRow(
    ctx.org,
    table,
    parseRow(table, ctx.body ?? {}, ctx.params.rowId ?? ''),
    'update',
    ctx.actor,
  );
  return { status: 200, body: { ...row } };
}

function removeRow(ctx: ApiContext) {
  const table = ctx.org.table(ctx.params.datatableId ?? '');
  deleteRow(ctx.org, table, ctx.params.rowId ?? '', ctx.actor);
  return { status: 204 };
}

export function dataTableRoutes(router: Router<ApiHandler>): void {
  router
    .add('GET', '/api/v2/flows/datatables', listTables)
    .add('GET', '/api/v2/flows/datatables/{datatableId}', getTable)
    .add('GET', '/api/v2/flows/datatables/{datatableId}/rows', listRows)
    .add('POST', '/api/v2/flows/datatables/{datatableId}/rows', postRow)
    .add('GET', '/api/v2/flows/datatables/{datatableId}/rows/{rowId}', getRow)
    .add('PUT', '/api/v2/flows/datatables/{datatableId}/rows/{rowId}', putRow)
    .add('DELETE', '/api/v2/flows/datatables/{datatableId}/rows/{rowId}', removeRow);
}

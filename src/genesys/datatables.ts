import { isAlreadyExists } from './errors.js';
import { listAll, seg } from './listing.js';
import { PERMISSIONS } from './permissions.js';
import type { CallFn } from './pipeline.js';
import type { DataTableRow, LiveDataTable } from './port.js';

const TABLES = '/api/v2/flows/datatables';
const rows = (tableId: string) => `${TABLES}/${seg(tableId)}/rows`;

/** The table with exactly this name (the API's `name` filter is a case-insensitive wildcard match). */
export async function findDataTable(call: CallFn, name: string): Promise<LiveDataTable | undefined> {
  const tables = await listAll<LiveDataTable>(call, TABLES, PERMISSIONS.findDataTable, {
    name,
    expand: 'schema',
  });
  const table = tables.find((t) => t.name === name);
  if (!table) return undefined;
  const found: LiveDataTable = { id: table.id, name: table.name };
  if (table.schema !== undefined) found.schema = table.schema;
  return found;
}

/** Full rows (`showbrief=false`), every page. */
export function listDataTableRows(call: CallFn, tableId: string): Promise<DataTableRow[]> {
  return listAll<DataTableRow>(call, rows(tableId), PERMISSIONS.listDataTableRows, { showbrief: false });
}

/**
 * `POST …/rows`. When a retried attempt meets "already exists", the earlier attempt may have written it, or
 * someone else did: the row is then written with PUT (idempotent), so the table ends as asked either way.
 */
export async function createDataTableRow(call: CallFn, tableId: string, row: DataTableRow): Promise<void> {
  const result = await call({
    method: 'POST',
    path: rows(tableId),
    body: row,
    permission: PERMISSIONS.createDataTableRow,
    write: true,
    accept: (status, body, ambiguous) => ambiguous && isAlreadyExists(status, body),
  });
  if (result.status >= 300) await updateDataTableRow(call, tableId, row);
}

/** `PUT …/rows/{key}` with the whole row: idempotent. */
export async function updateDataTableRow(call: CallFn, tableId: string, row: DataTableRow): Promise<void> {
  await call({
    method: 'PUT',
    path: `${rows(tableId)}/${seg(row.key)}`,
    body: row,
    permission: PERMISSIONS.updateDataTableRow,
    write: true,
  });
}

/** `DELETE …/rows/{key}`; a 404 after a dropped attempt means that attempt already deleted it. */
export async function deleteDataTableRow(call: CallFn, tableId: string, key: string): Promise<void> {
  await call({
    method: 'DELETE',
    path: `${rows(tableId)}/${seg(key)}`,
    permission: PERMISSIONS.deleteDataTableRow,
    write: true,
    accept: (status, _body, ambiguous) => ambiguous && status === 404,
  });
}

import type { GenesysPort } from '../genesys/port.js';
import type { LiveOrg } from './types.js';

/**
 * Reads everything the reconciler compares, in few calls: users with their skills and languages in pages of
 * 500, skills, routing languages, queues, and the weights data table.
 */
export async function readLiveOrg(port: GenesysPort, weightsTable: string): Promise<LiveOrg> {
  const [users, skills, languages, queues, table] = await Promise.all([
    port.listUsers(),
    port.listSkills(),
    port.listLanguages(),
    port.listQueues(),
    port.findDataTable(weightsTable),
  ]);
  if (!table) return { users, skills, languages, queues, weights: undefined };
  const rows = await port.listDataTableRows(table.id);
  return {
    users,
    skills,
    languages,
    queues,
    weights: {
      tableId: table.id,
      tableName: table.name,
      rows: rows.map((r) => ({ key: r.key, weight: typeof r.weight === 'number' ? r.weight : undefined })),
    },
  };
}

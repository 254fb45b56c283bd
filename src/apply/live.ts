import type { GenesysPort } from '../genesys/port.js';
import type { LiveOrg } from '../plan/types.js';

/**
 * Reads everything the reconciler compares, in few calls: users with their skills in pages of 500,
 * skills, queues, and the weights data table.
 */
export async function readLiveOrg(port: GenesysPort, weightsTable: string): Promise<LiveOrg> {
  const [users, skills, queues, table] = await Promise.all([
    port.listUsers(),
    port.listSkills(),
    port.listQueues(),
    port.findDataTable(weightsTable),
  ]);
  if (!table) return { users, skills, queues, weights: undefined };
  const rows = await port.listDataTableRows(table.id);
  return {
    users,
    skills,
    queues,
    weights: {
      tableId: table.id,
      tableName: table.name,
      rows: rows.map((r) => ({ key: r.key, weight: typeof r.weight === 'number' ? r.weight : undefined })),
    },
  };
}

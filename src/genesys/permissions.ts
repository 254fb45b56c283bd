/**
 * The Genesys permission each operation needs, named in the PermissionError a 403 becomes. Taken from the
 * `x-inin-requires-permissions` of the API description; where any of several permissions will do, the most
 * specific one is named.
 */
export const PERMISSIONS = {
  listUsers: 'directory:user:view',
  listUserSkills: 'routing:skill:view',
  listSkills: 'routing:skill:view',
  listLanguages: 'routing:skill:view',
  listUserLanguages: 'routing:skill:view',
  createSkill: 'routing:skill:manage',
  listQueues: 'routing:queue:view',
  listQueueMembers: 'routing:queue:view',
  listWrapupCodes: 'routing:wrapupCode:view',
  findDataTable: 'architect:datatable:view',
  listDataTableRows: 'architect:datatableRow:view',
  createDataTableRow: 'architect:datatableRow:add',
  updateDataTableRow: 'architect:datatableRow:edit',
  deleteDataTableRow: 'architect:datatableRow:delete',
  assignUserSkills: 'routing:skill:assign',
  assignUserLanguages: 'routing:language:assign',
  queryAggregates: 'analytics:conversationAggregate:view',
  queryAudits: 'audits:audit:view',
  /** optional: without it the planner estimates agents' message concurrency */
  getUserUtilization: 'routing:utilization:view',
} as const;

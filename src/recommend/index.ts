/** The planner's brain: analytics in, skill and weight recommendations out. */
export { fetchAnalytics, analyticsPeriod, type FetchAnalyticsOptions } from './analytics.js';
export { createTableBuilder, type TableBuilder } from './table-builder.js';
export type {
  AnalyticsTable,
  QueueSkillSeries,
  QueueWrapupTotals,
  UserActivity,
  UserSkillTotals,
} from './table.js';
export { SLOT_MS } from './table.js';
export { recommendSkills, type SkillPlan, type SkillPlanInput, type SkillStatus } from './skills.js';
export { recommendWeights, type WeightPlan, type WeightPlanInput } from './weights.js';
export type { UserRef } from './people.js';
export type * from './types.js';

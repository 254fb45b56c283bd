/** Staffing maths (Erlang B/C/A) and the current-vs-proposed what-if. Pure: no I/O, no clock. */
export { erlangB, erlangBStep } from './erlang-b.js';
export { erlangC, erlangCFromB } from './erlang-c.js';
export { erlangA, erlangAFromB } from './erlang-a.js';
export { evaluate, evaluateQueue, evaluateWithB, meanWait, offeredLoad } from './evaluate.js';
export type { QueueEvaluation } from './evaluate.js';
export type { ErlangMetrics, ErlangModel, QueueParams } from './metrics.js';
export { estimatePatienceSeconds } from './patience.js';
export { requiredAgents, requiredPositions, skillAgentsNeeded, staff } from './staffing.js';
export type { Staffing, StaffingInput } from './staffing.js';
export { simulateWhatIf } from './what-if.js';
export { fitEfficiency, MAX_EFFICIENCY, MIN_EFFICIENCY } from './calibration.js';
export { renderWhatIfMarkdown, escapeMarkdown } from './render-markdown.js';
export { SimulationError } from './errors.js';
export type * from './types.js';

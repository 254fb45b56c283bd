/**
 * Mean patience from abandonment data, for Erlang A. With exponential patience every waiting contact is
 * "at risk" of abandoning for as long as it waits, so the maximum-likelihood rate is
 * θ̂ = abandoned ÷ total waiting time of all contacts (answered and abandoned), and mean patience = 1/θ̂.
 * Returns undefined when it cannot be estimated (no abandons or no waiting recorded): use Erlang C then.
 */
export function estimatePatienceSeconds(abandoned: number, totalWaitSeconds: number): number | undefined {
  if (!(abandoned > 0) || !(totalWaitSeconds > 0)) return undefined;
  if (!Number.isFinite(abandoned) || !Number.isFinite(totalWaitSeconds)) return undefined;
  return totalWaitSeconds / abandoned;
}

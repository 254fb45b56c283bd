/** What identifies a stream and how it shows in analytics: its requested skills, language and media. */
import type { Stream } from './model.js';

/**
 * A stable key of what a stream requests (used to seed its random draws). A voice stream with one skill keeps the
 * key it had when streams requested exactly one skill.
 */
export function streamKey(stream: Stream): string {
  const skills = stream.skillIds.join('+');
  const language = stream.languageId === undefined ? '' : `@${stream.languageId}`;
  const media = stream.mediaType === 'voice' ? '' : `#${stream.mediaType}`;
  return `${skills}${language}${media}`;
}

/** Dimension values of a conversation; multi-valued dimensions (requestedRoutingSkillId) hold a list. */
export type Dimensions = Record<string, string | readonly string[] | undefined>;

/** The conversation dimensions a stream's contacts carry in analytics. */
export function streamDimensions(stream: Stream): Dimensions {
  return {
    queueId: stream.queueId,
    mediaType: stream.mediaType,
    requestedRoutingSkillId: stream.skillIds,
    requestedLanguageId: stream.languageId,
    direction: 'inbound',
    originatingDirection: 'inbound',
  };
}

/**
 * The dimension sets a group-by splits a contact into: one per value of each multi-valued dimension grouped by
 * (a contact requesting two skills counts under each skill when grouped by skill; one requesting none has no
 * skill value), else the contact as it is. This is Genesys's default for multi-valued dimensions: the
 * aggregation query's `flattenMultivaluedDimensions` ("Flattens any multivalued dimensions used in response
 * groups (e.g. ['a','b','c']->'a,b,c')", ConversationAggregationQuery in the Platform API description and the
 * SDKs' AggregationQuery) exists because, unflattened, each value forms its own group, so per-skill groups add up
 * to more than the conversations. Queue and agent groupings (`userId`) split alike.
 */
export function groupingSets(
  dims: Dimensions,
  groupBy: readonly string[],
): Record<string, string | undefined>[] {
  let sets: Record<string, string | undefined>[] = [{}];
  for (const [name, value] of Object.entries(dims)) {
    if (typeof value === 'string' || value === undefined) {
      for (const set of sets) set[name] = value;
      continue;
    }
    if (!groupBy.includes(name) || value.length <= 1) {
      for (const set of sets) set[name] = value[0];
      continue;
    }
    sets = sets.flatMap((set) => value.map((v) => ({ ...set, [name]: v })));
  }
  return sets;
}

import type { StreamInput } from '../../simulate/centre/types.js';
import type { CentreWhatIfResult } from '../../simulate/centre/what-if.js';

/**
 * The centre what-if compares two sets of skills over one set of agents' languages. A plan that also changes
 * languages is compared by carrying each requested language as one more required "skill" (a name no real skill
 * can have): a stream that requests language L requires the pseudo-skill of L, and an agent holds it when they
 * hold L in that state. Routing is unchanged (an agent can take the stream exactly when they could before).
 */
export const LANGUAGE_PREFIX = '\u0001language:';

export function languagesAsSkills<S extends Pick<StreamInput, 'skills' | 'language'>>(
  streams: readonly S[],
): S[] {
  return streams.map((s) =>
    s.language === undefined
      ? s
      : { ...s, skills: [...s.skills, LANGUAGE_PREFIX + s.language], language: undefined },
  );
}

/** user id → skills plus one pseudo-skill per language held (ids) */
export function withLanguageSkills(
  skills: Readonly<Record<string, Readonly<Record<string, number>>>>,
  languages: Readonly<Record<string, readonly string[]>>,
): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const id of new Set([...Object.keys(skills), ...Object.keys(languages)])) {
    const row: Record<string, number> = { ...skills[id] };
    for (const l of languages[id] ?? []) row[LANGUAGE_PREFIX + l] = 1;
    out[id] = row;
  }
  return out;
}

/** The what-if's stream effects with the language back in its own field, named. */
export function restoreLanguages(
  result: CentreWhatIfResult,
  languageName: (id: string) => string,
): CentreWhatIfResult {
  return {
    ...result,
    streams: result.streams.map((s) => {
      const pseudo = s.skills.find((k) => k.startsWith(LANGUAGE_PREFIX));
      if (pseudo === undefined) return s;
      return {
        ...s,
        skills: s.skills.filter((k) => !k.startsWith(LANGUAGE_PREFIX)),
        language: languageName(pseudo.slice(LANGUAGE_PREFIX.length)),
      };
    }),
  };
}

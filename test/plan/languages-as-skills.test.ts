import { describe, expect, it } from 'vitest';
import {
  LANGUAGE_PREFIX,
  languagesAsSkills,
  restoreLanguages,
  withLanguageSkills,
} from '../../src/recommend/plan/languages-as-skills.js';
import type { CentreWhatIfResult } from '../../src/simulate/centre/what-if.js';

describe('languages carried through the what-if as pseudo-skills', () => {
  it('a stream requesting a language requires its pseudo-skill; agents hold it with the language', () => {
    const streams = languagesAsSkills([
      { skills: ['Billing'], language: 'es-id' },
      { skills: ['Billing'], language: undefined },
    ]);
    expect(streams).toEqual([
      { skills: ['Billing', `${LANGUAGE_PREFIX}es-id`], language: undefined },
      { skills: ['Billing'], language: undefined },
    ]);
    expect(withLanguageSkills({ u1: { Billing: 3 }, u2: { Billing: 1 } }, { u1: ['es-id'] })).toEqual({
      u1: { Billing: 3, [`${LANGUAGE_PREFIX}es-id`]: 1 },
      u2: { Billing: 1 },
    });
  });

  it('the result names the language again and drops the pseudo-skill', () => {
    const effect = {
      queue: 'Support',
      media: 'voice',
      skills: ['Billing', `${LANGUAGE_PREFIX}es-id`],
      language: undefined,
      offered: 1,
      priority: { current: 50, proposed: 50 },
      waitSeconds: { current: 1, proposed: 1 },
      serviceLevel: { current: 1, proposed: 1 },
    };
    const result = { streams: [effect] } as unknown as CentreWhatIfResult;
    const out = restoreLanguages(result, (id) => (id === 'es-id' ? 'Spanish' : id));
    expect(out.streams[0]).toEqual({ ...effect, skills: ['Billing'], language: 'Spanish' });
  });
});

import { describe, expect, it } from 'vitest';
import { setProfileLanguages } from '../../src/bench/languages-second-pass.js';

const FILE = `# Team: billing
apiVersion: routing-gitops/v1
kind: RoutingProfiles
profiles:
  Ann@x.com:
    skills: { Billing: 5 }
    languages: { French: 2 }
  bob@x.com:
    skills: { Billing: 2 } # keeps this comment
  cy@x.com:
    skills: { Billing: 1 }
`;

describe('languages written into a routing-profiles file', () => {
  it('sets the named users’ languages and leaves everything else as it was', () => {
    const out = setProfileLanguages(FILE, {
      'ann@x.com': { French: 2, Spanish: 3 },
      'bob@x.com': { Spanish: 3 },
    });
    expect(out).toContain(
      '  Ann@x.com:\n    skills: { Billing: 5 }\n    languages: { French: 2, Spanish: 3 }\n',
    );
    expect(out).toContain('    skills: { Billing: 2 } # keeps this comment\n    languages: { Spanish: 3 }\n');
    expect(out).toContain('  cy@x.com:\n    skills: { Billing: 1 }\n');
    expect(out.startsWith('# Team: billing\n')).toBe(true);
  });

  it('returns the text unchanged when no listed user is named', () => {
    expect(setProfileLanguages(FILE, { 'zed@x.com': { Spanish: 1 } })).toBe(FILE);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { apiRouter } from '../../src/emulator/routes/index.js';
import { call, conforms, start, token, type Answer } from './helpers.js';

/**
 * Every API route, success and error answers, each checked against the Genesys API description with ajv.
 * The last test asserts that every route the emulator serves was exercised with a success and an error.
 */
let emulator: RunningEmulator;
let bearer: string;
const exercised = new Map<string, Set<number>>();

beforeAll(async () => {
  ({ emulator } = await start({ users: 120 }));
  bearer = await token(emulator);
});

afterAll(async () => {
  await emulator.close();
});

function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(params[name] ?? `missing-${name}`),
  );
}

/** Calls an API route by template, validates the answer against the description, records the status. */
async function api(
  method: string,
  template: string,
  options: {
    params?: Record<string, string>;
    query?: string;
    body?: unknown;
    raw?: string;
    token?: string | null;
  } = {},
): Promise<Answer> {
  const path = fill(template, options.params ?? {}) + (options.query ? `?${options.query}` : '');
  const answer = await call(emulator, method, path, {
    token: options.token === null ? undefined : (options.token ?? bearer),
    body: options.body,
    raw: options.raw,
  });
  conforms(method, template, answer);
  const key = `${method} ${template}`;
  exercised.set(key, (exercised.get(key) ?? new Set()).add(answer.status));
  return answer;
}

const org = () => emulator.org;
const someUser = () => org().users.find((u) => u.skills.size >= 2 && u.state === 'active')!;

describe('auth', () => {
  it('issues a bearer token for the client credentials grant', async () => {
    const response = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('emulator-client:emulator-secret').toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(response.status).toBe(200);
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 86_400 });
  });

  it.each([
    ['wrong secret', 'emulator-client:nope', 'grant_type=client_credentials', 401, 'invalid_client'],
    ['unknown client', 'someone:emulator-secret', 'grant_type=client_credentials', 401, 'invalid_client'],
    ['wrong grant', 'emulator-client:emulator-secret', 'grant_type=password', 400, 'unsupported_grant_type'],
    ['no grant', 'emulator-client:emulator-secret', '', 400, 'invalid_request'],
  ])('refuses %s', async (_, credentials, form, status, error) => {
    const response = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` },
      body: form,
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(response.status).toBe(status);
    expect(body).toMatchObject({ error, description: expect.any(String) });
    expect(JSON.stringify(body)).not.toContain('emulator-secret');
  });

  it('accepts the credentials in the form body too', async () => {
    const response = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=admin-ui&client_secret=admin-ui-secret',
    });
    expect(response.status).toBe(200);
  });

  it('answers 401 ErrorBody without, with a garbage, or with a malformed bearer token', async () => {
    for (const t of [null, 'garbage']) {
      const answer = await api('GET', '/api/v2/routing/skills', { token: t });
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({
        status: 401,
        contextId: expect.any(String),
        details: [],
        errors: [],
      });
      expect(answer.headers.get('inin-ratelimit-allowed')).toBe('300');
    }
  });
});

describe('users', () => {
  it('lists users in pages with skills expanded and filters by id and state', async () => {
    const all = await api('GET', '/api/v2/users', { query: 'pageSize=500&expand=skills' });
    expect(all.status).toBe(200);
    const active = org().users.filter((u) => u.state === 'active');
    expect(all.body.total).toBe(active.length);
    expect(all.body.entities).toHaveLength(active.length);
    const user = someUser();
    const listed = all.body.entities.find((e: { id: string }) => e.id === user.id);
    expect(listed.skills.map((s: { id: string }) => s.id).sort()).toEqual([...user.skills.keys()].sort());

    const paged = await api('GET', '/api/v2/users', { query: 'pageSize=25&pageNumber=2' });
    expect(paged.body).toMatchObject({
      pageSize: 25,
      pageNumber: 2,
      pageCount: Math.ceil(active.length / 25),
    });
    expect(paged.body.entities[0].skills).toBeUndefined();

    const two = active.slice(3, 5).map((u) => u.id);
    const byComma = await api('GET', '/api/v2/users', { query: `id=${two.join(',')}` });
    const byRepeat = await api('GET', '/api/v2/users', { query: two.map((id) => `id=${id}`).join('&') });
    for (const answer of [byComma, byRepeat]) {
      expect(answer.body.entities.map((e: { id: string }) => e.id).sort()).toEqual([...two].sort());
    }
    const inactive = await api('GET', '/api/v2/users', { query: 'state=inactive&pageSize=500' });
    expect(inactive.body.total).toBe(org().users.filter((u) => u.state === 'inactive').length);
  });

  it.each(['pageSize=501', 'pageNumber=0', 'pageSize=abc', 'state=sleepy'])(
    'rejects %s with 400',
    async (query) => {
      const answer = await api('GET', '/api/v2/users', { query });
      expect(answer.status).toBe(400);
      expect(answer.body.contextId).toBe(answer.headers.get('inin-correlation-id'));
    },
  );

  it('gets one user, 404 for an unknown id', async () => {
    const user = someUser();
    const found = await api('GET', '/api/v2/users/{userId}', {
      params: { userId: user.id },
      query: 'expand=skills',
    });
    expect(found.body).toMatchObject({ id: user.id, email: user.email, version: user.version });
    expect(found.body.skills).toHaveLength(user.skills.size);
    const missing = await api('GET', '/api/v2/users/{userId}', { params: { userId: 'no-such-user' } });
    expect(missing.status).toBe(404);
  });
});

describe("a user's utilization", () => {
  it('serves the per-user message capacity (org default or agent level); 404 for an unknown user', async () => {
    const users = org().users.filter((u) => u.state === 'active');
    const wasted = users.find((u) => u.messageCapacity === 1)!;
    const usual = users.find((u) => u.messageCapacity === 4)!;
    const one = await api('GET', '/api/v2/routing/users/{userId}/utilization', {
      params: { userId: wasted.id },
    });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ level: 'Agent', utilization: { message: { maximumCapacity: 1 } } });
    const four = await api('GET', '/api/v2/routing/users/{userId}/utilization', {
      params: { userId: usual.id },
    });
    expect(four.body).toMatchObject({
      level: 'Organization',
      utilization: { call: { maximumCapacity: 1 }, message: { maximumCapacity: 4 } },
    });
    const missing = await api('GET', '/api/v2/routing/users/{userId}/utilization', {
      params: { userId: 'no-such-user' },
    });
    expect(missing.status).toBe(404);
  });
});

describe("a user's routing skills", () => {
  const skillIds = () => org().skills.map((s) => s.id);

  it('reads, replaces, adds and removes skills', async () => {
    const user = someUser();
    const params = { userId: user.id };
    const listed = await api('GET', '/api/v2/users/{userId}/routingskills', { params });
    expect(listed.body.total).toBe(user.skills.size);

    const [a, b, c] = skillIds() as [string, string, string];
    const replaced = await api('PUT', '/api/v2/users/{userId}/routingskills/bulk', {
      params,
      body: [
        { id: a, proficiency: 4 },
        { id: b, proficiency: 2.5 },
      ],
    });
    expect(replaced.status).toBe(200);
    expect(new Map(user.skills)).toEqual(
      new Map([
        [a, 4],
        [b, 2.5],
      ]),
    );
    expect(replaced.body.entities).toHaveLength(2);

    const patched = await api('PATCH', '/api/v2/users/{userId}/routingskills/bulk', {
      params,
      body: [
        { id: b, proficiency: 3 },
        { id: c, proficiency: 1 },
      ],
    });
    expect(patched.body.entities).toHaveLength(3);
    expect(user.skills.get(b)).toBe(3);

    const posted = await api('POST', '/api/v2/users/{userId}/routingskills', {
      params,
      body: { id: a, proficiency: 5 },
    });
    expect(posted.body).toMatchObject({ id: a, proficiency: 5, state: 'active' });
    const put = await api('PUT', '/api/v2/users/{userId}/routingskills/{skillId}', {
      params: { userId: user.id, skillId: c },
      body: { proficiency: 0 },
    });
    expect(put.body).toMatchObject({ id: c, proficiency: 0 });
    const deleted = await api('DELETE', '/api/v2/users/{userId}/routingskills/{skillId}', {
      params: { userId: user.id, skillId: c },
    });
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    expect(user.skills.has(c)).toBe(false);
  });

  it.each([
    ['proficiency above 5', [{ id: 'SKILL', proficiency: 6 }]],
    ['negative proficiency', [{ id: 'SKILL', proficiency: -1 }]],
    ['proficiency as text', [{ id: 'SKILL', proficiency: '3' }]],
    ['unknown skill', [{ id: 'no-such-skill', proficiency: 3 }]],
    [
      'duplicate skill',
      [
        { id: 'SKILL', proficiency: 3 },
        { id: 'SKILL', proficiency: 2 },
      ],
    ],
    ['not an array', { id: 'SKILL', proficiency: 3 }],
  ])('rejects a bulk write with %s (400, nothing changed)', async (_, body) => {
    const user = someUser();
    const before = new Map(user.skills);
    const text = JSON.stringify(body).replaceAll('SKILL', org().skills[0]!.id);
    for (const method of ['PUT', 'PATCH']) {
      const answer = await api(method, '/api/v2/users/{userId}/routingskills/bulk', {
        params: { userId: user.id },
        raw: text,
      });
      expect(answer.status).toBe(400);
    }
    expect(user.skills).toEqual(before);
  });

  it('rejects malformed JSON with 400 and a contextId', async () => {
    const answer = await api('POST', '/api/v2/users/{userId}/routingskills', {
      params: { userId: someUser().id },
      raw: '{"id":',
    });
    expect(answer.status).toBe(400);
    expect(answer.body.contextId).toEqual(expect.any(String));
  });

  it('answers 404 for an unknown user on every skill route', async () => {
    const params = { userId: 'no-such-user', skillId: org().skills[0]!.id };
    const body = [{ id: org().skills[0]!.id, proficiency: 3 }];
    const answers = await Promise.all([
      api('GET', '/api/v2/users/{userId}/routingskills', { params }),
      api('POST', '/api/v2/users/{userId}/routingskills', { params, body: body[0] }),
      api('PUT', '/api/v2/users/{userId}/routingskills/bulk', { params, body }),
      api('PATCH', '/api/v2/users/{userId}/routingskills/bulk', { params, body }),
      api('PUT', '/api/v2/users/{userId}/routingskills/{skillId}', { params, body: { proficiency: 2 } }),
      api('DELETE', '/api/v2/users/{userId}/routingskills/{skillId}', { params }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404, 404, 404]);
  });
});

describe('divisions', () => {
  it('lists the divisions (all for a full client, only home for division-limited); 401 without a token', async () => {
    const all = await api('GET', '/api/v2/authorization/divisions');
    expect(all.status).toBe(200);
    expect(all.body.entities.length).toBe(2);
    const limitedToken = await token(emulator, 'division-limited', 'division-limited-secret');
    const home = await api('GET', '/api/v2/authorization/divisions', { token: limitedToken });
    expect(home.body.entities.map((d: { homeDivision: boolean }) => d.homeDivision)).toEqual([true]);
    expect((await api('GET', '/api/v2/authorization/divisions', { token: null })).status).toBe(401);
  });
});

describe('routing languages', () => {
  const languageIds = () => org().languages.map((l) => l.id);

  it('lists the org’s languages apart from its skills, by name and id', async () => {
    const all = await api('GET', '/api/v2/routing/languages', { query: 'pageSize=100' });
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(org().languages.length);
    expect(all.body.entities.map((l: { name: string }) => l.name)).toEqual(
      [...org().languages.map((l) => l.name)].sort((a, b) => a.localeCompare(b)),
    );
    const skillNames = new Set(org().skills.map((s) => s.name));
    expect(all.body.entities.some((l: { name: string }) => skillNames.has(l.name))).toBe(false);
    const spanish = await api('GET', '/api/v2/routing/languages', { query: 'name=Span' });
    expect(spanish.body.entities.map((l: { name: string }) => l.name)).toEqual(['Spanish']);
    const bad = await api('GET', '/api/v2/routing/languages', { query: 'pageSize=0' });
    expect(bad.status).toBe(400);
  });

  it('expands users’ languages with proficiency on listings and single reads', async () => {
    const speaker = org().users.find((u) => u.state === 'active' && u.languages.size > 0)!;
    const all = await api('GET', '/api/v2/users', { query: 'pageSize=500&expand=skills,languages' });
    const listed = all.body.entities.find((e: { id: string }) => e.id === speaker.id);
    expect(
      listed.languages.map((l: { id: string; proficiency: number }) => [l.id, l.proficiency]).sort(),
    ).toEqual([...speaker.languages.entries()].sort());
    const one = await api('GET', '/api/v2/users/{userId}', {
      params: { userId: speaker.id },
      query: 'expand=languages',
    });
    expect(one.body.languages).toHaveLength(speaker.languages.size);
    expect(one.body.skills).toBeUndefined();
  });

  it('reads, adds, updates and removes a user’s languages; bad writes change nothing', async () => {
    const user = someUser();
    const params = { userId: user.id };
    const [a, b, c] = languageIds() as [string, string, string];
    user.languages.clear();
    const patched = await api('PATCH', '/api/v2/users/{userId}/routinglanguages/bulk', {
      params,
      body: [
        { id: a, proficiency: 4 },
        { id: b, proficiency: 2.5 },
      ],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.entities).toHaveLength(2);
    expect(user.languages.get(b)).toBe(2.5);
    const listed = await api('GET', '/api/v2/users/{userId}/routinglanguages', { params });
    expect(listed.body.total).toBe(2);
    const posted = await api('POST', '/api/v2/users/{userId}/routinglanguages', {
      params,
      body: { id: c, proficiency: 1 },
    });
    expect(posted.body).toMatchObject({ id: c, proficiency: 1, state: 'active' });
    const one = await api('PATCH', '/api/v2/users/{userId}/routinglanguages/{languageId}', {
      params: { userId: user.id, languageId: c },
      body: { proficiency: 5 },
    });
    expect(one.body).toMatchObject({ id: c, proficiency: 5 });
    const deleted = await api('DELETE', '/api/v2/users/{userId}/routinglanguages/{languageId}', {
      params: { userId: user.id, languageId: a },
    });
    expect(deleted.status).toBe(204);
    expect([...user.languages.keys()].sort()).toEqual([b, c].sort());

    const before = new Map(user.languages);
    const tooMany = Array.from({ length: 51 }, () => ({ id: a, proficiency: 1 }));
    for (const body of [[{ id: 'nope', proficiency: 1 }], [{ id: a, proficiency: 6 }], tooMany, {}]) {
      const answer = await api('PATCH', '/api/v2/users/{userId}/routinglanguages/bulk', { params, body });
      expect(answer.status).toBe(400);
    }
    const badPost = await api('POST', '/api/v2/users/{userId}/routinglanguages', {
      params,
      body: { id: a },
    });
    expect(badPost.status).toBe(400);
    const badOne = await api('PATCH', '/api/v2/users/{userId}/routinglanguages/{languageId}', {
      params: { userId: user.id, languageId: 'nope' },
      body: { proficiency: 2 },
    });
    expect(badOne.status).toBe(400);
    const badDelete = await api('DELETE', '/api/v2/users/{userId}/routinglanguages/{languageId}', {
      params: { userId: user.id, languageId: 'nope' },
    });
    expect(badDelete.status).toBe(400);
    const missing = await api('GET', '/api/v2/users/{userId}/routinglanguages', {
      params: { userId: 'no-such-user' },
    });
    expect(missing.status).toBe(404);
    expect(user.languages).toEqual(before);
  });
});

describe('skills, queues, wrap-up codes', () => {
  it('lists, gets and creates skills; duplicates and bad names are 400', async () => {
    const listed = await api('GET', '/api/v2/routing/skills', { query: 'pageSize=100' });
    expect(listed.body.total).toBe(org().skills.length);
    const billing = await api('GET', '/api/v2/routing/skills', { query: 'name=Bill' });
    expect(billing.body.entities.map((s: { name: string }) => s.name)).toEqual(['Billing']);
    const skill = org().skills[0]!;
    expect(
      (await api('GET', '/api/v2/routing/skills/{skillId}', { params: { skillId: skill.id } })).body.name,
    ).toBe(skill.name);
    expect(
      (await api('GET', '/api/v2/routing/skills/{skillId}', { params: { skillId: 'nope' } })).status,
    ).toBe(404);
    const created = await api('POST', '/api/v2/routing/skills', { body: { name: 'Mandarin' } });
    expect(created.body).toMatchObject({ name: 'Mandarin', state: 'active' });
    expect((await api('POST', '/api/v2/routing/skills', { body: { name: 'mandarin' } })).status).toBe(400);
    expect((await api('POST', '/api/v2/routing/skills', { body: {} })).status).toBe(400);
  });

  it('lists and gets queues with their service level, members and wrap-up codes', async () => {
    const queue = org().queues[1]!;
    const listed = await api('GET', '/api/v2/routing/queues', { query: 'pageSize=100' });
    expect(listed.body.total).toBe(org().queues.length);
    const named = await api('GET', '/api/v2/routing/queues', {
      query: `name=${encodeURIComponent(queue.name)}`,
    });
    expect(named.body.entities.map((q: { id: string }) => q.id)).toEqual([queue.id]);
    const got = await api('GET', '/api/v2/routing/queues/{queueId}', { params: { queueId: queue.id } });
    expect(got.body.mediaSettings.call.serviceLevel).toEqual(queue.serviceLevel);
    expect(
      (await api('GET', '/api/v2/routing/queues/{queueId}', { params: { queueId: 'nope' } })).status,
    ).toBe(404);
    expect((await api('GET', '/api/v2/routing/queues', { query: 'sortOrder=sideways' })).status).toBe(400);

    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const members = await api('GET', '/api/v2/routing/queues/{queueId}/members', {
        params: { queueId: queue.id },
        query: `pageSize=10&pageNumber=${page}`,
      });
      ids.push(...members.body.entities.map((m: { id: string; user: { id: string } }) => m.user.id));
      if (!members.body.nextUri) break;
    }
    expect(ids.sort()).toEqual([...queue.memberIds].sort());
    expect(
      (await api('GET', '/api/v2/routing/queues/{queueId}/members', { params: { queueId: 'nope' } })).status,
    ).toBe(404);

    const codes = await api('GET', '/api/v2/routing/queues/{queueId}/wrapupcodes', {
      params: { queueId: queue.id },
    });
    expect(codes.body.total).toBe(queue.wrapupCodeIds.length);
    expect(
      (await api('GET', '/api/v2/routing/queues/{queueId}/wrapupcodes', { params: { queueId: 'nope' } }))
        .status,
    ).toBe(404);
  });

  it('lists and gets wrap-up codes', async () => {
    const all = await api('GET', '/api/v2/routing/wrapupcodes', { query: 'pageSize=200' });
    expect(all.body.total).toBe(org().wrapups.length);
    expect(all.body.entities.map((c: { name: string }) => c.name)).toContain('Password Reset');
    const code = org().wrapups[0]!;
    expect(
      (await api('GET', '/api/v2/routing/wrapupcodes/{codeId}', { params: { codeId: code.id } })).body.name,
    ).toBe(code.name);
    expect(
      (await api('GET', '/api/v2/routing/wrapupcodes/{codeId}', { params: { codeId: 'nope' } })).status,
    ).toBe(404);
    expect((await api('GET', '/api/v2/routing/wrapupcodes', { query: 'pageSize=0' })).status).toBe(400);
  });
});

describe('Architect data tables', () => {
  const table = () => org().tables.find((t) => t.name === 'Routing Skill Weights')!;

  it('finds the weights table by name and returns its schema on request', async () => {
    const listed = await api('GET', '/api/v2/flows/datatables', { query: 'name=Routing%20Skill%20Weights' });
    expect(listed.body.entities).toHaveLength(1);
    expect(listed.body.entities[0].schema).toBeUndefined();
    const got = await api('GET', '/api/v2/flows/datatables/{datatableId}', {
      params: { datatableId: table().id },
      query: 'expand=schema',
    });
    expect(Object.keys(got.body.schema.properties)).toEqual(['key', 'weight']);
    expect(got.body.schema.properties.weight.type).toBe('integer');
    expect(
      (await api('GET', '/api/v2/flows/datatables/{datatableId}', { params: { datatableId: 'nope' } }))
        .status,
    ).toBe(404);
    expect((await api('GET', '/api/v2/flows/datatables', { query: 'expand=rows' })).status).toBe(400);
  });

  it('pages rows brief (keys only) or full, keyed "<queue>|<skill>"', async () => {
    const params = { datatableId: table().id };
    const brief = await api('GET', '/api/v2/flows/datatables/{datatableId}/rows', {
      params,
      query: 'pageSize=500',
    });
    expect(brief.body.entities.every((r: object) => Object.keys(r).join() === 'key')).toBe(true);
    const full = await api('GET', '/api/v2/flows/datatables/{datatableId}/rows', {
      params,
      query: 'pageSize=500&showbrief=false',
    });
    expect(full.body.total).toBe(table().rows.size);
    for (const row of full.body.entities) {
      expect(row.key).toMatch(/^[^|]+\|[^|]+$/);
      expect(Number.isInteger(row.weight)).toBe(true);
    }
    expect(
      (await api('GET', '/api/v2/flows/datatables/{datatableId}/rows', { params: { datatableId: 'nope' } }))
        .status,
    ).toBe(404);
  });

  it('creates, reads, updates and deletes a row (row id = key)', async () => {
    const key = 'Support|Mandarin';
    const params = { datatableId: table().id, rowId: key };
    const created = await api('POST', '/api/v2/flows/datatables/{datatableId}/rows', {
      params,
      body: { key, weight: 42 },
    });
    expect(created.status).toBe(200);
    expect(
      (await api('POST', '/api/v2/flows/datatables/{datatableId}/rows', { params, body: { key, weight: 1 } }))
        .status,
    ).toBe(409);
    expect(
      (
        await api('POST', '/api/v2/flows/datatables/{datatableId}/rows', {
          params,
          body: { key: 'x', weight: 'high' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await api('POST', '/api/v2/flows/datatables/{datatableId}/rows', {
          params,
          body: { key: 'x', colour: 1 },
        })
      ).status,
    ).toBe(400);
    const read = await api('GET', '/api/v2/flows/datatables/{datatableId}/rows/{rowId}', {
      params,
      query: 'showbrief=false',
    });
    expect(read.body).toEqual({ key, weight: 42 });
    const updated = await api('PUT', '/api/v2/flows/datatables/{datatableId}/rows/{rowId}', {
      params,
      body: { key, weight: 7 },
    });
    expect(updated.body).toEqual({ key, weight: 7 });
    expect(
      (
        await api('PUT', '/api/v2/flows/datatables/{datatableId}/rows/{rowId}', {
          params,
          body: { key: 'other', weight: 7 },
        })
      ).status,
    ).toBe(400);
    expect(
      (await api('DELETE', '/api/v2/flows/datatables/{datatableId}/rows/{rowId}', { params })).status,
    ).toBe(204);
    expect((await api('GET', '/api/v2/flows/datatables/{datatableId}/rows/{rowId}', { params })).status).toBe(
      404,
    );
    expect(
      (
        await api('PUT', '/api/v2/flows/datatables/{datatableId}/rows/{rowId}', {
          params,
          body: { weight: 1 },
        })
      ).status,
    ).toBe(404);
    expect(
      (await api('DELETE', '/api/v2/flows/datatables/{datatableId}/rows/{rowId}', { params })).status,
    ).toBe(404);
  });
});

describe('audits and analytics', () => {
  it('answers realtime audit queries and rejects a bad interval', async () => {
    const interval = `${new Date(Date.parse('2026-03-10T00:00:00Z')).toISOString()}/2026-03-11T00:00:00.000Z`;
    const answer = await api('POST', '/api/v2/audits/query/realtime', {
      body: { interval, serviceName: 'Routing' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.total).toBeGreaterThan(0);
    expect(
      (await api('POST', '/api/v2/audits/query/realtime', { body: { interval: 'yesterday' } })).status,
    ).toBe(400);
  });

  it('answers aggregates queries and rejects invalid ones', async () => {
    const ok = await api('POST', '/api/v2/analytics/conversations/aggregates/query', {
      body: {
        interval: '2026-03-01T00:00:00Z/2026-03-08T00:00:00Z',
        granularity: 'P1D',
        groupBy: ['queueId'],
        metrics: ['nOffered', 'tAnswered', 'tAbandon', 'tHandle', 'oServiceLevel', 'nOverSla'],
      },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.results).toHaveLength(org().queues.length);
    for (const body of [
      { interval: '2026-01-01T00:00:00Z/2026-03-08T00:00:00Z', metrics: ['nOffered'] },
      { interval: '2026-03-01T00:00:00Z/2026-03-08T00:00:00Z', metrics: ['nFoo'] },
      { interval: '2026-03-01T00:00:00Z/2026-03-08T00:00:00Z', metrics: [] },
      { interval: '2026-03-01T00:00:00Z/2026-03-08T00:00:00Z', metrics: ['nOffered'], granularity: 'PT15M' },
      { interval: '2026-03-08T00:00:00Z/2026-03-01T00:00:00Z', metrics: ['nOffered'] },
      { interval: '2026-03-01T00:00:00Z/2026-03-08T00:00:00Z', metrics: ['nOffered'], groupBy: ['colour'] },
      { metrics: ['nOffered'] },
    ]) {
      const answer = await api('POST', '/api/v2/analytics/conversations/aggregates/query', { body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
    }
  });
});

describe('users aggregates (presence)', () => {
  const day = `${new Date(Date.parse('2026-03-09T00:00:00Z')).toISOString()}/${new Date(Date.parse('2026-03-10T00:00:00Z')).toISOString()}`;

  it('serves routing status and presence per user, qualifier per status, with the org presence mapping', async () => {
    const agent = org().users.find(
      (u) => u.state === 'active' && u.shift && u.queueIds.length > 0 && u.skills.size > 0,
    )!;
    const answer = await api('POST', '/api/v2/analytics/users/aggregates/query', {
      body: {
        interval: day,
        granularity: 'PT30M',
        groupBy: ['userId'],
        filter: {
          type: 'or',
          predicates: org()
            .users.slice(0, 100)
            .map((u) => ({ dimension: 'userId', value: u.id })),
        },
        metrics: ['tAgentRoutingStatus', 'tSystemPresence', 'tOrganizationPresence'],
      },
    });
    expect(answer.status).toBe(200);
    const mine = answer.body.results.find((r: { group: { userId: string } }) => r.group.userId === agent.id);
    if (mine) {
      const qualifiers = new Set(
        mine.data.flatMap((d: { metrics: { metric: string; qualifier: string }[] }) =>
          d.metrics.filter((m) => m.metric === 'tAgentRoutingStatus').map((m) => m.qualifier),
        ),
      );
      for (const q of qualifiers)
        expect(['OFF_QUEUE', 'IDLE', 'INTERACTING', 'NOT_RESPONDING', 'COMMUNICATING']).toContain(q);
    }
    expect(answer.body.results.length).toBeGreaterThan(0);
    expect(answer.body.systemToOrganizationMappings.ON_QUEUE).toHaveLength(1);
    const onQueue = answer.body.results[0].data[0].metrics.find(
      (m: { qualifier: string }) => m.qualifier === 'ON_QUEUE',
    );
    expect(onQueue.stats.sum).toBeLessThanOrEqual(1_800_000);
  });

  it.each([
    ['a dimension other than userId', { groupBy: ['queueId'] }],
    [
      'more than 100 users',
      {
        filter: {
          type: 'or',
          predicates: Array.from({ length: 101 }, (_, i) => ({ dimension: 'userId', value: `u${i}` })),
        },
      },
    ],
    ['an unknown metric', { metrics: ['nOffered'] }],
  ])('rejects %s with 400', async (_, extra) => {
    const answer = await api('POST', '/api/v2/analytics/users/aggregates/query', {
      body: { interval: day, metrics: ['tAgentRoutingStatus'], ...extra },
    });
    expect(answer.status).toBe(400);
  });
});

describe('the rest of the surface', () => {
  it('answers unknown API paths with 404 and wrong methods with 405, as ErrorBody', async () => {
    const unknown = await call(emulator, 'GET', '/api/v2/nothing/here', { token: bearer });
    expect(unknown.status).toBe(404);
    conforms('GET', '/api/v2/users', unknown);
    const wrong = await call(emulator, 'DELETE', '/api/v2/users', { token: bearer });
    expect(wrong.status).toBe(405);
    conforms('GET', '/api/v2/users', wrong);
  });

  it('exercised every route with a success and an error answer', () => {
    for (const route of apiRouter().list()) {
      const statuses = [...(exercised.get(route) ?? [])];
      expect(
        statuses.some((s) => s < 300),
        `${route} success`,
      ).toBe(true);
      expect(
        statuses.some((s) => s >= 400),
        `${route} error`,
      ).toBe(true);
    }
  });
});

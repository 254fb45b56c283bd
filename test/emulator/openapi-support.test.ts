import { describe, expect, it } from 'vitest';
import { validateDefinition, validateResponse } from '../support/openapi.js';

describe('the Genesys API description validator (test/support/openapi.ts)', () => {
  it('finds missing required fields, wrong types and enum values', () => {
    expect(validateDefinition('User', { id: 'u1', name: 'A' }).join()).toContain(
      "must have required property 'version'",
    );
    expect(validateDefinition('User', { version: 1, state: 'asleep' }).join()).toContain(
      'must be equal to one of the allowed values',
    );
    const errors = validateResponse('GET', '/api/v2/users', 200, {
      entities: [{ version: '1', name: 5 }],
      total: 1.5,
    });
    expect(errors.join('\n')).toMatch(/entities\/0\/version must be integer/);
    expect(errors.join('\n')).toMatch(/entities\/0\/name must be string/);
    expect(errors.join('\n')).toMatch(/total must be integer/);
  });

  it('accepts valid answers, with relative URIs as Genesys returns them', () => {
    const listing = {
      entities: [
        {
          id: 'u1',
          version: 2,
          selfUri: '/api/v2/users/u1',
          skills: [{ id: 's', proficiency: 4.5, state: 'active' }],
        },
      ],
      pageSize: 25,
      pageNumber: 1,
      total: 1,
      pageCount: 1,
      firstUri: '/api/v2/users?pageSize=25&pageNumber=1',
    };
    expect(validateResponse('GET', '/api/v2/users', 200, listing)).toEqual([]);
    expect(
      validateResponse('get', '/api/v2/users', 200, {
        ...listing,
        selfUri: 'https://api.mypurecloud.com/api/v2/users',
      }),
    ).toEqual([]);
  });

  it('treats a bare object type (C# object) as any value: row values, a schema’s additionalProperties', () => {
    const rows = { entities: [{ key: 'Support|Billing', weight: 40, active: true }], total: 1 };
    expect(validateResponse('GET', '/api/v2/flows/datatables/{datatableId}/rows', 200, rows)).toEqual([]);
    const table = {
      id: 't',
      name: 'W',
      schema: { type: 'object', properties: { key: { type: 'string' } }, additionalProperties: false },
    };
    expect(validateResponse('GET', '/api/v2/flows/datatables/{datatableId}', 200, table)).toEqual([]);
  });

  it('checks error answers against ErrorBody, listed or not', () => {
    const ok = { message: 'm', code: 'c', status: 409, contextId: 'x', details: [], errors: [] };
    expect(validateResponse('POST', '/api/v2/flows/datatables/{datatableId}/rows', 409, ok)).toEqual([]);
    expect(validateResponse('GET', '/api/v2/users', 404, { ...ok, status: '404' })).not.toEqual([]);
  });

  it('refuses operations and success statuses the description does not have', () => {
    expect(validateResponse('GET', '/api/v2/nope', 200, {})).toEqual([
      'GET /api/v2/nope is not in the API description',
    ]);
    expect(validateResponse('GET', '/api/v2/users', 201, {})).toEqual([
      'GET /api/v2/users does not document status 201',
    ]);
  });
});

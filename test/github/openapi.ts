import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Exchange } from './fake/fake-github.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

interface Operation {
  parameters?: ({ $ref: string } | { name: string; in: string })[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses: Record<string, ResponseObject | { $ref: string }>;
}

interface ResponseObject {
  content?: Record<string, { schema?: unknown }>;
}

interface Spec {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, unknown>;
    responses: Record<string, ResponseObject>;
    parameters: Record<string, { name: string; in: string }>;
  };
}

const SPEC_ID = 'https://api.github.com/openapi';

/** GitHub's own REST description (large: load once per test file) */
export function loadGitHubOpenApi(): Spec {
  const file = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');
  return JSON.parse(readFileSync(file, 'utf8')) as Spec;
}

/** rewrites local `#/components/...` refs so they resolve inside the registered spec document */
function anchored(schema: unknown): object {
  return JSON.parse(
    JSON.stringify(schema).replaceAll('"#/components/', `"${SPEC_ID}#/components/`),
  ) as object;
}

function describe(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? [])
    .slice(0, 8)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** Checks exchanges with the fake against the operations, parameters and schemas of the OpenAPI description. */
export class OpenApiChecker {
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(private readonly spec: Spec) {
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addFormat('repo.nwo', /^[^/\s]+\/[^/\s]+$/);
    this.ajv.addSchema({ $id: SPEC_ID, components: { schemas: spec.components.schemas } });
  }

  operation(method: string, route: string): Operation | undefined {
    return this.spec.paths[route]?.[method.toLowerCase()];
  }

  /** the schema GitHub documents for this answer; `null` for a documented answer without a body */
  responseSchema(method: string, route: string, status: number): unknown {
    const op = this.operation(method, route);
    if (!op) throw new Error(`${method} ${route} is not in GitHub's OpenAPI description`);
    let response = op.responses[String(status)];
    if (!response && status === 401) response = this.spec.components.responses.requires_authentication;
    if (!response) throw new Error(`${method} ${route} does not document status ${status}`);
    if ('$ref' in response) {
      const name = response.$ref.split('/').pop() ?? '';
      response = this.spec.components.responses[name] ?? {};
    }
    return response.content?.['application/json']?.schema ?? null;
  }

  private validator(key: string, schema: unknown): ValidateFunction {
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv.compile(anchored(schema));
      this.cache.set(key, validate);
    }
    return validate;
  }

  /** problems with one exchange (empty when it matches the description) */
  check(exchange: Exchange): string[] {
    const { method, route, status } = exchange;
    if (!route) return [`${method} ${exchange.path}: no fake route matched`];
    const where = `${method} ${route} → ${status}`;
    const problems: string[] = [];
    try {
      let schema = this.responseSchema(method, route, status);
      // GitHub documents some error answers without a schema but sends its usual error body with them
      if (schema === null && status >= 400 && exchange.responseBody !== undefined) {
        schema = { $ref: '#/components/schemas/basic-error' };
      }
      if (schema === null) {
        if (exchange.responseBody !== undefined)
          problems.push(`${where}: documented without a body, fake sent one`);
      } else {
        const validate = this.validator(`res ${method} ${route} ${status}`, schema);
        if (!validate(exchange.responseBody))
          problems.push(`${where}: ${describe(validate.errors).join('; ')}`);
      }
    } catch (error) {
      problems.push(`${where}: ${(error as Error).message}`);
    }
    const requestSchema = this.operation(method, route)?.requestBody?.content?.['application/json']?.schema;
    if (exchange.requestBody !== undefined) {
      if (!requestSchema) problems.push(`${where}: sent a body the operation does not take`);
      else {
        const validate = this.validator(`req ${method} ${route}`, requestSchema);
        if (!validate(exchange.requestBody))
          problems.push(`${where} request: ${describe(validate.errors).join('; ')}`);
      }
    }
    return problems;
  }

  /** query parameters the operation documents */
  queryParameters(method: string, route: string): Set<string> {
    const names = new Set<string>();
    for (const p of this.operation(method, route)?.parameters ?? []) {
      const param = '$ref' in p ? this.spec.components.parameters[p.$ref.split('/').pop() ?? ''] : p;
      if (param?.in === 'query') names.add(param.name);
    }
    return names;
  }
}

/**
 * Validates Genesys Cloud API answers against the Swagger 2.0 subset (test/support/genesys-openapi-subset.json,
 * a copy of shared/genesys-openapi-subset.json) with ajv: definitions become one JSON Schema document and
 * `#/definitions/…` refs resolve inside it.
 *
 * Lenient only where the Swagger 2.0 subset needs it:
 * - `x-…` keywords are dropped (none are used inside definitions today);
 * - `format: uri` accepts URI references: Genesys answers relative `selfUri`/`nextUri` values;
 * - a bare `{type: "object"}` (no properties) is any JSON value: the subset was rebuilt from the .NET SDK, where
 *   C# `object` (data table row values, a schema's `additionalProperties: false`) became `{type: object}`;
 * - an error status an operation does not list is checked against ErrorBody (the subset's errors are generic).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

interface SwaggerResponse {
  schema?: unknown;
}

interface SwaggerOperation {
  operationId?: string;
  responses: Record<string, SwaggerResponse>;
}

export interface SwaggerSpec {
  swagger: string;
  paths: Record<string, Record<string, SwaggerOperation>>;
  definitions: Record<string, unknown>;
}

const DOC_ID = 'https://genesys.example/api-subset';

function specPath(): string {
  const candidates = [
    process.env.GENESYS_OPENAPI_SUBSET,
    fileURLToPath(new URL('./genesys-openapi-subset.json', import.meta.url)),
    '/work/shared/genesys-openapi-subset.json',
  ];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  throw new Error('genesys-openapi-subset.json not found (set GENESYS_OPENAPI_SUBSET)');
}

let cached: SwaggerSpec | undefined;

export function loadGenesysSubset(): SwaggerSpec {
  cached ??= JSON.parse(readFileSync(specPath(), 'utf8')) as SwaggerSpec;
  return cached;
}

/** Swagger 2.0 schema → JSON Schema (draft-07) with the leniencies documented above. */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const source = schema as Record<string, unknown>;
  const keys = Object.keys(source).filter((k) => !k.startsWith('x-'));
  const bare =
    source.type === 'object' &&
    !keys.some((k) => ['properties', 'additionalProperties', 'required', 'allOf'].includes(k));
  if (bare) return {};
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = source[key];
    if (key === '$ref' && typeof value === 'string')
      out.$ref = value.replace(/^#\/definitions\//, `${DOC_ID}#/definitions/`);
    else if (key === 'format' && value === 'uri') out.format = 'uri-reference';
    else if (key === 'properties' && typeof value === 'object' && value !== null) {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, toJsonSchema(s)]));
    } else if (key === 'enum' || key === 'required' || key === 'description') out[key] = value;
    else out[key] = toJsonSchema(value);
  }
  return out;
}

function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

export class GenesysApiValidator {
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(readonly spec: SwaggerSpec = loadGenesysSubset()) {
    this.ajv = new Ajv({ strict: true, strictTypes: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addFormat('int32', {
      type: 'number',
      validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
    });
    this.ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
    this.ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
    this.ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
    this.ajv.addSchema({
      $id: DOC_ID,
      definitions: toJsonSchema(spec.definitions) as Record<string, unknown>,
    });
  }

  operation(method: string, pathTemplate: string): SwaggerOperation | undefined {
    return this.spec.paths[pathTemplate]?.[method.toLowerCase()];
  }

  /** Errors of `body` as the answer `status` of `method pathTemplate`; [] when it conforms. */
  validateResponse(method: string, pathTemplate: string, status: number, body: unknown): string[] {
    const op = this.operation(method, pathTemplate);
    if (!op) return [`${method.toUpperCase()} ${pathTemplate} is not in the API description`];
    let schema: unknown = (op.responses[String(status)] ?? op.responses.default)?.schema;
    if (schema === undefined && status >= 400) schema = { $ref: '#/definitions/ErrorBody' };
    if (!op.responses[String(status)] && !op.responses.default && status < 400) {
      return [`${method.toUpperCase()} ${pathTemplate} does not document status ${status}`];
    }
    if (schema === undefined) return [];
    return this.check(`${method} ${pathTemplate} ${status}`, schema, body);
  }

  /** Errors of `value` against `#/definitions/<name>`. */
  validateDefinition(name: string, value: unknown): string[] {
    if (!(name in this.spec.definitions)) return [`no definition ${name}`];
    return this.check(`#${name}`, { $ref: `#/definitions/${name}` }, value);
  }

  private check(key: string, schema: unknown, body: unknown): string[] {
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema) as object);
      this.cache.set(key, validate);
    }
    return validate(body) ? [] : describeErrors(validate.errors);
  }
}

let shared: GenesysApiValidator | undefined;

/** Errors of `body` as the answer `status` of `method pathTemplate` in the Genesys API subset; [] when valid. */
export function validateResponse(
  method: string,
  pathTemplate: string,
  status: number,
  body: unknown,
): string[] {
  shared ??= new GenesysApiValidator();
  return shared.validateResponse(method, pathTemplate, status, body);
}

/** Errors of `value` against a definition of the Genesys API subset; [] when valid. */
export function validateDefinition(name: string, value: unknown): string[] {
  shared ??= new GenesysApiValidator();
  return shared.validateDefinition(name, value);
}

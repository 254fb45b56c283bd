/** Errors the emulator answers with: an HTTP status and a Genesys-style error code. */
import { RoutingGitopsError } from '../errors.js';

export class EmulatorRequestError extends RoutingGitopsError {
  readonly status: number;
  readonly apiCode: string;
  readonly details: { fieldName?: string; entityId?: string; errorCode?: string }[];

  constructor(
    status: number,
    apiCode: string,
    message: string,
    details: { fieldName?: string; entityId?: string; errorCode?: string }[] = [],
  ) {
    super('EMULATOR_REQUEST', message);
    this.status = status;
    this.apiCode = apiCode;
    this.details = details;
  }
}

export function badRequest(message: string, fieldName?: string): EmulatorRequestError {
  return new EmulatorRequestError(400, 'bad.request', message, fieldName ? [{ fieldName }] : []);
}

export function notFound(
  message = 'The requested resource was not found.',
  entityId?: string,
): EmulatorRequestError {
  return new EmulatorRequestError(404, 'not.found', message, entityId ? [{ entityId }] : []);
}

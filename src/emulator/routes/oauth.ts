/** POST /oauth/token: the client-credentials grant (Basic auth or client_id/client_secret in the form). */
import type { Reply } from '../http/respond.js';
import type { Runtime } from '../runtime.js';

function oauthError(status: number, error: string, description: string): Reply {
  return { status, body: { error, description, error_description: description } };
}

export function tokenRoute(rt: Runtime, authorization: string | undefined, rawBody: string): Reply {
  const form = new URLSearchParams(rawBody);
  let clientId = form.get('client_id') ?? undefined;
  let secret = form.get('client_secret') ?? undefined;
  const basic = /^Basic\s+(\S+)$/i.exec(authorization?.trim() ?? '');
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      clientId = decoded.slice(0, colon);
      secret = decoded.slice(colon + 1);
    }
  }
  const grant = form.get('grant_type');
  if (grant === null) return oauthError(400, 'invalid_request', 'grant_type is required');
  if (grant !== 'client_credentials')
    return oauthError(400, 'unsupported_grant_type', `grant_type ${grant} is not supported`);
  if (clientId === undefined || secret === undefined)
    return oauthError(401, 'invalid_client', 'client authentication is required');
  const client = rt.clients.find((c) => c.id === clientId && c.secret === secret);
  if (!client) return oauthError(401, 'invalid_client', 'client not found or wrong secret');
  const ttl = rt.faults.settings.tokenTtlSeconds;
  const token = rt.tokens.issue(client, rt.now().getTime(), ttl);
  return { status: 200, body: { access_token: token, token_type: 'bearer', expires_in: ttl } };
}

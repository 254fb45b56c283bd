/**
 * Remembers every secret the client handles (client secret, Basic credentials, access tokens) and blanks them
 * out of any text that leaves the client: log lines, error messages, wrapped library errors.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined): void {
    if (secret && secret.length >= 4) this.secrets.add(secret);
  }

  scrub(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('[redacted]');
    // belt and braces: any bearer/basic credential, whoever it belongs to
    return out.replace(/\b(Bearer|Basic) [A-Za-z0-9._~+/=-]{16,}/g, '$1 [redacted]');
  }
}

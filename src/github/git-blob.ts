import { createHash } from 'node:crypto';

/** The sha git (and GitHub) gives a blob holding this UTF-8 text: sha1 of `blob <bytes>\0<content>`. */
export function gitBlobSha(content: string): string {
  const bytes = Buffer.from(content, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

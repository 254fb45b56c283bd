import { setTimeout as delay } from 'node:timers/promises';
import type { Clock } from '../../src/genesys/index.js';

/**
 * A time base for integration tests against real servers: waits the client decides on (Retry-After, backoff)
 * pass `factor` times faster in real time, while the client's own clock advances by the full amount.
 */
export function fastClock(factor = 200): Clock {
  let skipped = 0;
  return {
    now: () => Date.now() + skipped,
    async sleep(ms: number) {
      const real = ms / factor;
      skipped += ms - real;
      await delay(real);
    },
  };
}

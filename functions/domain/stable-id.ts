import { createHash } from 'node:crypto';
import { encodeTime } from 'ulid';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID-shaped id that is the same every time for the same seed: its time part is `at`, the
 * rest a hash of the seed. For ids a retry must land on again (a webhook delivery, a ticket
 * opened by a mail), in the same alphabet as generated ids.
 */
export function stableUlid(seed: string, at: Date): string {
  const digest = createHash('sha256').update(seed).digest();
  let tail = '';
  for (let i = 0; i < 16; i++) tail += CROCKFORD[digest[i] & 31];
  const time = Number.isFinite(at.getTime()) && at.getTime() >= 0 ? at.getTime() : 0;
  return encodeTime(time, 10) + tail;
}

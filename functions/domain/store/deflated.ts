import { deflateRawSync, inflateRawSync } from 'node:zlib';

/** Text deflated behind a format byte: what a stored binary attribute holds (store/compressed-text.ts, sla/sla-codec.ts). */
export const deflated = (format: number, text: string): Uint8Array =>
  new Uint8Array(Buffer.concat([Buffer.of(format), deflateRawSync(text)]));

/** @throws Error naming `what` when the value was written in another format. */
export function inflated(format: number, stored: Uint8Array, what: string): string {
  if (stored[0] !== format) throw new Error(`unreadable ${what}: format ${stored[0]}`);
  return inflateRawSync(stored.subarray(1)).toString('utf8');
}

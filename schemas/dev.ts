import * as z from 'zod';

export const DevClock = z.object({ now: z.string(), offsetMs: z.number() }).meta({ id: 'DevClock' });
export const AdvanceClockBody = z
  .strictObject({ seconds: z.number().positive().max(400 * 86_400) })
  .meta({ id: 'AdvanceClockBody' });
export type AdvanceClockBody = z.infer<typeof AdvanceClockBody>;
export const DevEventsQuery = z.strictObject({
  type: z.string().max(64).optional(),
  ticketId: z.string().max(64).optional(),
});
export const DevEventList = z.object({ items: z.array(z.record(z.string(), z.unknown())) }).meta({ id: 'DevEventList' });

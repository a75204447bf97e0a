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

export const DeadLetter = z
  .object({
    id: z.string(),
    kind: z.enum(['event', 'queue', 'timer']),
    source: z.string().describe('The bus rule, queue or timer that failed'),
    failedAt: z.string().optional(),
    attempts: z.number().int().optional(),
    error: z.string().optional(),
    payload: z.unknown(),
  })
  .meta({ id: 'DeadLetter' });
export const DeadLetterList = z.object({ items: z.array(DeadLetter) }).meta({ id: 'DeadLetterList' });
export const ReplayDeadLettersBody = z
  .strictObject({ ids: z.array(z.string().min(1).max(200)).min(1).max(500).optional().describe('Omit to replay every dead letter of the organization') })
  .meta({ id: 'ReplayDeadLettersBody' });
export const ReplayDeadLettersResult = z.object({ replayed: z.array(z.string()) }).meta({ id: 'ReplayDeadLettersResult' });

import * as z from 'zod';

export const ProblemError = z
  .object({ pointer: z.string(), detail: z.string() })
  .meta({ id: 'ProblemError', description: 'One failed field: a JSON pointer into the request and what is wrong.' });

/** RFC 9457 problem details, as every error on the wire. */
export const Problem = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(ProblemError).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export const Limit = z.coerce.number().int().min(1).max(100).default(20);
export const Cursor = z.string().min(1).max(2048).regex(/^[A-Za-z0-9_-]+$/, 'not a cursor this API issued');
export const IsoInstant = z.iso.datetime({ offset: true });
export const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'not a valid id');

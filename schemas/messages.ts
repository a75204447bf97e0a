import * as z from 'zod';

export const AddMessageBody = z
  .strictObject({
    body: z.string().trim().min(1).max(100_000),
    internal: z.boolean().default(false).describe('An internal note: never shown to customers.'),
  })
  .meta({ id: 'AddMessageBody' });
export type AddMessageBody = z.infer<typeof AddMessageBody>;

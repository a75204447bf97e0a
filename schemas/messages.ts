import { z } from 'zod';

const TemplateParameter = z.union([
  z.string().max(1024),
  z.looseObject({ type: z.literal('text'), text: z.string().max(1024) }),
]);

/** A WhatsApp message template, the only thing that may be sent outside the 24-hour window. */
export const MessageTemplate = z
  .strictObject({
    name: z.string().trim().min(1).max(512),
    language: z.string().trim().min(2).max(15).describe('The template\'s language code, e.g. en_US'),
    parameters: z.array(TemplateParameter).max(100).default([]).describe('Body parameters {{1}}, {{2}}, ... in order'),
  })
  .meta({ id: 'MessageTemplate' });
export type MessageTemplate = z.infer<typeof MessageTemplate>;

export const AddMessageBody = z
  .strictObject({
    body: z.string().trim().min(1).max(100_000).optional().describe('Required unless a template is sent.'),
    internal: z.boolean().default(false).describe('An internal note: never shown to customers.'),
    template: MessageTemplate.optional().describe('WhatsApp tickets: send an approved template (also outside the 24-hour window).'),
  })
  .refine((value) => value.body !== undefined || value.template !== undefined, { message: 'send a body or a template', path: ['body'] })
  .meta({ id: 'AddMessageBody' });
export type AddMessageBody = z.infer<typeof AddMessageBody>;

import * as z from 'zod';

export const NotificationSettings = z
  .strictObject({
    confirmation: z.strictObject({
      customerCreated: z.boolean().describe('Confirm tickets customers open over the API (default true)'),
      staffCreated: z.boolean().describe('Confirm tickets staff open for a customer over the API (default false)'),
    }),
    surveys: z.boolean().describe('Mail the satisfaction survey after closure (default true)'),
  })
  .meta({ id: 'NotificationSettings' });
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const MailPreference = z.enum(['immediate', 'off']).meta({ id: 'MailPreference' });
export type MailPreference = z.infer<typeof MailPreference>;

export const MyMailNotificationsBody = z
  .strictObject({ mailNotifications: MailPreference.describe('Mail me on assignment and on customer replies to my tickets') })
  .meta({ id: 'MyMailNotificationsBody' });
export type MyMailNotificationsBody = z.infer<typeof MyMailNotificationsBody>;

export const SurveyQuery = z.strictObject({
  token: z.string().min(10).max(2000),
  score: z.coerce.number().int().min(1).max(5).optional(),
});
export const SurveyBody = z
  .strictObject({ token: z.string().min(10).max(2000), score: z.int().min(1).max(5), comment: z.string().trim().max(2000).optional() })
  .meta({ id: 'SurveyBody' });
export type SurveyBody = z.infer<typeof SurveyBody>;
export const SurveyResult = z
  .object({ ticketNumber: z.string(), rating: z.object({ score: z.number().int(), comment: z.string().nullable(), at: z.string() }) })
  .meta({ id: 'SurveyResult' });

export const UnsubscribeQuery = z.strictObject({ token: z.string().min(10).max(2000) });
export const UnsubscribeResult = z.object({ email: z.string(), surveys: z.literal(false) }).meta({ id: 'UnsubscribeResult' });

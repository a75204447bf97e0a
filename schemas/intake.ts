import * as z from 'zod';
import { Id } from './common';
import { CustomFields, TicketStatus } from './ticket-enums';

/** An organization's public handle in URLs: lower-case letters, digits and inner dashes. */
export const OrgSlug = z
  .string()
  .min(2)
  .max(48)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'lower-case letters, digits and inner dashes');

export const OrgSlugParams = z.strictObject({ slug: OrgSlug });

/** A tracking token as issued: 43 base64url characters (256 random bits). Anything else is a 404 too. */
export const TrackingTokenParams = z.strictObject({ token: z.string().min(1).max(200) });

export const FormField = z
  .object({
    name: z.string(),
    label: z.string(),
    type: z.enum(['text', 'textarea', 'number', 'checkbox', 'select', 'email', 'date']),
    required: z.boolean(),
    options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
    helpText: z.string().optional(),
  })
  .meta({ id: 'FormField' });
export type FormField = z.infer<typeof FormField>;

export const FormCategory = z.object({ id: z.string(), name: z.string() }).meta({ id: 'FormCategory' });
export type FormCategory = z.infer<typeof FormCategory>;

export const WebFormConfig = z
  .object({
    org: z.object({ slug: z.string(), name: z.string() }),
    branding: z.object({ name: z.string(), colour: z.string() }),
    categories: z.array(FormCategory),
    customFields: z.array(FormField).describe('The custom fields marked visible on the public form'),
    limits: z.object({
      subjectMaxLength: z.number().int(),
      descriptionMaxLength: z.number().int(),
      maxAttachments: z.number().int(),
      perEmailPerHour: z.number().int(),
      perIpPerHour: z.number().int(),
    }),
    captcha: z.object({ provider: z.enum(['turnstile', 'hcaptcha']), siteKey: z.string() }).nullable(),
  })
  .meta({ id: 'WebFormConfig' });
export type WebFormConfig = z.infer<typeof WebFormConfig>;

export const SUBJECT_MAX = 250;
export const DESCRIPTION_MAX = 20_000;
export const MAX_ATTACHMENTS = 10;

export const SubmitWebTicketBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    email: z.email().max(254),
    subject: z.string().trim().min(1).max(SUBJECT_MAX),
    description: z.string().trim().min(1).max(DESCRIPTION_MAX),
    category: z.string().trim().min(1).max(100).optional(),
    customFields: CustomFields.default({}),
    attachmentIds: z.array(Id).max(MAX_ATTACHMENTS).default([]).describe('Uploads made before submitting (attachments issue)'),
    captchaToken: z.string().min(1).max(4096).optional().describe('Required when the form config names a CAPTCHA'),
  })
  .meta({ id: 'SubmitWebTicketBody' });
export type SubmitWebTicketBody = z.infer<typeof SubmitWebTicketBody>;

export const WebTicketCreated = z
  .object({ number: z.string(), trackingUrl: z.string().describe('The public status page; its token is the only key to it') })
  .meta({ id: 'WebTicketCreated' });

export const PublicMessage = z
  .object({
    id: z.string(),
    body: z.string(),
    from: z.enum(['customer', 'support']).describe('Who wrote it; staff are never named by id'),
    authorName: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'PublicMessage' });
export type PublicMessage = z.infer<typeof PublicMessage>;

export const TrackedTicket = z
  .object({
    number: z.string(),
    subject: z.string(),
    description: z.string(),
    status: TicketStatus,
    createdAt: z.string(),
    updatedAt: z.string(),
    messages: z.array(PublicMessage),
    canReply: z.boolean(),
    canRate: z.boolean(),
    rating: z.object({ score: z.number().int(), comment: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'TrackedTicket' });
export type TrackedTicket = z.infer<typeof TrackedTicket>;

export const TrackReplyBody = z.strictObject({ body: z.string().trim().min(1).max(20_000) }).meta({ id: 'TrackReplyBody' });
export type TrackReplyBody = z.infer<typeof TrackReplyBody>;

export const PutWebFormBody = z
  .strictObject({
    slug: OrgSlug,
    brandName: z.string().trim().min(1).max(100),
    colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #2456d6').optional(),
    perEmailPerHour: z.int().min(1).max(10_000).optional(),
    perIpPerHour: z.int().min(1).max(100_000).optional(),
    enabled: z.boolean().optional(),
  })
  .meta({ id: 'PutWebFormBody' });
export type PutWebFormBody = z.infer<typeof PutWebFormBody>;

export const WebFormSettingsView = z
  .object({
    slug: z.string(), brandName: z.string(), colour: z.string(), perEmailPerHour: z.number().int(),
    perIpPerHour: z.number().int(), enabled: z.boolean(), formUrl: z.string(), embedSnippet: z.string(),
  })
  .meta({ id: 'WebFormSettings' });

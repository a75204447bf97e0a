import * as z from 'zod';
import { Id } from './common';

export const CategoryInput = z
  .strictObject({
    id: z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, _ and -').optional()
      .describe('A stable id (slug); derived from the name when omitted'),
    name: z.string().trim().min(1).max(100),
    parentId: Id.optional(),
  })
  .meta({ id: 'CategoryInput' });
export type CategoryInput = z.infer<typeof CategoryInput>;
export const CategoryPatch = z
  .strictObject({ name: z.string().trim().min(1).max(100).optional(), archived: z.boolean().optional() })
  .refine((body) => Object.keys(body).length > 0, 'at least one field to change')
  .meta({ id: 'CategoryPatch' });
export type CategoryPatch = z.infer<typeof CategoryPatch>;
export const CategoryView = z
  .object({ id: z.string(), name: z.string(), parentId: z.string().nullable(), archived: z.boolean(), ticketCount: z.number().int() })
  .meta({ id: 'Category' });
export type CategoryView = z.infer<typeof CategoryView>;
export const CategoryList = z.object({ items: z.array(CategoryView) }).meta({ id: 'CategoryList' });
export const CategoryIdParams = z.strictObject({ categoryId: Id });

export const CustomFieldType = z.enum(['text', 'number', 'date', 'select', 'multiselect', 'checkbox']).meta({ id: 'CustomFieldType' });
export type CustomFieldType = z.infer<typeof CustomFieldType>;
const FieldKey = z.string().min(1).max(64).regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a field name: letters, digits, _');

const customFieldShape = {
  key: FieldKey,
  label: z.string().trim().min(1).max(100),
  type: CustomFieldType,
  options: z.array(z.string().trim().min(1).max(100)).min(1).max(100).optional(),
  required: z.boolean().default(false),
  categoryIds: z.array(Id).max(50).optional().describe('Applies only to tickets of these categories; all when omitted'),
  visibleToCustomer: z.boolean().default(false),
};
const needsOptions = (field: { type?: CustomFieldType; options?: string[] }) =>
  !(field.type === 'select' || field.type === 'multiselect') || (field.options?.length ?? 0) > 0;
export const CustomFieldInput = z
  .strictObject(customFieldShape)
  .refine(needsOptions, { message: 'select and multiselect fields need options', path: ['options'] })
  .meta({ id: 'CustomFieldInput' });
export type CustomFieldInput = z.infer<typeof CustomFieldInput>;
export const CustomFieldPatch = z
  .strictObject({
    label: customFieldShape.label.optional(),
    options: customFieldShape.options,
    required: z.boolean().optional(),
    categoryIds: customFieldShape.categoryIds,
    visibleToCustomer: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'at least one field to change')
  .meta({ id: 'CustomFieldPatch' });
export type CustomFieldPatch = z.infer<typeof CustomFieldPatch>;
export const CustomFieldView = z
  .object({
    id: z.string(), key: z.string(), label: z.string(), type: CustomFieldType, options: z.array(z.string()).nullable(),
    required: z.boolean(), categoryIds: z.array(z.string()), visibleToCustomer: z.boolean(),
  })
  .meta({ id: 'CustomField' });
export type CustomFieldView = z.infer<typeof CustomFieldView>;
export const CustomFieldList = z.object({ items: z.array(CustomFieldView) }).meta({ id: 'CustomFieldList' });
export const CustomFieldIdParams = z.strictObject({ fieldId: Id });

export const CannedReplyInput = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    body: z.string().trim().min(1).max(20_000),
    shortcut: z.string().trim().min(1).max(50).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and -').optional(),
    categoryIds: z.array(Id).max(50).optional(),
    shared: z.boolean().default(true).describe('Shared with the team; otherwise only its author sees it'),
  })
  .meta({ id: 'CannedReplyInput' });
export type CannedReplyInput = z.infer<typeof CannedReplyInput>;
export const CannedReplyPatch = z
  .strictObject({
    title: CannedReplyInput.shape.title.optional(),
    body: CannedReplyInput.shape.body.optional(),
    shortcut: CannedReplyInput.shape.shortcut.nullable(),
    categoryIds: CannedReplyInput.shape.categoryIds,
    shared: z.boolean().optional(),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'at least one field to change')
  .meta({ id: 'CannedReplyPatch' });
export type CannedReplyPatch = z.infer<typeof CannedReplyPatch>;
export const CannedReplyView = z
  .object({
    id: z.string(), title: z.string(), body: z.string(), shortcut: z.string().nullable(), categoryIds: z.array(z.string()),
    shared: z.boolean(), ownerId: z.string(), variables: z.array(z.string()), updatedAt: z.string(),
  })
  .meta({ id: 'CannedReply' });
export type CannedReplyView = z.infer<typeof CannedReplyView>;
export const CannedReplyList = z.object({ items: z.array(CannedReplyView) }).meta({ id: 'CannedReplyList' });
export const CannedReplyIdParams = z.strictObject({ cannedReplyId: Id });
export const CannedReplyQuery = z.strictObject({ q: z.string().trim().min(1).max(100).optional(), categoryId: Id.optional() });
export type CannedReplyQuery = z.infer<typeof CannedReplyQuery>;

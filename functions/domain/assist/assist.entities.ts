import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

/**
 * Buckets of the hashed vocabulary (the hashing trick): a category's word counts fit one item of
 * bounded size (at most BUCKETS small numbers) however many words the team writes, and learning
 * is one ADD per bucket, no read.
 */
export const BUCKETS = 2048;
export const bucketName = (i: number) => `h${i}`;

/** Built with the entity, not at import: the store imports every entity module in every function. */
const bucketAttributes = () => Object.fromEntries(
  Array.from({ length: BUCKETS }, (_, i) => [bucketName(i), { type: 'number' as const }]),
) as Record<`h${number}`, { type: 'number' }>;

/**
 * The offline assistant's model of one organization and category: how many resolved tickets
 * taught it (`docs`), how many tokens they had (`tokens`) and the count per vocabulary bucket.
 * One item per category in the organization's model partition: a suggestion reads them with
 * one Query.
 */
export const assistModelEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'assistModel', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        categoryId: { type: 'string', required: true, readOnly: true },
        docs: { type: 'number', required: true, default: 0 },
        tokens: { type: 'number', required: true, default: 0 },
        ...bucketAttributes(),
      },
      indexes: {
        byOrg: { pk: { field: 'pk', composite: ['orgId'] }, sk: { field: 'sk', composite: ['categoryId'], casing: 'none' } },
      },
    },
    config,
  );

export type AssistModelItem = EntityItem<ReturnType<typeof assistModelEntity>>;

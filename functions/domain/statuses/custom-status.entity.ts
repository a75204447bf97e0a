import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';
import { TicketStatus } from '../../../schemas/ticket-enums';

/**
 * A custom status (Zendesk's model): a name staff see, an optional label customers see, and the
 * fixed status it stands for (`category`), which the status machine, SLA clock and lists use.
 * The organization's set is one small partition (at most MAX_CUSTOM_STATUSES), read whole.
 */
export const customStatusEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'customStatus', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        statusId: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true },
        category: { type: TicketStatus.options, required: true, readOnly: true },
        customerLabel: { type: 'string' },
        active: { type: 'boolean', required: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byOrg: { pk: { field: 'pk', composite: ['orgId'] }, sk: { field: 'sk', composite: ['statusId'] } },
      },
    },
    config,
  );

export type CustomStatus = EntityItem<ReturnType<typeof customStatusEntity>>;

import { type DocumentClient, Service } from 'electrodb';
import { attachmentEntity } from '../attachments/attachment.entity';
import { outboxJobEntity } from '../outbox/outbox-job.entity';
import { weeklySummaryMailEntity } from '../analytics/weekly-summary.entity';
import { activityEntity } from '../tickets/activity.entity';
import { creationQuotaEntity } from '../tickets/creation-quota';
import { counterEntity, ticketNumberEntity } from '../tickets/counter.entity';
import { messageEntity } from '../tickets/message.entity';
import { ticketEntity } from '../tickets/ticket.entity';
import { organizationEntity, userEntity } from '../users/user.entity';
import { webhookAttemptEntity, webhookDeliveryEntity, webhookEndpointEntity } from '../webhooks/webhook.entities';
import { wsConnectionEntity, wsSubscriptionEntity } from '../realtime/connection.entity';
import { slaDefaultPolicyEntity, slaPolicyEntity, ticketTimersEntity } from '../sla-policies/sla-policy.entity';
import {
  inboundReceiptEntity, mailOptOutEntity, mailParticipantEntity, mailRateEntity, mailRefEntity, mailboxEntity, primaryMailboxEntity, suspendedMailEntity,
} from '../mail-channel/mail-entities';
import {
  intakeRateEntity, orgSlugEntity, trackingMailEntity, trackingTokenEntity, webFormEntity,
} from '../intake/intake.entities';
import {
  metaChannelEntity, metaChannelKeyEntity, metaContactEntity, metaMessageRefEntity, metaRecordEntity, metaVerifyTokenEntity,
} from '../meta/meta-entities';
import {
  agentLoadEntity, departmentEntity, eventMarkerEntity, loadHolderEntity, routingConfigEntity, routingCursorEntity,
} from '../team/team.entities';
import { settingsChangeEntity } from '../settings/settings.entity';
import { automationRuleEntity } from '../automations/automation.entity';
import { bulkJobEntity, bulkJobOutcomeEntity } from '../tickets/bulk-job.entity';
import { cannedReplyEntity, categoryEntity, customFieldEntity } from '../catalog/catalog.entities';
import { statsCellEntity } from '../analytics/stats.entities';
import { exportJobEntity } from '../analytics/export-job.entity';
import { kbArticleEntity, kbArticleVersionEntity, kbDeflectionEntity, kbIndexEntity, kbRateEntity } from '../kb/kb.entities';
import { assistModelEntity } from '../assist/assist.entities';
import { customStatusEntity } from '../statuses/custom-status.entity';

/** All entities of the single table, in one ElectroDB service (collections, transactions). */
export function createStore(client: DocumentClient, table: string) {
  const config = { client, table };
  return new Service({
    ticket: ticketEntity(config),
    message: messageEntity(config),
    activity: activityEntity(config),
    counter: counterEntity(config),
    ticketNumber: ticketNumberEntity(config),
    user: userEntity(config),
    organization: organizationEntity(config),
    webhookEndpoint: webhookEndpointEntity(config),
    webhookDelivery: webhookDeliveryEntity(config),
    webhookAttempt: webhookAttemptEntity(config),
    wsConnection: wsConnectionEntity(config),
    wsSubscription: wsSubscriptionEntity(config),
    slaPolicy: slaPolicyEntity(config),
    slaDefaultPolicy: slaDefaultPolicyEntity(config),
    ticketTimers: ticketTimersEntity(config),
    mailbox: mailboxEntity(config),
    primaryMailbox: primaryMailboxEntity(config),
    mailRef: mailRefEntity(config),
    mailParticipant: mailParticipantEntity(config),
    suspendedMail: suspendedMailEntity(config),
    inboundReceipt: inboundReceiptEntity(config),
    mailRate: mailRateEntity(config),
    orgSlug: orgSlugEntity(config),
    webForm: webFormEntity(config),
    intakeRate: intakeRateEntity(config),
    trackingToken: trackingTokenEntity(config),
    trackingMail: trackingMailEntity(config),
    metaChannel: metaChannelEntity(config),
    metaChannelKey: metaChannelKeyEntity(config),
    metaVerifyToken: metaVerifyTokenEntity(config),
    metaContact: metaContactEntity(config),
    metaMessageRef: metaMessageRefEntity(config),
    metaRecord: metaRecordEntity(config),
    department: departmentEntity(config),
    agentLoad: agentLoadEntity(config),
    loadHolder: loadHolderEntity(config),
    routingConfig: routingConfigEntity(config),
    routingCursor: routingCursorEntity(config),
    eventMarker: eventMarkerEntity(config),
    category: categoryEntity(config),
    customField: customFieldEntity(config),
    cannedReply: cannedReplyEntity(config),
    attachment: attachmentEntity(config),
    creationQuota: creationQuotaEntity(config),
    mailOptOut: mailOptOutEntity(config),
    outboxJob: outboxJobEntity(config),
    statsCell: statsCellEntity(config),
    exportJob: exportJobEntity(config),
    kbArticle: kbArticleEntity(config),
    kbArticleVersion: kbArticleVersionEntity(config),
    kbIndex: kbIndexEntity(config),
    kbDeflection: kbDeflectionEntity(config),
    kbRate: kbRateEntity(config),
    assistModel: assistModelEntity(config),
    customStatus: customStatusEntity(config),
    settingsChange: settingsChangeEntity(config),
    automationRule: automationRuleEntity(config),
    bulkJob: bulkJobEntity(config),
    bulkJobOutcome: bulkJobOutcomeEntity(config),
    weeklySummaryMail: weeklySummaryMailEntity(config),
  });
}

export type Store = ReturnType<typeof createStore>;

/** What every use case gets: the store, a clock and an id source, so tests can fix both. */
export interface Deps {
  store: Store;
  now: () => Date;
  newId: () => string;
}

import type { HostedAssist } from './assist';
import type { AttachmentStore } from './attachment-store';
import type { Clock } from './clock';
import type { ConnectionPoster } from './connection-poster';
import type { GraphApi } from './graph-api';
import type { LinkSigner } from './link-signer';
import type { MailSender } from './mail-sender';
import type { ObjectStore } from './object-store';
import type { QueueSender } from './queue-sender';
import type { RecurringScheduler } from './recurring-scheduler';
import type { SecretBox } from './secret-box';
import type { TimerScheduler } from './timer-scheduler';
import type { TokenVerifier } from './token-verifier';
import type { WebhookPoster } from './webhook-poster';
import type { CaptchaVerifier } from '../intake/captcha';

/**
 * Everything the domain needs from the world outside the table. Declared here, in the domain's
 * words; implemented by functions/adapters (AWS) and bin/local (the local stand-ins); built once
 * per container by a composition root (functions/runtime.ts, bin/local/local-root.ts).
 */
export interface Ports {
  clock: Clock;
  queues: QueueSender;
  timers: TimerScheduler;
  /** Recurring schedules (an organization's weekly summary); same group and target as `timers`. */
  recurring: RecurringScheduler;
  mail: MailSender;
  objects: ObjectStore;
  tokens: TokenVerifier;
  webhooks: WebhookPoster;
  connections: ConnectionPoster;
  /** The public form's CAPTCHA check; null when off (always locally). */
  captcha: CaptchaVerifier | null;
  attachments: AttachmentStore;
  links: LinkSigner;
  secrets: SecretBox;
  graph: GraphApi;
  /** The hosted model of organizations that chose one (knowledge base and assist, issue 19). */
  assist: HostedAssist;
}

export type {
  HostedAssist, AttachmentStore, Clock, ConnectionPoster, GraphApi, LinkSigner, MailSender, ObjectStore, QueueSender, RecurringScheduler, SecretBox, TimerScheduler, TokenVerifier, WebhookPoster,
};

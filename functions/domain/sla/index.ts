export { addBusinessMillis, addBusinessMinutes, businessMillisBetween, businessMinutesBetween } from './business-calendar';
export { deadlinesOf } from './deadlines-of';
export { DEFAULT_SLA_POLICY_ID, defaultSlaPolicy } from './default-sla-policy';
export {
  InvalidSlaArgumentError, InvalidSlaCalendarError, NoBusinessHoursError, SlaAlreadyPausedError, SlaClockStoppedError, SlaNotPausedError,
} from './errors';
export { isSlaClockRunning, type SlaTicketStatus } from './is-sla-clock-running';
export { pauseSla } from './pause-sla';
export { recomputeSla, type SlaChange } from './recompute-sla';
export { recordAgentReply, recordFirstResponse } from './record-agent-reply';
export { recordCustomerMessage } from './record-customer-message';
export { recordReachedDeadlines } from './record-reached-deadlines';
export { recordResolution } from './record-resolution';
export { resumeSla } from './resume-sla';
export { SLA_TARGET_KINDS, SLA_WARNING_RATIO } from './sla-state';
export type { SlaDeadline, SlaPolicy, SlaPolicyReason, SlaStage, SlaState, SlaTimer } from './sla-state';
export { pauseSlaManually, resumeSlaManually } from './manual-pause';
export { startSla } from './start-sla';
export { toTicketSlaView } from './to-ticket-sla-view';

import type {
  SlaBreach, SlaCalendar, SlaManualPause, SlaPriority, SlaTarget, SlaTargetKind, SlaTargets,
} from '../../../schemas/sla-policies';

/**
 * The SLA state kept on a ticket: plain JSON (instants as ISO strings) so that it is
 * stored and emitted as is. Changed only through the use-case functions of this folder.
 */
export interface SlaState {
  policyId: string;
  priority: SlaPriority;
  /** The policy's targets for `priority`, in business minutes. */
  targets: SlaTarget;
  /** Set while the ticket waits on the customer or a third party. */
  pausedSince: string | null;
  timers: Partial<Record<SlaTargetKind, SlaTimer>>;
  /** Every breach so far, oldest first; never undone by a later recompute. */
  breached: SlaBreach[];
  /** Bumped whenever the deadlines still to come change; a timer carrying an older one is stale. */
  slaVersion: number;
  /** Set while staff hold the clock (pauseSlaManually): a status change does not resume it. */
  manualPause?: SlaManualPause | null;
  /** Why the ticket follows `policyId` (absent on tickets from before policy conditions). */
  policyReason?: SlaPolicyReason;
}

/** Why a ticket follows its policy: the conditions it matched (field -> value), or the org's default. */
export type SlaPolicyReason =
  | { kind: 'conditions'; matched: Record<string, string> }
  | { kind: 'default' };

/**
 * One target's clock. Business time consumed = `consumedMs` + business time from `since`
 * to now (or to the pause), measured on the calendar of the policy in force.
 */
export interface SlaTimer {
  targetMinutes: number;
  /** When this target began: ticket creation, or the customer message awaiting a reply. */
  startedAt: string;
  since: string;
  consumedMs: number;
  /** Instant of 75 % of the target; null while paused. */
  warningAt: string | null;
  /** Instant of 100 % of the target; null while paused (kept once breached). */
  dueAt: string | null;
  warned: boolean;
  breached: boolean;
  completedAt: string | null;
}

export interface SlaPolicy {
  id: string;
  name: string;
  calendar: SlaCalendar;
  targets: SlaTargets;
}

export type SlaStage = 'warning' | 'breach';

export interface SlaDeadline {
  kind: SlaTargetKind;
  stage: SlaStage;
  at: Date;
}

export const SLA_TARGET_KINDS: readonly SlaTargetKind[] = ['firstResponse', 'nextResponse', 'resolution'];

/** Warning at 75 % of a target, breach at 100 %. */
export const SLA_WARNING_RATIO = 0.75;

/** The minutes of one target kind. Throws nothing. */
export function targetMinutesOf(target: SlaTarget, kind: SlaTargetKind): number {
  if (kind === 'firstResponse') return target.firstResponseMinutes;
  if (kind === 'nextResponse') return target.nextResponseMinutes;
  return target.resolutionMinutes;
}

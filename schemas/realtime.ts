import * as z from 'zod';
import { Id } from './common';
import { TicketStatus } from './ticket-enums';

/**
 * The WebSocket contract. Client frames carry an `action`; server frames a `type` (a bus
 * detail-type such as `ticket.message.added`, or one of SERVER_FRAME_TYPES) and `data`.
 */
export const TicketListFilter = z
  .strictObject({
    status: TicketStatus.optional(),
    /** A user id, or `unassigned`. */
    assigneeId: Id.optional(),
  })
  .meta({ id: 'WsTicketListFilter' });
export type TicketListFilter = z.infer<typeof TicketListFilter>;

const ListTopic = z.strictObject({ topic: z.literal('tickets'), filter: TicketListFilter.optional() });
const TicketTopic = z.strictObject({ ticketId: Id });

export const SubscribeFrame = z
  .union([ListTopic.extend({ action: z.literal('subscribe') }), TicketTopic.extend({ action: z.literal('subscribe') })])
  .meta({ id: 'WsSubscribeFrame' });
export const UnsubscribeFrame = z
  .union([
    z.strictObject({ action: z.literal('unsubscribe'), topic: z.literal('tickets') }),
    TicketTopic.extend({ action: z.literal('unsubscribe') }),
  ])
  .meta({ id: 'WsUnsubscribeFrame' });
export const TypingFrame = z
  .strictObject({
    action: z.literal('typing'),
    ticketId: Id,
    state: z.enum(['start', 'stop']),
    /** Typing an internal note: only staff see it. */
    internal: z.boolean().optional(),
  })
  .meta({ id: 'WsTypingFrame' });
export const ViewingFrame = z
  .strictObject({ action: z.literal('viewing'), ticketId: Id, state: z.enum(['start', 'stop']).default('start') })
  .meta({ id: 'WsViewingFrame' });
export const ReadFrame = z.strictObject({ action: z.literal('read'), ticketId: Id, messageId: Id }).meta({ id: 'WsReadFrame' });
export const PingFrame = z.strictObject({ action: z.literal('ping') }).meta({ id: 'WsPingFrame' });

export const CLIENT_ACTIONS = ['subscribe', 'unsubscribe', 'typing', 'viewing', 'read', 'ping'] as const;
const BY_ACTION = {
  subscribe: SubscribeFrame,
  unsubscribe: UnsubscribeFrame,
  typing: TypingFrame,
  viewing: ViewingFrame,
  read: ReadFrame,
  ping: PingFrame,
} as const;

export type ClientFrame =
  | z.infer<typeof SubscribeFrame>
  | z.infer<typeof UnsubscribeFrame>
  | z.infer<typeof TypingFrame>
  | z.infer<typeof ViewingFrame>
  | z.infer<typeof ReadFrame>
  | z.infer<typeof PingFrame>;

/** Frame types the server sends besides bus detail-types. */
export const SERVER_FRAME_TYPES = ['subscribed', 'unsubscribed', 'presence', 'typing', 'read', 'availability', 'pong', 'error'] as const;

export interface ServerFrame<D = unknown> {
  type: string;
  data: D;
}

export interface FrameError {
  code: 'malformed-frame' | 'unknown-action' | 'invalid-frame' | 'not-found' | 'forbidden' | 'internal';
  detail: string;
  /** The action the client sent, when one could be read. */
  action?: string;
  errors?: { pointer: string; detail: string }[];
}

/** The largest frame read; API Gateway's own limit is 128 KiB per message (32 KiB frames). */
export const MAX_CLIENT_FRAME_BYTES = 32 * 1024;

/**
 * Reads a client frame: JSON, a known action, the fields of that action. Never throws; the
 * caller answers an `error` frame and keeps the connection.
 */
export function parseClientFrame(raw: string | null | undefined): { ok: true; frame: ClientFrame } | { ok: false; error: FrameError } {
  if (!raw || Buffer.byteLength(raw) > MAX_CLIENT_FRAME_BYTES) {
    return { ok: false, error: { code: 'malformed-frame', detail: raw ? 'the frame is too large' : 'the frame is empty' } };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: { code: 'malformed-frame', detail: 'the frame is not JSON' } };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, error: { code: 'malformed-frame', detail: 'the frame must be a JSON object' } };
  }
  const action = (json as { action?: unknown }).action;
  // An own-property check: `constructor` or `__proto__` must not resolve to Object's members.
  if (typeof action !== 'string' || !Object.hasOwn(BY_ACTION, action)) {
    return {
      ok: false,
      error: {
        code: 'unknown-action',
        detail: `action must be one of ${CLIENT_ACTIONS.join(', ')}`,
        ...(typeof action === 'string' ? { action: action.slice(0, 64) } : {}),
      },
    };
  }
  const parsed = BY_ACTION[action as keyof typeof BY_ACTION].safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'invalid-frame',
        action,
        detail: `the ${action} frame is not valid`,
        errors: parsed.error.issues.map((issue) => ({ pointer: `#/${issue.path.join('/')}`, detail: issue.message })),
      },
    };
  }
  return { ok: true, frame: parsed.data as ClientFrame };
}

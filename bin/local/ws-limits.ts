import type { WebSocket } from 'ws';

/** API Gateway's WebSocket limits: a frame carries at most 32 KB, a message (its frames together) 128 KB. */
export const WS_MAX_FRAME_BYTES = 32 * 1024;
export const WS_MAX_MESSAGE_BYTES = 128 * 1024;

interface Receiver {
  _payloadLength: number;
  _opcode: number;
  haveLength(cb: (error?: Error) => void): void;
  createError(type: typeof RangeError, message: string, prefix: boolean, statusCode: number, code: string): Error;
}

/**
 * `ws` bounds only the whole message (`maxPayload`); API Gateway also bounds each frame. The
 * receiver learns a frame's length in `haveLength`: a data frame over 32 KB fails there with the
 * same RangeError and close code (1009) `ws` uses for an oversize message, before its payload is
 * buffered. Relies on ws 8's receiver internals (pinned; test/unit/local/ws-limits.test.ts).
 */
export function limitFrameSize(socket: WebSocket, maxFrameBytes = WS_MAX_FRAME_BYTES): void {
  const receiver = (socket as unknown as { _receiver?: Receiver })._receiver;
  if (!receiver || typeof receiver.haveLength !== 'function') throw new Error('ws receiver internals changed: cannot bound frame size');
  const haveLength = receiver.haveLength;
  receiver.haveLength = function bounded(this: Receiver, cb) {
    if (this._opcode < 0x08 && this._payloadLength > maxFrameBytes) {
      cb(this.createError(RangeError, 'Frame size exceeded', false, 1009, 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'));
      return;
    }
    haveLength.call(this, cb);
  };
}

import { Transform, type TransformCallback } from 'node:stream';
import { decodeCharset } from './decode-charset';

/** The label a body part gets so that the parser hands its bytes to this decoder (see parse-mail). */
export const SNIFF_PREFIX = 'x-hd-detect-';

/**
 * Plays node-iconv's `Iconv` class for mailparser's `Iconv` option: mailparser then streams
 * every text part in a declared charset through it. It keeps the whole part (text parts are
 * small) and decodes it at the end with `decodeCharset`, which falls back to detection when
 * the declared charset does not fit the bytes.
 */
export class CharsetSniffingDecoder extends Transform {
  private readonly chunks: Buffer[] = [];

  constructor(private readonly charset: string) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.chunks.push(chunk);
    done();
  }

  override _flush(done: TransformCallback): void {
    this.push(Buffer.from(decodeCharset(Buffer.concat(this.chunks), this.charset), 'utf8'));
    done();
  }
}

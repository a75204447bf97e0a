import { describe, expect, it } from 'vitest';
import { isSignatureShaped, signMetaBody, verifyMetaSignature } from '../../../../functions/domain/meta/signature';
import { signatureVector } from '../../../support/meta-corpus';

const vector = signatureVector();

describe('X-Hub-Signature-256', () => {
  it('verifies pywa\'s recorded vector over the exact 511 bytes', () => {
    expect(vector.body.length).toBe(vector.body_length_bytes);
    expect(verifyMetaSignature(vector.body, vector.x_hub_signature_256, vector.app_secret)).toBe(true);
    expect(signMetaBody(vector.body, vector.app_secret)).toBe(vector.x_hub_signature_256);
  });

  it('refuses another secret, another byte, a re-serialised body and a malformed header', () => {
    expect(verifyMetaSignature(vector.body, vector.x_hub_signature_256, `${vector.app_secret}x`)).toBe(false);
    const changed = Buffer.from(vector.body);
    changed[changed.length - 3] ^= 1;
    expect(verifyMetaSignature(changed, vector.x_hub_signature_256, vector.app_secret)).toBe(false);
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(vector.body.toString('utf8')), null, 1));
    expect(verifyMetaSignature(reserialised, vector.x_hub_signature_256, vector.app_secret)).toBe(false);
    expect(verifyMetaSignature(vector.body, vector.x_hub_signature_256.slice(0, -2), vector.app_secret)).toBe(false);
    expect(verifyMetaSignature(vector.body, vector.x_hub_signature_256.replace('sha256=', 'sha1='), vector.app_secret)).toBe(false);
    expect(isSignatureShaped(undefined)).toBe(false);
    expect(isSignatureShaped(vector.x_hub_signature_256.toUpperCase().replace('SHA256=', 'sha256='))).toBe(true);
  });
});

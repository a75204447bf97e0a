import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalSecretBox } from '../../../../bin/local/adapters/local-secret-box';

describe('the local KMS stand-in', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'secret-box-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const context = { orgId: 'o', channelId: 'c', field: 'appSecret' };

  it('round-trips under a key file kept in the data folder, readable by the owner only', async () => {
    const box = new LocalSecretBox(dir);
    const ciphertext = await box.encrypt('s3cr3t', context);
    expect(ciphertext).not.toContain('s3cr3t');
    expect(await new LocalSecretBox(dir).decrypt(ciphertext, context)).toBe('s3cr3t');
    const keyFile = path.join(dir, 'secrets', 'meta.key');
    expect(Buffer.from(readFileSync(keyFile, 'utf8'), 'base64')).toHaveLength(32);
    expect(statSync(keyFile).mode & 0o077).toBe(0);
  });

  it('opens a ciphertext only with the context it was made with, and never a tampered one', async () => {
    const box = new LocalSecretBox(dir);
    const ciphertext = await box.encrypt('s3cr3t', context);
    await expect(box.decrypt(ciphertext, { ...context, channelId: 'other' })).rejects.toThrow();
    const raw = Buffer.from(ciphertext.slice('local1:'.length), 'base64');
    raw[raw.length - 1] ^= 1;
    await expect(box.decrypt(`local1:${raw.toString('base64')}`, context)).rejects.toThrow();
    await expect(box.decrypt('plain', context)).rejects.toThrow(/not a ciphertext/);
  });
});

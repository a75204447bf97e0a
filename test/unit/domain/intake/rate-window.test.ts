import { describe, expect, it } from 'vitest';
import { hourWindowOf } from '../../../../functions/domain/intake/rate-limits';
import { hashTrackingToken, newTrackingToken } from '../../../../functions/domain/intake/tracking-token';

describe('hourly submission windows', () => {
  it('names the hour and the seconds left in it', () => {
    expect(hourWindowOf(new Date('2026-11-29T13:59:30.200Z'))).toEqual({
      window: '2026-11-29T13', secondsLeft: 30, expiresAt: Date.parse('2026-11-29T15:00:00Z') / 1000,
    });
    expect(hourWindowOf(new Date('2026-11-29T14:00:00Z'))).toMatchObject({ window: '2026-11-29T14', secondsLeft: 3600 });
    expect(hourWindowOf(new Date('2026-11-29T14:59:59.999Z')).secondsLeft).toBe(1);
  });
});

describe('tracking tokens', () => {
  it('are 256 random bits in base64url, and only their SHA-256 is kept', () => {
    const tokens = Array.from({ length: 50 }, () => newTrackingToken());
    for (const { token, hash } of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(hash).toBe(hashTrackingToken(token));
      expect(hash).not.toContain(token);
    }
    expect(new Set(tokens.map((t) => t.token)).size).toBe(50);
  });
});

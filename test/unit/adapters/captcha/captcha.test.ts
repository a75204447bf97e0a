import { describe, expect, it } from 'vitest';
import { SiteverifyCaptcha } from '../../../../functions/adapters/captcha.siteverify';
import { RECORDED, replaying } from './recorded-siteverify';

describe('SiteverifyCaptcha against recorded provider answers', () => {
  it('posts secret, answer, site key and client IP to Turnstile and accepts its success', async () => {
    const { fetcher, sent } = replaying({ status: 200, json: RECORDED.turnstileSuccess });
    const captcha = new SiteverifyCaptcha('turnstile', 'site-key', 'sec-ret', fetcher);
    expect(await captcha.verify('answer-token', '203.0.113.7')).toEqual({ ok: true });
    expect(sent).toHaveLength(1);
    expect(sent[0].url).toBe('https://challenges.cloudflare.com/turnstile/v0/siteverify');
    expect(Object.fromEntries(sent[0].body)).toEqual({ secret: 'sec-ret', response: 'answer-token', sitekey: 'site-key', remoteip: '203.0.113.7' });
  });

  it('uses hCaptcha\'s endpoint for hcaptcha', async () => {
    const { fetcher, sent } = replaying({ status: 200, json: RECORDED.hcaptchaSuccess });
    expect(await new SiteverifyCaptcha('hcaptcha', 'k', 's', fetcher).verify('a')).toEqual({ ok: true });
    expect(sent[0].url).toBe('https://api.hcaptcha.com/siteverify');
    expect(sent[0].body.has('remoteip')).toBe(false);
  });

  it.each([
    ['turnstile', RECORDED.turnstileInvalid, 'invalid-input-response'],
    ['turnstile', RECORDED.turnstileReused, 'timeout-or-duplicate'],
    ['hcaptcha', RECORDED.hcaptchaInvalid, 'invalid-or-already-seen-response'],
  ] as const)('refuses a %s failure and names its error code (%s)', async (provider, json, code) => {
    const { fetcher } = replaying({ status: 200, json });
    const verdict = await new SiteverifyCaptcha(provider, 'k', 's', fetcher).verify('a');
    expect(verdict).toEqual({ ok: false, reason: `the CAPTCHA answer was refused (${code})` });
  });

  it('fails closed when the provider errs or cannot be reached', async () => {
    expect(await new SiteverifyCaptcha('turnstile', 'k', 's', replaying({ status: 503, json: {} }).fetcher).verify('a'))
      .toEqual({ ok: false, reason: 'the CAPTCHA service answered 503; try again' });
    expect(await new SiteverifyCaptcha('turnstile', 'k', 's', replaying('network-error').fetcher).verify('a'))
      .toEqual({ ok: false, reason: 'the CAPTCHA service did not answer; try again' });
  });
});

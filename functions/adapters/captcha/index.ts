import { config } from '../../config';
import type { CaptchaVerifier } from '../../domain/intake/captcha';
import { SiteverifyCaptcha } from './captcha.aws';

let chosen: CaptchaVerifier | undefined | null = null;

/** The configured CAPTCHA verifier, or none (`CAPTCHA_PROVIDER=off`, the local default). */
export function captchaVerifier(): CaptchaVerifier | undefined {
  if (chosen === null) {
    const { CAPTCHA_PROVIDER: provider, CAPTCHA_SITE_KEY: siteKey, CAPTCHA_SECRET: secret } = config();
    if (provider === 'off') chosen = undefined;
    else if (!siteKey || !secret) throw new Error(`CAPTCHA_PROVIDER=${provider} needs CAPTCHA_SITE_KEY and CAPTCHA_SECRET`);
    else chosen = new SiteverifyCaptcha(provider, siteKey, secret);
  }
  return chosen;
}

/** What a CAPTCHA provider said about one answer. */
export type CaptchaVerdict = { ok: true } | { ok: false; reason: string };

/**
 * The port to a CAPTCHA provider (Cloudflare Turnstile or hCaptcha in AWS; none locally). The
 * form configuration shows `siteKey` to browsers; `verify` checks a widget's answer server-side.
 */
export interface CaptchaVerifier {
  readonly provider: 'turnstile' | 'hcaptcha';
  readonly siteKey: string;
  verify(answer: string, remoteIp?: string): Promise<CaptchaVerdict>;
}

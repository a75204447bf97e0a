import type { CaptchaVerdict, CaptchaVerifier } from '../domain/intake/captcha';

/** The providers' server-side check endpoints; both take the same form fields and answer alike. */
const SITEVERIFY = {
  turnstile: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
  hcaptcha: 'https://api.hcaptcha.com/siteverify',
} as const;

type Fetch = (url: string, init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal }) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

/**
 * Cloudflare Turnstile or hCaptcha: POSTs the widget's answer with the secret to the provider's
 * siteverify endpoint. A provider outage refuses the submission (fail closed: the form is the
 * spam door), with a reason the form can show.
 */
export class SiteverifyCaptcha implements CaptchaVerifier {
  constructor(
    readonly provider: 'turnstile' | 'hcaptcha',
    readonly siteKey: string,
    /** The secret key, or how to read it (an SSM parameter in AWS). */
    private readonly secret: string | (() => Promise<string>),
    private readonly fetcher: Fetch = fetch as unknown as Fetch,
    private readonly timeoutMs = 3000,
  ) {}

  async verify(answer: string, remoteIp?: string): Promise<CaptchaVerdict> {
    const secret = typeof this.secret === 'string' ? this.secret : await this.secret();
    const form = new URLSearchParams({ secret, response: answer, sitekey: this.siteKey });
    if (remoteIp) form.set('remoteip', remoteIp);
    let result: { success?: boolean; 'error-codes'?: string[] };
    try {
      const res = await this.fetcher(SITEVERIFY[this.provider], {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!res.ok) return { ok: false, reason: `the CAPTCHA service answered ${res.status}; try again` };
      result = (await res.json()) as typeof result;
    } catch {
      return { ok: false, reason: 'the CAPTCHA service did not answer; try again' };
    }
    if (result.success === true) return { ok: true };
    const codes = result['error-codes'] ?? [];
    return { ok: false, reason: codes.length ? `the CAPTCHA answer was refused (${codes.join(', ')})` : 'the CAPTCHA answer was refused' };
  }
}

/**
 * Answers of the providers' siteverify endpoints as documented and observed (Cloudflare Turnstile
 * "Server-side validation", hCaptcha "Verify the user response server side"), replayed by a
 * stand-in fetch that also records what the adapter sent.
 */
export const RECORDED = {
  turnstileSuccess: { success: true, challenge_ts: '2026-11-29T13:05:12.096Z', hostname: 'shop.example', 'error-codes': [], action: '', cdata: '' },
  turnstileInvalid: { success: false, 'error-codes': ['invalid-input-response'], messages: [] },
  turnstileReused: { success: false, 'error-codes': ['timeout-or-duplicate'], messages: [] },
  hcaptchaSuccess: { success: true, challenge_ts: '2026-11-29T13:05:12Z', hostname: 'shop.example', credit: false },
  hcaptchaInvalid: { success: false, 'error-codes': ['invalid-or-already-seen-response'] },
};

export interface Sent { url: string; body: URLSearchParams }

export function replaying(answer: { status: number; json: unknown } | 'network-error') {
  const sent: Sent[] = [];
  const fetcher = async (url: string, init: { body: string }) => {
    sent.push({ url, body: new URLSearchParams(init.body) });
    if (answer === 'network-error') throw new TypeError('fetch failed');
    return { ok: answer.status >= 200 && answer.status < 300, status: answer.status, json: async () => answer.json };
  };
  return { fetcher, sent };
}

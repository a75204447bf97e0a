import type { LifecycleTexts } from './lifecycle-capacity';

/**
 * Texts the size of real support mail, for the lifecycle measured with them: a 3 KB first
 * message and replies of about 1.5 KB, ordinary prose (no repetition, which would deflate far
 * better than mail does).
 */
const SENTENCES = [
  'Hello support team, I am writing because our invoices stopped arriving after we changed the billing address last Tuesday.',
  'We are a small accounting firm with twelve seats, and the finance lead noticed the gap when she reconciled the November statement.',
  'The account is registered under the old office address on Harbour Street, which we left at the end of October.',
  'I updated the address in the settings page, saved it, and received the confirmation banner, so I assumed everything was fine.',
  'Since then neither the monthly invoice nor the receipt for the additional seat we purchased has reached our accounts inbox.',
  'I checked the spam folder, the quarantine of our mail gateway and the shared mailbox rules, and found nothing from your domain.',
  'Could you tell me whether the invoices were generated at all, and if so, to which address they were sent?',
  'Our auditors need the documents by the fifteenth, so a copy of both PDFs attached to your reply would already help a great deal.',
  'For reference, the last invoice we did receive was numbered 2026-0412 and was paid by bank transfer on the third of October.',
  'We also noticed that the tax identifier printed on that invoice still shows a typo in the last two digits.',
  'If it is easier to fix both at once, please correct the identifier to end in 47 rather than 74 on future documents.',
  'Two colleagues tried to sign in to the billing portal this morning and were told their role does not permit viewing invoices.',
  'They are both administrators in the main application, so I am not sure why the portal treats them differently.',
  'Is there a separate permission for billing that we need to grant, or is this something only your team can change?',
  'I have attached a screenshot of the error message, although it does not say much beyond access denied and a reference code.',
  'The reference code shown was B7-221-X, in case that helps your engineers find the request in their logs.',
  'We would prefer not to change payment method, but if the address change broke something we can re-enter the card details.',
  'Please let me know if you need any other information from our side, such as the purchase order numbers or the contract date.',
  'Thank you for looking into this, and apologies for the long message; I wanted to give you everything in one go.',
  'Kind regards, Miriam Okafor, Office Manager, Okafor and Lind Accounting, phone plus 44 20 7946 0958.',
  'Thanks for the quick reply, the invoices you attached are exactly what the auditors asked for.',
  'I forwarded them to the finance lead, who confirmed the amounts match our purchase orders line by line.',
  'The tax identifier on the new copies is correct now, so that part is settled as far as we are concerned.',
  'The portal still refuses our two administrators, though, and the reference code this time was C1-904-Q.',
  'One of them cleared her browser data and tried a private window as you suggested, with the same result.',
  'Our IT contractor wonders whether single sign-on is involved, since both accounts were created through the identity provider.',
  'If there is a setting on our side for that, a short pointer to the documentation page would be enough for him.',
  'Otherwise we are happy to wait for your engineers, as long as next month\'s invoice arrives at the new address.',
];

const textOf = (from: number, bytes: number) => {
  let text = '';
  for (let i = from; Buffer.byteLength(text) < bytes; i++) text += `${SENTENCES[i % SENTENCES.length]} `;
  return text.trim();
};

export const MAIL_SIZED: LifecycleTexts = {
  description: textOf(0, 3_000),
  replies: [textOf(6, 1_500), textOf(20, 1_500), textOf(13, 1_500)],
  resolution: textOf(24, 600),
};

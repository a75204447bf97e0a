// Tags that mark how a mail ticket came in. A module of their own so the notifier, which reads
// them, does not import mail delivery and recovery (and with them the MIME parser).

/** Tickets opened by bulk, list or machine mail: no automatic mail ever goes back (no loops). */
export const AUTOMATED_MAIL_TAG = 'mail-automated';

/** Tickets opened from recovered mail: the notifier sends them no automatic confirmation. */
export const RECOVERED_TAG = 'mail-recovered';

/**
 * The shape of a Meta id a channel is connected with (WhatsApp phone number id, Instagram account
 * id): the channel schema takes only these, and an incoming webhook's ids are checked against it
 * before any becomes part of a key. Zod-free, so the webhook's bundle takes no schema module.
 */
export const META_ID_PATTERN = /^[\w.:-]{1,64}$/;

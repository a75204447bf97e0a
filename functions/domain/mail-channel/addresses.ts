/** `support+t.01j…@example.com` → base `support@example.com`, token `01j…`. Lower case. */
export function splitAddress(address: string): { base: string; token?: string } {
  const clean = address.trim().toLowerCase().replace(/^<|>$/g, '');
  const at = clean.lastIndexOf('@');
  if (at < 1) return { base: clean };
  const local = clean.slice(0, at);
  const domain = clean.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus < 0) return { base: clean };
  const tag = local.slice(plus + 1);
  const token = tag.startsWith('t.') ? tag.slice(2) : undefined;
  return { base: `${local.slice(0, plus)}@${domain}`, token: token || undefined };
}

/** The per-ticket reply address: replies to it thread by token, whatever their headers say. */
export function replyAddressOf(mailbox: string, ticketId: string): string {
  const { base } = splitAddress(mailbox);
  const at = base.lastIndexOf('@');
  return `${base.slice(0, at)}+t.${ticketId.toLowerCase()}@${base.slice(at + 1)}`;
}

/** The token is the ticket id (a ULID: 80 random bits), written in lower case. */
export const ticketIdOfToken = (token: string) => token.toUpperCase();

export const TICKET_NUMBER_IN_SUBJECT = /\[(TKT-\d{4}-\d{6,})\]/i;

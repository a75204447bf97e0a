/**
 * The Message-IDs in a `Message-ID`, `In-Reply-To` or `References` value, bare (without
 * angle brackets) and in order. Ids some clients write without brackets are accepted
 * when the value has no bracketed id at all. Never throws.
 */
export function parseMessageIds(value: string | undefined): string[] {
  if (!value) return [];
  const bracketed = [...value.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]);
  if (bracketed.length || value.includes('<')) return bracketed;
  return value.split(/[\s,]+/).filter(Boolean);
}

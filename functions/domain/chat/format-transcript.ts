import type { TranscriptEntry } from '../../../schemas/chat';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ROLE = { customer: 'Customer', agent: 'Agent', bot: 'Bot' } as const;
const two = (n: number) => String(n).padStart(2, '0');

/** `MMM dd, yyyy HH:mm` in UTC, as seed 004's transcript shows time. */
export function transcriptTime(at: string): string {
  const d = new Date(at);
  return `${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())}, ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/**
 * Seed 004's transcript: one paragraph per message, `[Nov 29, 2026 13:05] Customer: text`,
 * in the order the chat had them. Attachment ids are named on their line.
 */
export function formatTranscript(entries: readonly TranscriptEntry[]): string {
  return entries
    .map((entry) => {
      const files = entry.attachmentIds?.length ? ` [attachments: ${entry.attachmentIds.join(', ')}]` : '';
      return `[${transcriptTime(entry.at)}] ${ROLE[entry.role]}: ${entry.text}${files}`;
    })
    .join('\n\n');
}

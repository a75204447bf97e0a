/** Human-friendly, per organization and year: TKT-2026-000123. */
export function formatTicketNumber(year: number, sequence: number): string {
  return `TKT-${year}-${String(sequence).padStart(6, '0')}`;
}

export const ticketCounterName = (year: number) => `ticket-number-${year}`;

export function yearOf(instant: Date): number {
  return instant.getUTCFullYear();
}

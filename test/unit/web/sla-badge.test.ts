import { describe, expect, it } from 'vitest';
import { slaDue } from '../../../web/src/core/sla';
import { formatDuration } from '../../../web/src/core/format';

const now = Date.parse('2026-11-29T12:00:00Z');
const sla = (over: Record<string, unknown> = {}) => ({
  policyId: 'p', firstResponseDueAt: null, nextResponseDueAt: null, resolutionDueAt: null, pausedSince: null, breached: [], ...over,
});
const badge = (s: ReturnType<typeof sla> | null, status = 'open') => slaDue({ sla: s as never, status: status as never }, now, formatDuration);

describe('the SLA badge', () => {
  it('counts down to the nearest running target', () => {
    expect(badge(sla({ firstResponseDueAt: '2026-11-29T12:30:05Z', resolutionDueAt: '2026-11-29T20:00:00Z' }))).toEqual({
      label: 'First response', dueAt: Date.parse('2026-11-29T12:30:05Z'), tone: 'soon', text: '30m 05s left',
    });
    expect(badge(sla({ resolutionDueAt: '2026-11-29T14:05:00Z' }))).toMatchObject({ label: 'Resolution', tone: 'ok', text: '2h 05m left' });
  });

  it('turns red once the target has passed, before the server has recorded the breach', () => {
    expect(badge(sla({ firstResponseDueAt: '2026-11-29T11:58:00Z' }))).toMatchObject({ tone: 'breached', text: 'Breached 2m 00s ago' });
  });

  it('stays red for a ticket that already breached a target, and says so without a running one', () => {
    const breached = [{ kind: 'firstResponse', at: '2026-11-29T11:00:00Z' }];
    expect(badge(sla({ breached, resolutionDueAt: '2026-11-29T18:00:00Z' }))).toMatchObject({ tone: 'breached', text: '6h 00m left' });
    expect(badge(sla({ breached }))).toMatchObject({ tone: 'breached', text: 'Breached' });
  });

  it('shows a paused clock, and nothing for finished tickets or tickets without SLA', () => {
    expect(badge(sla({ pausedSince: '2026-11-29T11:00:00Z' }))).toMatchObject({ tone: 'paused', text: 'Paused' });
    expect(badge(sla({ firstResponseDueAt: '2026-11-29T12:30:00Z' }), 'resolved')).toBeUndefined();
    expect(badge(null)).toBeUndefined();
  });

  it('formats durations by their two largest units', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(59_000)).toBe('59s');
    expect(formatDuration(3_600_000 + 61_000)).toBe('1h 01m');
    expect(formatDuration(2 * 86_400_000 + 3 * 3_600_000)).toBe('2d 3h');
  });
});

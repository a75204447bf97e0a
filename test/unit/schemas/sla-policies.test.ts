import { OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { describe, expect, it } from 'vitest';
import { addBusinessMinutes } from '../../../functions/domain/sla';
import { DEFAULT_SLA_TARGETS, SlaPolicyInput, TicketSlaView } from '../../../schemas/sla-policies';

const lunch = [['09:00', '12:30'], ['13:30', '17:00']];
const valid = {
  name: 'Berlin office',
  default: true,
  calendar: { timezone: 'Europe/Berlin', hours: { mon: lunch, tue: lunch }, holidays: ['2026-12-25'] },
  targets: { critical: { firstResponseMinutes: 15, nextResponseMinutes: 30, resolutionMinutes: 120 } },
};

/** A copy of `valid` with `patch` applied at `path` (undefined deletes). */
function withValue(path: (string | number)[], patch: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(valid));
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  const last = path[path.length - 1];
  if (patch === undefined) delete node[last];
  else node[last] = patch;
  return copy;
}

function issuesOf(input: unknown) {
  const result = SlaPolicyInput.safeParse(input);
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((i) => ({ path: i.path, code: i.code, message: i.message }));
}

describe('SlaPolicyInput accepts', () => {
  it('weekly hours with several periods a day; missing priorities take the defaults', () => {
    const parsed = SlaPolicyInput.parse(valid);
    expect(parsed.targets.critical).toEqual({ firstResponseMinutes: 15, nextResponseMinutes: 30, resolutionMinutes: 120 });
    expect(parsed.targets.low).toEqual(DEFAULT_SLA_TARGETS.low);
    expect(parsed.targets.high).toEqual({ firstResponseMinutes: 120, nextResponseMinutes: 120, resolutionMinutes: 1440 });
    // the parsed calendar drives the domain: Mon 2026-03-02 12:00 CET + 60 -> 14:00 CET
    expect(addBusinessMinutes(parsed.calendar, new Date('2026-03-02T11:00:00Z'), 60).toISOString()).toBe('2026-03-02T13:00:00.000Z');
  });

  it('"24x7", a 24:00 end, touching periods; defaults for `default`, holidays and targets', () => {
    const parsed = SlaPolicyInput.parse({ name: ' Round the clock ', calendar: '24x7' });
    expect(parsed).toMatchObject({ name: 'Round the clock', default: false, calendar: '24x7' });
    expect(parsed.targets).toEqual(DEFAULT_SLA_TARGETS);
    const late = SlaPolicyInput.parse({ name: 'x', calendar: { timezone: 'UTC', hours: { fri: [['12:00', '18:00'], ['18:00', '24:00']] } } });
    expect(late.calendar).toEqual({ timezone: 'UTC', hours: { fri: [['12:00', '18:00'], ['18:00', '24:00']] }, holidays: [] });
  });
});

describe('SlaPolicyInput rejects with the path of the fault', () => {
  it.each([
    ['an unknown IANA zone', ['calendar', 'timezone'], 'Europe/Berln', ['calendar', 'timezone']],
    ['an hour out of range', ['calendar', 'hours', 'mon', 0, 0], '25:00', ['calendar', 'hours', 'mon', 0, 0]],
    ['a single-digit hour', ['calendar', 'hours', 'mon', 1, 0], '9:00', ['calendar', 'hours', 'mon', 1, 0]],
    ['minute 60', ['calendar', 'hours', 'tue', 0, 1], '12:60', ['calendar', 'hours', 'tue', 0, 1]],
    ['24:00 as a start', ['calendar', 'hours', 'mon', 1], ['24:00', '24:00'], ['calendar', 'hours', 'mon', 1, 0]],
    ['an empty period', ['calendar', 'hours', 'mon', 1], ['13:30', '13:30'], ['calendar', 'hours', 'mon', 1, 1]],
    ['a period ending before it starts', ['calendar', 'hours', 'mon', 1], ['17:00', '13:30'], ['calendar', 'hours', 'mon', 1, 1]],
    ['overlapping periods', ['calendar', 'hours', 'mon', 1], ['12:00', '17:00'], ['calendar', 'hours', 'mon', 1]],
    ['a period that is not a pair', ['calendar', 'hours', 'mon', 1], ['13:30'], ['calendar', 'hours', 'mon', 1]],
    ['an impossible holiday', ['calendar', 'holidays', 0], '2026-02-30', ['calendar', 'holidays', 0]],
    ['a malformed holiday', ['calendar', 'holidays', 0], '25.12.2026', ['calendar', 'holidays', 0]],
    ['a duplicate holiday', ['calendar', 'holidays'], ['2026-12-25', '2026-12-25'], ['calendar', 'holidays', 1]],
    ['no working period at all', ['calendar', 'hours'], { sat: [] }, ['calendar', 'hours']],
    ['an unknown calendar keyword', ['calendar'], '24x5', ['calendar']],
    ['a calendar of the wrong type', ['calendar'], 7, ['calendar']],
    ['a zero target', ['targets', 'critical', 'firstResponseMinutes'], 0, ['targets', 'critical', 'firstResponseMinutes']],
    ['a negative target', ['targets', 'critical', 'resolutionMinutes'], -5, ['targets', 'critical', 'resolutionMinutes']],
    ['a fractional target', ['targets', 'critical', 'nextResponseMinutes'], 1.5, ['targets', 'critical', 'nextResponseMinutes']],
    ['a target over a year', ['targets', 'critical', 'resolutionMinutes'], 525_601, ['targets', 'critical', 'resolutionMinutes']],
    ['a priority missing a target', ['targets', 'critical', 'resolutionMinutes'], undefined, ['targets', 'critical', 'resolutionMinutes']],
    ['an empty name', ['name'], '   ', ['name']],
    ['a name over 100 characters', ['name'], 'n'.repeat(101), ['name']],
    ['a missing name', ['name'], undefined, ['name']],
  ] as const)('%s', (_label, at, value, path) => {
    const issues = issuesOf(withValue([...at], value));
    expect(issues.map((i) => i.path)).toEqual([path]);
  });

  it.each([
    ['a weekday key', ['calendar', 'hours', 'monday'], ['calendar', 'hours'], 'monday'],
    ['a priority', ['targets', 'blocker'], ['targets'], 'blocker'],
    ['a calendar field', ['calendar', 'zone'], ['calendar'], 'zone'],
    ['a top-level field', ['orgId'], [], 'orgId'],
  ] as const)('an unknown %s', (_label, at, path, key) => {
    const issues = issuesOf(withValue([...at], lunch));
    expect(issues).toEqual([expect.objectContaining({ path, code: 'unrecognized_keys' })]);
    expect(issues[0].message).toContain(key);
  });

  it('says what is wrong', () => {
    expect(issuesOf(withValue(['calendar', 'timezone'], 'Mars/Olympus'))[0].message).toBe('unknown IANA time zone');
    expect(issuesOf(withValue(['calendar', 'hours', 'mon', 1], ['24:00', '24:00']))[0].message).toMatch(/only allowed as the end/);
    expect(issuesOf(withValue(['calendar', 'hours', 'mon', 1], ['12:00', '17:00']))[0].message).toMatch(/overlaps period 0/);
    expect(issuesOf(withValue(['calendar', 'holidays', 0], '2026-02-30'))[0].message).toBe('no such calendar date');
  });
});

describe('TicketSlaView', () => {
  it('accepts the view of a paused ticket with a breach', () => {
    const view = {
      policyId: 'default',
      firstResponseDueAt: '2026-05-04T10:30:00.000Z',
      nextResponseDueAt: null,
      resolutionDueAt: null,
      pausedSince: '2026-05-04T10:45:00.000Z',
      breached: [{ kind: 'firstResponse', at: '2026-05-04T10:30:00.000Z' }],
    };
    expect(TicketSlaView.parse(view)).toEqual(view);
  });
});

describe('OpenAPI', () => {
  it('documents the schemas as named components', () => {
    const doc = new OpenApiGeneratorV31([{ type: 'schema', schema: SlaPolicyInput }, { type: 'schema', schema: TicketSlaView }])
      .generateComponents();
    const schemas = doc.components?.schemas ?? {};
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining(['SlaPolicyInput', 'SlaCalendar', 'SlaWeeklyCalendar', 'SlaBusinessHours', 'SlaTarget', 'TicketSlaView']),
    );
    expect(schemas.SlaCalendar).toMatchObject({ anyOf: [{ enum: ['24x7'] }, { $ref: '#/components/schemas/SlaWeeklyCalendar' }] });
    expect(schemas.SlaPolicyInput).toMatchObject({ required: ['name', 'calendar'], additionalProperties: false });
  });
});

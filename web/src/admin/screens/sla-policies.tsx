import { useState } from 'preact/hooks';
import { describeError } from '../../core/api';
import { useApp } from '../../core/app-context';
import { PRIORITIES, PRIORITY_LABEL, type SlaPolicyView } from '../../core/types';
import { Notice } from '../../ui/notice';
import { useAsync } from '../../ui/use-async';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const KINDS = [['firstResponseMinutes', 'First response'], ['nextResponseMinutes', 'Next response'], ['resolutionMinutes', 'Resolution']] as const;
type Targets = Record<string, Record<string, number>>;

interface Draft {
  id?: string;
  version?: number;
  name: string;
  isDefault: boolean;
  alwaysOpen: boolean;
  timezone: string;
  /** Per weekday, "09:00-12:30, 13:30-17:00". */
  hours: Record<string, string>;
  holidays: string;
  targets: Targets;
  /** Chosen by conditions (else only as the default); lists are comma separated, empty = any. */
  conditional: boolean;
  conditions: Record<ConditionField, string>;
  order: number;
  enabled: boolean;
}

const CONDITION_FIELDS = [
  ['requesterDomains', 'Requester domains (example.com)'], ['channels', 'Channels (email, api, web, whatsapp…)'],
  ['priorities', 'Priorities (low … critical)'], ['categories', 'Categories (ids)'],
] as const;
type ConditionField = (typeof CONDITION_FIELDS)[number][0];
const splitList = (text: string) => text.split(',').map((v) => v.trim()).filter(Boolean);

const DEFAULT_TARGETS: Targets = {
  critical: { firstResponseMinutes: 30, nextResponseMinutes: 30, resolutionMinutes: 240 },
  urgent: { firstResponseMinutes: 60, nextResponseMinutes: 60, resolutionMinutes: 480 },
  high: { firstResponseMinutes: 120, nextResponseMinutes: 120, resolutionMinutes: 1440 },
  medium: { firstResponseMinutes: 240, nextResponseMinutes: 240, resolutionMinutes: 2880 },
  low: { firstResponseMinutes: 480, nextResponseMinutes: 480, resolutionMinutes: 5760 },
};

function draftOf(p?: SlaPolicyView): Draft {
  const weekly = p && p.calendar !== '24x7' ? p.calendar : undefined;
  return {
    id: p?.id, version: p?.version, name: p?.name ?? '', isDefault: p?.default ?? false, alwaysOpen: !!p && p.calendar === '24x7',
    timezone: weekly?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    hours: Object.fromEntries(DAYS.map((d) => [d, weekly ? (weekly.hours[d] ?? []).map(([a, b]) => `${a}-${b}`).join(', ') : ['sat', 'sun'].includes(d) ? '' : '09:00-17:00'])),
    holidays: weekly?.holidays?.join(', ') ?? '',
    targets: structuredClone((p?.targets as Targets | undefined) ?? DEFAULT_TARGETS),
    conditional: !!p?.conditions,
    conditions: Object.fromEntries(CONDITION_FIELDS.map(([f]) => [f, ((p?.conditions?.[f] as string[] | undefined) ?? []).join(', ')])) as Record<ConditionField, string>,
    order: p?.order ?? 100,
    enabled: p?.enabled ?? true,
  };
}

function bodyOf(d: Draft) {
  const calendar = d.alwaysOpen ? '24x7' : {
    timezone: d.timezone,
    hours: Object.fromEntries(DAYS.map((day) => [day, d.hours[day]!.split(',').map((p) => p.trim()).filter(Boolean).map((p) => p.split('-').map((t) => t.trim()))])),
    holidays: d.holidays.split(',').map((h) => h.trim()).filter(Boolean),
  };
  const conditions = d.conditional
    ? Object.fromEntries(CONDITION_FIELDS.map(([f]) => [f, splitList(d.conditions[f])]).filter(([, v]) => v.length > 0))
    : null;
  return { name: d.name, default: d.isDefault, calendar, targets: d.targets, conditions, order: d.order, enabled: d.enabled };
}

export function SlaPoliciesScreen() {
  const { api, session } = useApp();
  const list = useAsync(() => api.get<{ items: SlaPolicyView[] }>('/v1/sla-policies'), []);
  const [draft, setDraft] = useState<Draft>();
  const [error, setError] = useState<string>();
  const canEdit = session.role === 'admin';
  const save = async (e: Event) => {
    e.preventDefault();
    if (!draft) return;
    try {
      if (draft.id) await api.put(`/v1/sla-policies/${draft.id}`, bodyOf(draft), { 'if-match': `"${draft.version}"` });
      else await api.post('/v1/sla-policies', bodyOf(draft), { 'idempotency-key': crypto.randomUUID() });
      setDraft(undefined);
      setError(undefined);
      void list.reload();
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <>
      {list.error && <Notice tone="error">{list.error}</Notice>}
      {canEdit && !draft && <button class="button primary" type="button" onClick={() => setDraft(draftOf())}>New policy</button>}
      {draft && (
        <form class="card" onSubmit={save} aria-label="SLA policy">
          <div class="form-grid">
            <label class="field"><span>Name</span><input required value={draft.name} onInput={(e) => setDraft({ ...draft, name: (e.target as HTMLInputElement).value })} /></label>
            <label class="check-field"><input type="checkbox" checked={draft.isDefault} onChange={(e) => setDraft({ ...draft, isDefault: (e.target as HTMLInputElement).checked })} /> Default policy of the organization</label>
            <label class="check-field"><input type="checkbox" checked={draft.alwaysOpen} onChange={(e) => setDraft({ ...draft, alwaysOpen: (e.target as HTMLInputElement).checked })} /> Around the clock (24×7)</label>
            {!draft.alwaysOpen && <label class="field"><span>Time zone (IANA)</span><input required value={draft.timezone} onInput={(e) => setDraft({ ...draft, timezone: (e.target as HTMLInputElement).value })} /></label>}
          </div>
          <fieldset class="conditions">
            <legend>Which tickets</legend>
            <label class="check-field"><input type="checkbox" checked={draft.conditional} onChange={(e) => setDraft({ ...draft, conditional: (e.target as HTMLInputElement).checked })} /> Choose this policy for tickets matching all of (empty is any)</label>
            {draft.conditional && (
              <>
                {CONDITION_FIELDS.map(([f, label]) => (
                  <label key={f} class="field"><span>{label}</span><input value={draft.conditions[f]} onInput={(e) => setDraft({ ...draft, conditions: { ...draft.conditions, [f]: (e.target as HTMLInputElement).value } })} /></label>
                ))}
                <label class="field"><span>Order (lower is tried first)</span><input type="number" min={0} max={10000} value={draft.order} onInput={(e) => setDraft({ ...draft, order: Number((e.target as HTMLInputElement).value) })} /></label>
                <label class="check-field"><input type="checkbox" checked={draft.enabled} onChange={(e) => setDraft({ ...draft, enabled: (e.target as HTMLInputElement).checked })} /> Enabled</label>
              </>
            )}
          </fieldset>
          {!draft.alwaysOpen && (
            <fieldset class="hours">
              <legend>Business hours (e.g. 09:00-12:30, 13:30-17:00; empty is closed)</legend>
              {DAYS.map((d) => (
                <label key={d} class="inline-field"><span class="day">{d}</span><input value={draft.hours[d]} onInput={(e) => setDraft({ ...draft, hours: { ...draft.hours, [d]: (e.target as HTMLInputElement).value } })} /></label>
              ))}
              <label class="field"><span>Holidays (YYYY-MM-DD, comma separated)</span><input value={draft.holidays} onInput={(e) => setDraft({ ...draft, holidays: (e.target as HTMLInputElement).value })} /></label>
            </fieldset>
          )}
          <table class="data targets">
            <caption>Targets in business minutes</caption>
            <thead><tr><th scope="col">Priority</th>{KINDS.map(([, label]) => <th key={label} scope="col">{label}</th>)}</tr></thead>
            <tbody>
              {PRIORITIES.map((p) => (
                <tr key={p}>
                  <th scope="row">{PRIORITY_LABEL[p]}</th>
                  {KINDS.map(([kind, label]) => (
                    <td key={kind}>
                      <input type="number" min={1} required aria-label={`${PRIORITY_LABEL[p]} ${label} minutes`} value={draft.targets[p]![kind]}
                        onInput={(e) => setDraft({ ...draft, targets: { ...draft.targets, [p]: { ...draft.targets[p]!, [kind]: Number((e.target as HTMLInputElement).value) } } })} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {error && <Notice tone="error">{error}</Notice>}
          <div class="row"><button class="button primary" type="submit">Save policy</button><button class="button ghost" type="button" onClick={() => setDraft(undefined)}>Cancel</button></div>
        </form>
      )}
      <table class="data">
        <caption class="visually-hidden">SLA policies</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">Calendar</th><th scope="col">Urgent first response</th><th scope="col">Default</th><th scope="col">Applies to</th>{canEdit && <th scope="col"><span class="visually-hidden">Actions</span></th>}</tr></thead>
        <tbody>
          {(list.data?.items ?? []).map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td>{p.calendar === '24x7' ? '24×7' : p.calendar.timezone}</td>
              <td>{p.targets.urgent.firstResponseMinutes} min</td>
              <td>{p.default ? 'Yes' : ''}</td>
              <td>{conditionsText(p)}</td>
              {canEdit && <td><button class="button small" type="button" onClick={() => setDraft(draftOf(p))}>Edit<span class="visually-hidden"> {p.name}</span></button></td>}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** "priorities: urgent; requesterDomains: acme.example (order 10)" or "default only". */
function conditionsText(p: SlaPolicyView): string {
  if (!p.conditions) return 'Default only';
  const parts = Object.entries(p.conditions).map(([f, v]) => `${f}: ${(v as string[]).join(', ')}`);
  return `${parts.length ? parts.join('; ') : 'Every ticket'} (order ${p.order}${p.enabled ? '' : ', disabled'})`;
}

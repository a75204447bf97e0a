import { useState } from 'preact/hooks';
import { describeError } from '../../core/api';
import { useApp } from '../../core/app-context';
import type { AutomationTestResult, AutomationView, TicketView } from '../../core/types';
import { Notice } from '../../ui/notice';
import { useEditableList } from '../use-editable-list';

interface Draft { id?: string; name: string; enabled: boolean; on: string; conditions: string; actions: string }

const EXAMPLE_CONDITIONS = '{ "all": [{ "field": "subject", "op": "contains", "value": "refund" }] }';
const EXAMPLE_ACTIONS = '[{ "type": "set", "field": "priority", "value": "high" }, { "type": "add_tags", "tags": ["billing"] }]';
const fresh = (): Draft => ({ name: '', enabled: true, on: 'ticket.created', conditions: EXAMPLE_CONDITIONS, actions: EXAMPLE_ACTIONS });
const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** Parses a JSON field of the form, naming the field when it is not JSON. */
function parsed(label: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${label} is not valid JSON`);
  }
}

/**
 * Automation rules: when (events), if (conditions), then (actions), as the API takes them.
 * Conditions and actions are edited as JSON (the README lists fields, operators and actions);
 * the API's problem details point at the part it refuses. A dry run shows what a rule would do
 * to a ticket, without doing it.
 */
export function AutomationsScreen() {
  const { api } = useApp();
  const { list, items, draft, setDraft, error, setError, save: write } = useEditableList<AutomationView, Draft>(() => api.get('/v1/automations'));
  const [trial, setTrial] = useState<{ rule: AutomationView; number: string; result?: AutomationTestResult; error?: string }>();
  const save = (e: Event) => {
    e.preventDefault();
    if (!draft) return;
    void write(async () => {
      const body = {
        name: draft.name, enabled: draft.enabled,
        on: draft.on.split(',').map((s) => s.trim()).filter(Boolean),
        conditions: parsed('Conditions', draft.conditions), actions: parsed('Actions', draft.actions),
      };
      return draft.id ? api.patch(`/v1/automations/${draft.id}`, body) : api.post('/v1/automations', body, { 'idempotency-key': crypto.randomUUID() });
    });
  };
  const toggle = (rule: AutomationView) => void write(() => api.patch(`/v1/automations/${rule.id}`, { enabled: !rule.enabled }));
  const remove = async (rule: AutomationView) => {
    if (!confirm(`Delete the rule “${rule.name}”?`)) return;
    await api.delete(`/v1/automations/${rule.id}`).catch((err) => setError(describeError(err)));
    void list.reload();
  };
  const dryRun = async (e: Event) => {
    e.preventDefault();
    if (!trial) return;
    try {
      const ticket = await api.get<TicketView>(`/v1/tickets/by-number/${encodeURIComponent(trial.number.trim())}`);
      const { body } = await api.post<AutomationTestResult>(`/v1/automations/${trial.rule.id}/test`, { ticketId: ticket.id });
      setTrial({ ...trial, result: body, error: undefined });
    } catch (err) {
      setTrial({ ...trial, result: undefined, error: describeError(err) });
    }
  };
  const set = (field: keyof Draft) => (e: Event) => {
    const input = e.target as HTMLInputElement;
    setDraft({ ...draft!, [field]: field === 'enabled' ? input.checked : input.value });
  };
  return (
    <>
      {list.error && <Notice tone="error">{list.error}</Notice>}
      {!draft && error && <Notice tone="error">{error}</Notice>}
      {!draft && <button class="button primary" type="button" onClick={() => { setError(undefined); setDraft(fresh()); }}>New rule</button>}
      {draft && (
        <form class="card" onSubmit={save} aria-label="Automation rule">
          <div class="form-grid">
            <label class="field"><span>Name</span><input required maxLength={200} value={draft.name} onInput={set('name')} /></label>
            <label class="field"><span>Runs on events (comma separated)</span><input value={draft.on} placeholder="ticket.created, ticket.message.added" onInput={set('on')} /></label>
            <label class="inline-field"><input type="checkbox" checked={draft.enabled} onChange={set('enabled')} /> <span>Enabled</span></label>
          </div>
          <label class="field"><span>Conditions (JSON)</span><textarea class="code" rows={5} value={draft.conditions} onInput={set('conditions')} /></label>
          <label class="field"><span>Actions (JSON)</span><textarea class="code" rows={5} value={draft.actions} onInput={set('actions')} /></label>
          {error && <Notice tone="error">{error}</Notice>}
          <div class="row"><button class="button primary" type="submit">Save rule</button><button class="button ghost" type="button" onClick={() => setDraft(undefined)}>Cancel</button></div>
        </form>
      )}
      {trial && (
        <form class="card" onSubmit={dryRun} aria-label="Dry run">
          <h3 class="card-title">Dry run: {trial.rule.name}</h3>
          <div class="row">
            <label class="field"><span>Ticket number</span><input required value={trial.number} onInput={(e) => setTrial({ ...trial, number: (e.target as HTMLInputElement).value })} /></label>
            <button class="button" type="submit">Test</button>
            <button class="button ghost" type="button" onClick={() => setTrial(undefined)}>Close</button>
          </div>
          {trial.error && <Notice tone="error">{trial.error}</Notice>}
          {trial.result && (
            <div data-matched={String(trial.result.matched)}>
              <p><strong>{trial.result.matched ? 'The rule would act on this ticket.' : 'The rule would not act on this ticket.'}</strong></p>
              <ul class="plain-list" aria-label="Conditions">
                {trial.result.conditions.map((c, i) => (
                  <li key={i}>{c.matched ? '✓' : '✗'} {c.group}: {c.field} {c.op} {JSON.stringify(c.value)} <span class="muted">(is {JSON.stringify(c.actual)})</span></li>
                ))}
              </ul>
              {trial.result.matched && (
                <ul class="plain-list" aria-label="Would do">
                  {trial.result.actions.map((a, i) => <li key={i}><code>{a.type}</code> {a.description}</li>)}
                </ul>
              )}
            </div>
          )}
        </form>
      )}
      <table class="data">
        <caption class="visually-hidden">Automation rules</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">Runs on</th><th scope="col">Enabled</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {items.map((rule) => (
            <tr key={rule.id}>
              <td>{rule.name}</td>
              <td>{rule.on.join(', ') || 'idle time'}</td>
              <td><button class="button small ghost" type="button" aria-pressed={rule.enabled} onClick={() => toggle(rule)}>{rule.enabled ? 'On' : 'Off'}<span class="visually-hidden"> {rule.name}</span></button></td>
              <td class="row">
                <button class="button small" type="button" onClick={() => { setError(undefined); setDraft({ id: rule.id, name: rule.name, enabled: rule.enabled, on: rule.on.join(', '), conditions: pretty(rule.conditions), actions: pretty(rule.actions) }); }}>Edit<span class="visually-hidden"> {rule.name}</span></button>
                <button class="button small ghost" type="button" onClick={() => setTrial({ rule, number: '' })}>Dry run<span class="visually-hidden"> {rule.name}</span></button>
                <button class="button small danger" type="button" onClick={() => void remove(rule)}>Delete<span class="visually-hidden"> {rule.name}</span></button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { ApiError, describeError } from '../../core/api';
import { useApp } from '../../core/app-context';
import type { SettingsChangeList, SettingsView } from '../../core/types';
import { Notice } from '../../ui/notice';
import { useAsync } from '../../ui/use-async';

type Settings = SettingsView['settings'];
const MIB = 1024 * 1024;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/**
 * The organization's settings in one form, saved with If-Match on the version it was loaded at:
 * a change someone made meanwhile is a conflict to reload, never silently overwritten. The
 * history below lists who changed what.
 */
export function OrgSettingsScreen() {
  const { api } = useApp();
  const current = useAsync(() => api.get<SettingsView>('/v1/settings'), []);
  const history = useAsync(() => api.get<SettingsChangeList>('/v1/settings/history'), []);
  const [draft, setDraft] = useState<Settings>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  useEffect(() => {
    if (current.data) setDraft(current.data.settings);
  }, [current.data]);
  if (!draft || !current.data) return current.error ? <Notice tone="error">{current.error}</Notice> : null;
  const version = current.data.version;

  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => {
    setNotice(undefined);
    setDraft({ ...draft, [key]: value });
  };
  const number = (e: Event) => Number((e.target as HTMLInputElement).value);
  const text = (e: Event) => (e.target as HTMLInputElement).value.trim() || null;
  const save = async (e: Event) => {
    e.preventDefault();
    const before = current.data!.settings;
    const changes = Object.fromEntries(Object.entries(draft).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key as keyof Settings])));
    if (Object.keys(changes).length === 0) return setNotice('Nothing changed.');
    try {
      const { body } = await api.patch<SettingsView>('/v1/settings', changes, { 'if-match': `"${version}"` });
      current.setData(body);
      setError(undefined);
      setNotice('Saved.');
      void history.reload();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 412 ? 'Someone changed the settings meanwhile: reload to see their change (your edits are still here).' : describeError(err));
    }
  };
  return (
    <>
      <form class="card" onSubmit={save} aria-label="Organization settings">
        <fieldset class="form-grid">
          <legend>Tickets</legend>
          <label class="field"><span>Auto-close after (days)</span><input type="number" min={1} max={365} value={draft.autoCloseDays} onInput={(e) => set('autoCloseDays', number(e))} /></label>
          <label class="inline-field"><input type="checkbox" checked={draft.autoCloseWarning} onChange={(e) => set('autoCloseWarning', (e.target as HTMLInputElement).checked)} /> <span>Warn the customer before auto-close</span></label>
          <label class="field"><span>Survey delay (hours after closure)</span><input type="number" min={0} max={720} value={draft.surveyDelayHours} onInput={(e) => set('surveyDelayHours', number(e))} /></label>
          <label class="field"><span>Agents see</span>
            <select value={draft.agentScope} onChange={(e) => set('agentScope', (e.target as HTMLSelectElement).value as Settings['agentScope'])}>
              <option value="all">All tickets</option><option value="department">Their departments' tickets</option><option value="assigned">Their assigned tickets</option>
            </select>
          </label>
        </fieldset>
        <fieldset class="form-grid">
          <legend>Limits</legend>
          <label class="field"><span>Tickets a customer may open per hour</span><input type="number" min={1} value={draft.limits.customerTicketsPerHour} onInput={(e) => set('limits', { ...draft.limits, customerTicketsPerHour: number(e) })} /></label>
          <label class="field"><span>Largest attachment (MiB)</span><input type="number" min={1} max={100} value={Math.round(draft.limits.attachmentMaxBytes / MIB)} onInput={(e) => set('limits', { ...draft.limits, attachmentMaxBytes: number(e) * MIB })} /></label>
        </fieldset>
        <fieldset class="form-grid">
          <legend>Mail identity</legend>
          <label class="field"><span>Business name</span><input maxLength={200} value={draft.mailIdentity.name ?? ''} onInput={(e) => set('mailIdentity', { ...draft.mailIdentity, name: text(e) })} /></label>
          <label class="field"><span>From display name</span><input maxLength={200} placeholder="Support" value={draft.mailIdentity.fromDisplay ?? ''} onInput={(e) => set('mailIdentity', { ...draft.mailIdentity, fromDisplay: text(e) })} /></label>
        </fieldset>
        <fieldset class="form-grid">
          <legend>Weekly summary</legend>
          <label class="inline-field"><input type="checkbox" checked={draft.weeklySummary.enabled} onChange={(e) => set('weeklySummary', { ...draft.weeklySummary, enabled: (e.target as HTMLInputElement).checked })} /> <span>Mail supervisors and admins last week's overview</span></label>
          <label class="field"><span>Day</span>
            <select value={draft.weeklySummary.day} onChange={(e) => set('weeklySummary', { ...draft.weeklySummary, day: (e.target as HTMLSelectElement).value as Settings['weeklySummary']['day'] })}>
              {WEEKDAYS.map((d) => <option key={d} value={d}>{d[0]!.toUpperCase()}{d.slice(1)}</option>)}
            </select>
          </label>
          <label class="field"><span>Hour (local)</span><input type="number" min={0} max={23} value={draft.weeklySummary.hour} onInput={(e) => set('weeklySummary', { ...draft.weeklySummary, hour: number(e) })} /></label>
          <label class="field"><span>Time zone</span><input maxLength={64} placeholder="Europe/Berlin" value={draft.weeklySummary.timeZone} onInput={(e) => set('weeklySummary', { ...draft.weeklySummary, timeZone: (e.target as HTMLInputElement).value.trim() })} /></label>
        </fieldset>
        {error && <Notice tone="error">{error}</Notice>}
        {notice && <Notice tone="success">{notice}</Notice>}
        <div class="row">
          <button class="button primary" type="submit">Save settings</button>
          <button class="button ghost" type="button" onClick={() => { setError(undefined); void current.reload(); }}>Reload</button>
          <span class="muted">Version {version}</span>
        </div>
      </form>
      <section class="card" aria-labelledby="settings-history-title">
        <h3 id="settings-history-title" class="card-title">History</h3>
        <ol class="plain-list" aria-label="Settings changes">
          {(history.data?.items ?? []).map((c) => (
            <li key={c.version}>
              <strong>v{c.version}</strong> {c.actor.name ?? c.actor.id}, {new Date(c.at).toLocaleString()}: {Object.keys(c.changes).join(', ')}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

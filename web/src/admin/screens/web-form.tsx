import { ApiError } from '../../core/api';
import { useApp } from '../../core/app-context';
import type { WebFormSettingsView } from '../../core/types';
import { Notice } from '../../ui/notice';
import { useSettingsForm } from '../use-settings-form';

interface Draft { slug: string; brandName: string; colour: string; perEmailPerHour: number; perIpPerHour: number; enabled: boolean }

const EMPTY: Draft = { slug: '', brandName: '', colour: '#2456d6', perEmailPerHour: 10, perIpPerHour: 60, enabled: true };

/** The organization's public form: its address (slug), branding, rate limits, and the snippet to embed it. */
export function WebFormScreen() {
  const { api } = useApp();
  // A 404 is "no form yet": the screen then offers to create one.
  const { current: form, draft = EMPTY, setDraft, error, saved, save } = useSettingsForm<Draft>(
    () => api.get<WebFormSettingsView>('/v1/web-form').catch((err) => {
      if (err instanceof ApiError && err.status === 404) return undefined;
      throw err;
    }),
    async (next) => (await api.put<WebFormSettingsView>('/v1/web-form', { slug: next.slug, brandName: next.brandName, colour: next.colour, perEmailPerHour: next.perEmailPerHour, perIpPerHour: next.perIpPerHour, enabled: next.enabled })).body,
    EMPTY,
  );
  const view = form.data as WebFormSettingsView | undefined;
  const set = (field: keyof Draft, kind: 'text' | 'number' | 'check' = 'text') => (e: Event) => {
    const input = e.target as HTMLInputElement;
    setDraft({ ...draft, [field]: kind === 'number' ? Number(input.value) : kind === 'check' ? input.checked : input.value });
  };
  return (
    <>
      {form.error && <Notice tone="error">{form.error}</Notice>}
      {!form.loading && !form.data && <Notice tone="info">No public form yet: choose its address and brand name to publish one.</Notice>}
      <form class="card form-grid" onSubmit={save} aria-label="Web form">
        <label class="field"><span>Address (slug)</span><input required pattern="[a-z0-9](?:[a-z0-9-]*[a-z0-9])?" value={draft.slug} onInput={set('slug')} /></label>
        <label class="field"><span>Brand name</span><input required maxLength={100} value={draft.brandName} onInput={set('brandName')} /></label>
        <label class="field"><span>Colour</span><input type="color" value={draft.colour} onInput={set('colour')} /></label>
        <label class="field"><span>Tickets per email per hour</span><input type="number" min={1} max={10000} value={draft.perEmailPerHour} onInput={set('perEmailPerHour', 'number')} /></label>
        <label class="field"><span>Tickets per IP per hour</span><input type="number" min={1} max={100000} value={draft.perIpPerHour} onInput={set('perIpPerHour', 'number')} /></label>
        <label class="inline-field"><input type="checkbox" checked={draft.enabled} onChange={set('enabled', 'check')} /> <span>Accepting tickets</span></label>
        {error && <Notice tone="error">{error}</Notice>}
        {saved && <Notice tone="success">Saved.</Notice>}
        <div class="row"><button class="button primary" type="submit">Save web form</button></div>
      </form>
      {view && (
        <section class="card" aria-labelledby="embed-title">
          <h3 id="embed-title" class="card-title">Publish it</h3>
          <p>Form page: <a href={view.formUrl} target="_blank" rel="noreferrer">{view.formUrl}</a></p>
          <label class="field"><span>Embed snippet</span><textarea readOnly rows={2} value={view.embedSnippet} /></label>
        </section>
      )}
    </>
  );
}

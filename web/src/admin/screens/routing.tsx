import { useState } from 'preact/hooks';
import { ApiError, describeError, type Problem } from '../../core/api';
import { useApp } from '../../core/app-context';
import { PRIORITIES, PRIORITY_LABEL } from '../../core/types';
import { Notice } from '../../ui/notice';
import { useAsync } from '../../ui/use-async';
import type { DepartmentView } from './departments';

const STRATEGIES = [['round_robin', 'Round robin'], ['least_loaded', 'Least loaded'], ['skills', 'By skills']] as const;
type Strategy = (typeof STRATEGIES)[number][0];

export interface RoutingRule {
  name: string;
  when: { category?: string; channel?: string; priority?: string; tags?: string[] };
  departmentId: string;
  strategy: Strategy;
  skills?: string[];
}
export interface RoutingConfig { rules: RoutingRule[]; fallback?: { departmentId?: string; strategy: Exclude<Strategy, 'skills'> } }

/** The form's flat text fields for one rule; lists are comma separated. */
interface RuleDraft { name: string; category: string; channel: string; priority: string; tags: string; departmentId: string; strategy: Strategy; skills: string }
interface Draft { rules: RuleDraft[]; fallbackOn: boolean; fallbackDepartmentId: string; fallbackStrategy: Exclude<Strategy, 'skills'> }

const split = (s: string) => s.split(',').map((p) => p.trim()).filter(Boolean);

function draftOf(c: RoutingConfig): Draft {
  return {
    rules: c.rules.map((r) => ({
      name: r.name, category: r.when.category ?? '', channel: r.when.channel ?? '', priority: r.when.priority ?? '',
      tags: (r.when.tags ?? []).join(', '), departmentId: r.departmentId, strategy: r.strategy, skills: (r.skills ?? []).join(', '),
    })),
    fallbackOn: !!c.fallback, fallbackDepartmentId: c.fallback?.departmentId ?? '', fallbackStrategy: c.fallback?.strategy ?? 'round_robin',
  };
}

function configOf(d: Draft): RoutingConfig {
  return {
    rules: d.rules.map((r) => {
      const tags = split(r.tags);
      const skills = split(r.skills);
      return {
        name: r.name,
        when: {
          ...(r.category ? { category: r.category } : {}), ...(r.channel ? { channel: r.channel } : {}),
          ...(r.priority ? { priority: r.priority } : {}), ...(tags.length ? { tags } : {}),
        },
        departmentId: r.departmentId, strategy: r.strategy, ...(skills.length ? { skills } : {}),
      };
    }),
    ...(d.fallbackOn ? { fallback: { ...(d.fallbackDepartmentId ? { departmentId: d.fallbackDepartmentId } : {}), strategy: d.fallbackStrategy } } : {}),
  };
}

const EMPTY_RULE: RuleDraft = { name: '', category: '', channel: '', priority: '', tags: '', departmentId: '', strategy: 'round_robin', skills: '' };

/** The problem's message and each `errors[]` entry with the JSON pointer it names. */
function ProblemNotice({ problem }: { problem: { message: string; errors: { pointer: string; detail: string }[] } }) {
  return (
    <Notice tone="error">
      <p>{problem.message}</p>
      {problem.errors.length > 0 && (
        <ul class="problem-errors">
          {problem.errors.map((e, i) => <li key={i}>{e.pointer && <><code>{e.pointer}</code>: </>}{e.detail}</li>)}
        </ul>
      )}
    </Notice>
  );
}

function problemOf(err: unknown) {
  if (err instanceof ApiError) {
    const p: Problem = err.problem;
    return { message: p.detail ?? p.title, errors: (p.errors ?? []).map((e) => ({ pointer: e.pointer ?? e.parameter ?? '', detail: e.detail })) };
  }
  return { message: describeError(err), errors: [] };
}

export function RoutingScreen() {
  const { api, session } = useApp();
  const routing = useAsync(() => api.get<RoutingConfig>('/v1/routing'), []);
  const departments = useAsync(() => api.get<{ items: DepartmentView[] }>('/v1/departments'), []);
  const [mode, setMode] = useState<'view' | 'form' | 'json'>('view');
  const [draft, setDraft] = useState<Draft>();
  const [json, setJson] = useState('');
  const [problem, setProblem] = useState<ReturnType<typeof problemOf>>();
  const [saved, setSaved] = useState(false);
  const canEdit = session.role === 'admin';
  const depts = departments.data?.items ?? [];
  const deptName = (id?: string) => (id ? depts.find((d) => d.id === id)?.name ?? id : 'Any department');

  const start = (m: 'form' | 'json') => {
    const current = routing.data ?? { rules: [] };
    setDraft(draftOf(current));
    setJson(JSON.stringify(current, null, 2));
    setProblem(undefined);
    setSaved(false);
    setMode(m);
  };
  const save = async (e: Event) => {
    e.preventDefault();
    let body: unknown;
    if (mode === 'json') {
      try {
        body = JSON.parse(json);
      } catch (err) {
        setProblem({ message: `Not valid JSON: ${(err as Error).message}`, errors: [] });
        return;
      }
    } else body = configOf(draft!);
    try {
      const { body: next } = await api.put<RoutingConfig>('/v1/routing', body);
      routing.setData(next);
      setProblem(undefined);
      setSaved(true);
      setMode('view');
    } catch (err) {
      setProblem(problemOf(err));
    }
  };
  const setRule = (i: number, patch: Partial<RuleDraft>) => setDraft({ ...draft!, rules: draft!.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const move = (i: number, by: number) => {
    const rules = [...draft!.rules];
    const [r] = rules.splice(i, 1);
    rules.splice(i + by, 0, r!);
    setDraft({ ...draft!, rules });
  };
  const errorsAt = (prefix: string) => (problem?.errors ?? []).filter((e) => e.pointer === prefix || e.pointer.startsWith(`${prefix}/`));
  const deptSelect = (value: string, onChange: (v: string) => void, label: string, allowAny: boolean) => (
    <label class="field"><span>{label}</span>
      <select required={!allowAny} value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        <option value="">{allowAny ? 'Any department' : 'Choose…'}</option>
        {depts.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
        {value && !depts.some((d) => d.id === value) && <option value={value}>{value} (unknown)</option>}
      </select>
    </label>
  );

  const config = routing.data;
  return (
    <>
      {routing.error && <Notice tone="error">{routing.error}</Notice>}
      {saved && <Notice tone="success">Routing saved.</Notice>}
      {mode === 'view' && (
        <>
          {canEdit && config && (
            <div class="row">
              <button class="button primary" type="button" onClick={() => start('form')}>Edit rules</button>
              <button class="button ghost" type="button" onClick={() => start('json')}>Edit as JSON</button>
            </div>
          )}
          <table class="data">
            <caption>Rules, tried in order: the first match routes a new ticket</caption>
            <thead><tr><th scope="col">#</th><th scope="col">Name</th><th scope="col">When</th><th scope="col">Department</th><th scope="col">Strategy</th></tr></thead>
            <tbody>
              {(config?.rules ?? []).map((r, i) => (
                <tr key={i}>
                  <td>{i + 1}</td>
                  <td>{r.name}</td>
                  <td>{[
                    r.when.category && `category ${r.when.category}`, r.when.channel && `channel ${r.when.channel}`,
                    r.when.priority && `priority ${PRIORITY_LABEL[r.when.priority] ?? r.when.priority}`, r.when.tags?.length && `tags ${r.when.tags.join(', ')}`,
                  ].filter(Boolean).join(' · ') || 'Always'}</td>
                  <td>{deptName(r.departmentId)}</td>
                  <td>{STRATEGIES.find(([s]) => s === r.strategy)?.[1] ?? r.strategy}{r.skills?.length ? ` (${r.skills.join(', ')})` : ''}</td>
                </tr>
              ))}
              {config && config.rules.length === 0 && <tr><td colSpan={5} class="muted">No rules.</td></tr>}
            </tbody>
          </table>
          <p><strong>Fallback:</strong> {config?.fallback ? `${deptName(config.fallback.departmentId)}, ${STRATEGIES.find(([s]) => s === config.fallback!.strategy)?.[1]}` : 'None: unmatched tickets stay unassigned'}</p>
        </>
      )}
      {mode === 'json' && (
        <form class="card" onSubmit={save} aria-label="Routing JSON">
          <label class="field"><span>Routing configuration (JSON: rules and fallback)</span>
            <textarea class="code" rows={20} spellcheck={false} value={json} onInput={(e) => setJson((e.target as HTMLTextAreaElement).value)} />
          </label>
          {problem && <ProblemNotice problem={problem} />}
          <div class="row"><button class="button primary" type="submit">Save routing</button><button class="button ghost" type="button" onClick={() => setMode('view')}>Cancel</button></div>
        </form>
      )}
      {mode === 'form' && draft && (
        <form class="card" onSubmit={save} aria-label="Routing rules">
          {draft.rules.map((r, i) => (
            <fieldset key={i} class="routing-rule">
              <legend>Rule {i + 1}</legend>
              <div class="form-grid">
                <label class="field"><span>Name</span><input required maxLength={100} value={r.name} onInput={(e) => setRule(i, { name: (e.target as HTMLInputElement).value })} /></label>
                <label class="field"><span>When category is</span><input value={r.category} onInput={(e) => setRule(i, { category: (e.target as HTMLInputElement).value })} /></label>
                <label class="field"><span>When channel is</span><input value={r.channel} onInput={(e) => setRule(i, { channel: (e.target as HTMLInputElement).value })} /></label>
                <label class="field"><span>When priority is</span>
                  <select value={r.priority} onChange={(e) => setRule(i, { priority: (e.target as HTMLSelectElement).value })}>
                    <option value="">Any</option>
                    {PRIORITIES.map((p) => <option key={p} value={p}>{PRIORITY_LABEL[p]}</option>)}
                  </select>
                </label>
                <label class="field"><span>When tagged with all of (comma separated)</span><input value={r.tags} onInput={(e) => setRule(i, { tags: (e.target as HTMLInputElement).value })} /></label>
                {deptSelect(r.departmentId, (v) => setRule(i, { departmentId: v }), 'Route to department', false)}
                <label class="field"><span>Strategy</span>
                  <select value={r.strategy} onChange={(e) => setRule(i, { strategy: (e.target as HTMLSelectElement).value as Strategy })}>
                    {STRATEGIES.map(([s, label]) => <option key={s} value={s}>{label}</option>)}
                  </select>
                </label>
                {r.strategy === 'skills' && <label class="field"><span>Skills (comma separated)</span><input required value={r.skills} onInput={(e) => setRule(i, { skills: (e.target as HTMLInputElement).value })} /></label>}
              </div>
              {errorsAt(`/rules/${i}`).map((e, k) => <p key={k} class="field-error" role="alert"><code>{e.pointer}</code>: {e.detail}</p>)}
              <div class="row">
                <button class="button small" type="button" disabled={i === 0} onClick={() => move(i, -1)}>Move up<span class="visually-hidden"> rule {i + 1}</span></button>
                <button class="button small" type="button" disabled={i === draft.rules.length - 1} onClick={() => move(i, 1)}>Move down<span class="visually-hidden"> rule {i + 1}</span></button>
                <button class="button small danger" type="button" onClick={() => setDraft({ ...draft, rules: draft.rules.filter((_, j) => j !== i) })}>Remove<span class="visually-hidden"> rule {i + 1}</span></button>
              </div>
            </fieldset>
          ))}
          <button class="button" type="button" onClick={() => setDraft({ ...draft, rules: [...draft.rules, { ...EMPTY_RULE }] })}>Add rule</button>
          <fieldset>
            <legend>Fallback</legend>
            <label class="check-field"><input type="checkbox" checked={draft.fallbackOn} onChange={(e) => setDraft({ ...draft, fallbackOn: (e.target as HTMLInputElement).checked })} /> Route tickets no rule matches</label>
            {draft.fallbackOn && (
              <div class="form-grid">
                {deptSelect(draft.fallbackDepartmentId, (v) => setDraft({ ...draft, fallbackDepartmentId: v }), 'Fallback department', true)}
                <label class="field"><span>Fallback strategy</span>
                  <select value={draft.fallbackStrategy} onChange={(e) => setDraft({ ...draft, fallbackStrategy: (e.target as HTMLSelectElement).value as Draft['fallbackStrategy'] })}>
                    {STRATEGIES.filter(([s]) => s !== 'skills').map(([s, label]) => <option key={s} value={s}>{label}</option>)}
                  </select>
                </label>
              </div>
            )}
          </fieldset>
          {problem && <ProblemNotice problem={problem} />}
          <div class="row"><button class="button primary" type="submit">Save routing</button><button class="button ghost" type="button" onClick={() => setMode('view')}>Cancel</button></div>
        </form>
      )}
    </>
  );
}

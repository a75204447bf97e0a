import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../core/api';
import { useAsync } from '../ui/use-async';

/**
 * A settings form: loads the current values into a draft, saves the draft with `put` and
 * shows "Saved." or the API's refusal. `load` may answer undefined (nothing set yet).
 */
export function useSettingsForm<T>(load: () => Promise<T | undefined>, put: (draft: T) => Promise<T>, empty?: T) {
  const current = useAsync(load, []);
  const [draft, setDraftState] = useState<T | undefined>(empty);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (current.data) setDraftState(current.data);
  }, [current.data]);
  const setDraft = (next: T) => {
    setSaved(false);
    setDraftState(next);
  };
  const save = async (e: Event) => {
    e.preventDefault();
    if (!draft) return;
    try {
      current.setData(await put(draft));
      setError(undefined);
      setSaved(true);
    } catch (err) {
      setSaved(false);
      setError(describeError(err));
    }
  };
  return { current, draft, setDraft, error, saved, save };
}

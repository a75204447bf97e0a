import { useState } from 'preact/hooks';
import { describeError } from '../core/api';

/**
 * A form's submit: the browser's own submit prevented, `busy` while the action runs, the API's
 * error shown as `error` (cleared when it runs again).
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = (action: () => Promise<void>) => async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit };
}

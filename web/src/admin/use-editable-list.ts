import { useState } from 'preact/hooks';
import { describeError } from '../core/api';
import { useAsync } from '../ui/use-async';

/**
 * A screen's list with one draft open at a time: `save` runs a write, then closes the draft and
 * reloads the list, or keeps the draft and shows the API's refusal.
 */
export function useEditableList<Item, Draft>(load: () => Promise<{ items: Item[] }>) {
  const list = useAsync(load, []);
  const [draft, setDraft] = useState<Draft>();
  const [error, setError] = useState<string>();
  const save = async (write: () => Promise<unknown>) => {
    try {
      await write();
      setDraft(undefined);
      setError(undefined);
      void list.reload();
    } catch (err) {
      setError(describeError(err));
    }
  };
  return { list, items: list.data?.items ?? [], draft, setDraft, error, setError, save };
}

// What the user has typed into a form on My Day, kept outside the form's component so that it
// survives the card leaving the screen (simpler layout's "next task", a task re-sorted, going
// to the chat and back). Memory only: it is gone on reload, as a form's text would be.
import { useCallback, useState } from "react";

const drafts = new Map<string, unknown>();

/** useState whose value is also kept under `key` for the next mount. */
export function useDraft<T>(key: string, initial: () => T): [T, (next: T | ((previous: T) => T)) => void, () => void] {
  const [value, setValue] = useState<T>(() => (drafts.has(key) ? (drafts.get(key) as T) : initial()));
  const set = useCallback(
    (next: T | ((previous: T) => T)) => {
      setValue((previous) => {
        const resolved = typeof next === "function" ? (next as (p: T) => T)(previous) : next;
        drafts.set(key, resolved);
        return resolved;
      });
    },
    [key],
  );
  const clear = useCallback(() => {
    drafts.delete(key);
  }, [key]);
  return [value, set, clear];
}

/** For tests. */
export function clearDrafts(): void {
  drafts.clear();
}

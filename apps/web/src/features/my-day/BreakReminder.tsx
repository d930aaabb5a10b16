// Break pacing (issue 9 barrier 10): after the interval the person chose in Settings, a gentle
// reminder on My Day — polite, never taking focus, and never while they type (a key pressed in a
// text field in the last 30 seconds puts it off until they stop). "I took a break" starts the
// interval again; "10 more minutes" asks again in ten minutes. It appears without moving what the
// person is looking at: the focused element keeps its place on screen.
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { useI18n } from "../../i18n/index.ts";
import { Icon } from "../../ui/Icon.tsx";

const MINUTE = 60_000;
/** typing means: a key in a text field less than this long ago */
export const TYPING_QUIET_MS = 30_000;
const SNOOZE_MS = 10 * MINUTE;

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit"].includes(target.type);
}

export function BreakReminder({ minutes }: { minutes: number | null }) {
  const { t } = useI18n();
  /** when the reminder is next due (ms since epoch) */
  const [dueAt, setDueAt] = useState(() => (minutes ? Date.now() + minutes * MINUTE : 0));
  const [shown, setShown] = useState(false);
  const lastTyped = useRef(0);
  const place = useRef<{ element: HTMLElement; top: number } | null>(null);

  useEffect(() => setDueAt(minutes ? Date.now() + minutes * MINUTE : 0), [minutes]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTextField(event.target)) lastTyped.current = Date.now();
    };
    document.addEventListener("keydown", onKey, true);
    return () => document.removeEventListener("keydown", onKey, true);
  }, []);

  useEffect(() => {
    if (!minutes || shown) return;
    let timer: ReturnType<typeof setTimeout>;
    const check = () => {
      const quietFor = Date.now() - lastTyped.current;
      if (quietFor < TYPING_QUIET_MS) {
        timer = setTimeout(check, TYPING_QUIET_MS - quietFor);
        return;
      }
      const active = document.activeElement;
      place.current =
        active instanceof HTMLElement && active !== document.body
          ? { element: active, top: active.getBoundingClientRect().top }
          : null;
      setShown(true);
    };
    timer = setTimeout(check, Math.max(0, dueAt - Date.now()));
    return () => clearTimeout(timer);
  }, [minutes, dueAt, shown]);

  // the reminder appeared above what the person looks at: keep that where it was on screen
  useLayoutEffect(() => {
    const kept = place.current;
    if (!shown || !kept) return;
    place.current = null;
    const moved = kept.element.getBoundingClientRect().top - kept.top;
    if (Math.abs(moved) >= 1) window.scrollBy({ top: moved, behavior: "instant" });
  }, [shown]);

  return (
    <div role="status" className="md-break-slot" data-testid="break-reminder">
      {shown && minutes && (
        <div className="notice notice--info md-break">
          <p className="md-break__title">
            <Icon name="info" className="icon--before" />
            {t("myDay.break.title")}
          </p>
          <p>{t("myDay.break.text", { minutes })}</p>
          <p className="md-actions">
            <button
              type="button"
              className="button"
              onClick={() => {
                setShown(false);
                setDueAt(Date.now() + minutes * MINUTE);
              }}
            >
              {t("myDay.break.done")}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setShown(false);
                setDueAt(Date.now() + SNOOZE_MS);
              }}
            >
              {t("myDay.break.later")}
            </button>
          </p>
        </div>
      )}
    </div>
  );
}

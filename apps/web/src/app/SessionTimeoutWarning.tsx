// Before a session ends for lack of activity, say so and offer to stay signed in (WCAG 2.2.1:
// at least 20 seconds to answer; here 2 minutes with the default hour). The server says when the
// session ends on every answer (lib/session-clock.ts). At the warning time the page first asks
// again, as background unless the user is at the screen: activity in another tab, or typing
// here, may have moved the end already. When the end comes, the user is signed out here too,
// with a notice on the sign-in page that says why.
import { useEffect, useState, useSyncExternalStore } from "react";
import { Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useI18n } from "../i18n/index.ts";
import { call } from "../lib/api.ts";
import { sessionDeadline, warningLeadOf } from "../lib/session-clock.ts";
import { useSession } from "./session.tsx";

// setTimeout takes at most 2^31−1 ms; a later deadline is simply looked at again then
const MAX_TIMER_MS = 2_147_000_000;

export function SessionTimeoutWarning() {
  const { t } = useI18n();
  const session = useSession();
  const deadline = useSyncExternalStore(sessionDeadline.subscribe, sessionDeadline.get);
  const [phase, setPhase] = useState<"quiet" | "warning">("quiet");
  const [now, setNow] = useState(() => Date.now());
  const [busy, setBusy] = useState(false);
  const signedIn = session.status === "signedIn";
  const { expire } = session;

  // When the warning is due: look again first, then warn if the end has not moved.
  useEffect(() => {
    if (!signedIn || !deadline) return;
    const warnAt = deadline.expiresAt - warningLeadOf(deadline);
    const timer = setTimeout(
      () => {
        void call("getSession")
          .then((answer) => {
            if (!answer.user)
              expire(); // why: session.tsx decides, from the deadline
            // the answer moved the deadline (this effect runs again) unless the end still stands
            else if (sessionDeadline.get()?.expiresAt === deadline.expiresAt) setPhase("warning");
          })
          .catch(() => setPhase("warning"));
      },
      Math.min(Math.max(0, warnAt - Date.now()), MAX_TIMER_MS),
    );
    setPhase("quiet");
    return () => clearTimeout(timer);
  }, [signedIn, deadline, expire]);

  // While warning: a clock for the countdown, and the end itself.
  useEffect(() => {
    if (phase !== "warning" || !deadline) return;
    const tick = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= deadline.expiresAt) {
        clearInterval(tick);
        void call("getSession")
          .then((answer) => {
            if (!answer.user) expire();
          })
          .catch(() => expire());
      }
    }, 1000);
    setNow(Date.now());
    return () => clearInterval(tick);
  }, [phase, deadline, expire]);

  if (!signedIn || phase !== "warning" || !deadline) return null;
  const secondsLeft = Math.max(0, Math.ceil((deadline.expiresAt - now) / 1000));

  async function stay() {
    setBusy(true);
    try {
      await call("extendSession"); // its answer moves the deadline, which closes this
    } catch {
      // a 401 ends the session through the query client's handler; anything else: try again
    } finally {
      setBusy(false);
    }
  }

  return (
    <ModalOverlay className="session-modal-overlay" isOpen isDismissable={false} isKeyboardDismissDisabled>
      <Modal className="session-modal">
        <Dialog className="session-dialog" role="alertdialog" aria-describedby="session-timeout-text">
          <Heading slot="title" className="session-dialog__title">
            {t("app.sessionWarningTitle")}
          </Heading>
          <p id="session-timeout-text">
            {t("app.sessionWarningText", {
              minutes: Math.floor(secondsLeft / 60),
              seconds: secondsLeft % 60,
            })}
          </p>
          <div className="session-dialog__actions">
            <button type="button" className="button" autoFocus disabled={busy} onClick={() => void stay()}>
              {t("app.sessionStay")}
            </button>
            <button type="button" className="button button--secondary" onClick={() => void session.signOut()}>
              {t("app.sessionSignOutNow")}
            </button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

// Says when the app is offline or reconnecting, how many actions wait to be sent, and what was
// sent when the connection came back. Online, it says nothing about the outbox. It sits at the top of <main>, in the page flow (never
// sticky, so it never covers the focused element), and is a status region: changes are
// spoken politely. Empty (but present) while everything is fine.
import { useI18n } from "../i18n/index.ts";
import { connectionStore, useConnectionState, type ConnectionState } from "../lib/connection.ts";
import { offlineQueue } from "../lib/outbox.ts";
import { liveClient } from "../lib/socket.ts";
import { Icon } from "../ui/Icon.tsx";

export function ConnectionBanner({ signedIn }: { signedIn: boolean }) {
  const state = useConnectionState(connectionStore(liveClient, offlineQueue));
  return <ConnectionBannerView state={state} signedIn={signedIn} />;
}

export function ConnectionBannerView({ state, signedIn }: { state: ConnectionState; signedIn: boolean }) {
  const { t, tn } = useI18n();
  const lines: string[] = [];
  let tone: "offline" | "info" | "ok" | undefined;

  if (state.phase === "offline") {
    tone = "offline";
    lines.push(t("connection.offline"));
  } else if (state.phase === "reconnecting" && signedIn) {
    tone = "offline";
    lines.push(t("connection.reconnecting"));
  } else if (state.phase === "unavailable" && signedIn) {
    tone = "offline";
    lines.push(t("connection.serverTrouble"));
  } else if (state.recovered) {
    tone = "ok";
    lines.push(t("connection.back"));
    if (state.recovered.sent > 0) lines.push(tn("connection.sent", state.recovered.sent));
  }
  // Online, the outbox is silent and takes no space: every action is sent at once and confirms
  // its own outcome where it was taken (「送信しました」). Waiting actions are news only while
  // offline or reconnecting (and what was sent then, when the connection is back).
  if (signedIn && state.pending > 0 && state.phase !== "online") {
    tone ??= "info";
    lines.push(tn("connection.pending", state.pending));
  }
  if (signedIn && state.failed > 0) {
    tone ??= "info";
    lines.push(tn("connection.failed", state.failed));
  }

  const icon = tone === "offline" ? "warning" : tone === "ok" ? "check" : "info";
  return (
    <div
      role="status"
      className={tone ? `connection-banner connection-banner--${tone}` : "connection-banner connection-banner--empty"}
      data-testid="connection-banner"
    >
      {tone && (
        <>
          <Icon name={icon} className="connection-banner__icon" />
          <span className="connection-banner__text">
            {lines.map((line) => (
              <span key={line} className="connection-banner__line">
                {line}{" "}
              </span>
            ))}
          </span>
        </>
      )}
    </div>
  );
}

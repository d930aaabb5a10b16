// Loading and error notices with the same look and semantics everywhere.
import type { ReactNode } from "react";
import { useI18n } from "../i18n/index.ts";
import { errorMessage } from "./errors.ts";
import { Icon } from "./Icon.tsx";

export function LoadingNotice({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <p className="notice" role="status">
      {children ?? t("app.loading")}
    </p>
  );
}

/** An error (role="alert") with an optional retry button. */
export function ErrorNotice({ error, message, onRetry }: { error?: unknown; message?: string; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="notice notice--error" role="alert">
      <p>
        <Icon name="warning" className="notice__icon" />
        {message ?? errorMessage(error, t)}
      </p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t("common.retry")}
        </button>
      )}
    </div>
  );
}

/** A screen not built yet (the screen engineers replace these). */
export function PlaceholderNotice() {
  const { t } = useI18n();
  return <p className="notice notice--info">{t("app.placeholder")}</p>;
}

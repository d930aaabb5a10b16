// The one-time password, shown once: in an alert dialog whose description is the warning and the
// password, so a screen reader reads both when it opens. It stays until the admin says they have
// noted it (no Escape, no outside click). The password is shown in groups with a copy button;
// nothing keeps it after the dialog closes.
import { useState } from "react";
import { useI18n } from "../../i18n/index.ts";
import { AdminDialogContent } from "./AdminDialog.tsx";
import { Icon } from "../../ui/Icon.tsx";

export function OneTimePasswordDialog({
  name,
  email,
  password,
  onDone,
}: {
  name: string;
  email: string;
  password: string;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");

  async function copyPassword() {
    try {
      await navigator.clipboard.writeText(password);
      setCopy("copied");
    } catch {
      setCopy("failed");
    }
  }

  return (
    <AdminDialogContent
      title={t("admin.otp.title")}
      role="alertdialog"
      describedBy="otp-for otp-warning otp-value"
      testId="one-time-password"
    >
      <p id="otp-for">{t("admin.otp.for", { name, email })}</p>
      <p id="otp-warning" className="admin-otp__warning">
        <Icon name="warning" /> {t("admin.otp.warning")}
      </p>
      <p className="admin-otp">
        <span className="admin-otp__label">{t("admin.otp.label")}</span>
        <code id="otp-value" className="admin-otp__value" data-testid="one-time-password-value">
          {password}
        </code>
      </p>
      <div className="admin-dialog__actions">
        <button type="button" className="button" onClick={copyPassword}>
          {t("admin.otp.copy")}
        </button>
        <button type="button" className="button button--primary" onClick={onDone}>
          {t("admin.otp.done")}
        </button>
      </div>
      <p className="form__status" role="status">
        {copy === "copied" && t("admin.otp.copied")}
        {copy === "failed" && t("admin.otp.copyFailed")}
      </p>
    </AdminDialogContent>
  );
}

// Every dialog about a user, for the users page and a client company's page: add, edit, confirm
// a deactivation or a password reset, and show a one-time password. One modal whose content moves
// from step to step (form → one-time password), so that focus goes back to the button that
// opened it when it closes; each step is a new dialog that takes focus and is announced.
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useI18n } from "../../i18n/index.ts";
import { call, type ClientCompany, type User } from "../../lib/api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { errorMessage } from "../../ui/errors.ts";
import { AdminDialog, AdminDialogContent } from "./AdminDialog.tsx";
import { ACTION_STATUS_ID } from "./AdminLayout.tsx";
import { OneTimePasswordDialog } from "./OneTimePassword.tsx";
import { UserFormDialog } from "./UserForm.tsx";
import { emptyUserForm, toCreateRequest, toUpdateRequest, userFormOf } from "./user-form.ts";

export type UserDialog =
  | { kind: "create"; company?: ClientCompany }
  | { kind: "edit"; user: User }
  | { kind: "deactivate"; user: User }
  | { kind: "reset"; user: User }
  /** issue 15: erase a departed person's personal data; the admin types the name to confirm */
  | { kind: "erase"; user: User }
  | { kind: "password"; user: User; password: string };

export function useTeams() {
  return useQuery({
    queryKey: queryKeys.admin.teams(),
    queryFn: ({ signal }) => call("listTeams", {}, { signal }),
    staleTime: 5 * 60_000,
  });
}

export function UserDialogs({
  dialog,
  onChange,
  onDone,
  selfId,
}: {
  dialog: UserDialog | null;
  onChange(next: UserDialog | null): void;
  /** the outcome, for the page's status line */
  onDone(message: string): void;
  selfId: string;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const teams = useTeams().data?.items ?? [];
  const [confirmError, setConfirmError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const close = () => {
    setConfirmError(undefined);
    onChange(null);
  };
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.admin.all() });

  async function confirm(action: () => Promise<void>) {
    setBusy(true);
    setConfirmError(undefined);
    try {
      await action();
    } catch (error) {
      setConfirmError(errorMessage(error, t));
    } finally {
      setBusy(false);
    }
  }

  let content = null;
  if (dialog?.kind === "create") {
    const company = dialog.company;
    content = (
      <UserFormDialog
        key="create"
        mode="create"
        title={
          company ? t("admin.userForm.createClientTitle", { company: company.name }) : t("admin.userForm.createTitle")
        }
        initial={emptyUserForm(company?.id)}
        companyName={company?.name}
        teams={teams}
        onCancel={close}
        onSubmit={async (values) => {
          const { user, oneTimePassword } = await call("createUser", { body: toCreateRequest(values) });
          void refresh();
          onDone(t("admin.users.created", { name: user.name }));
          onChange({ kind: "password", user, password: oneTimePassword });
        }}
      />
    );
  } else if (dialog?.kind === "edit") {
    const before = dialog.user;
    content = (
      <UserFormDialog
        key="edit"
        mode="edit"
        title={t("admin.userForm.editTitle", { name: before.name })}
        initial={userFormOf(before)}
        self={before.id === selfId}
        teams={teams}
        onCancel={close}
        onSubmit={async (values) => {
          const body = toUpdateRequest(before, values);
          const saved = Object.keys(body).length
            ? await call("updateUser", { params: { id: before.id }, body: body })
            : before;
          void refresh();
          onDone(t("admin.users.saved", { name: saved.name }));
          close();
        }}
      />
    );
  } else if (dialog?.kind === "deactivate" || dialog?.kind === "reset") {
    const { user, kind } = dialog;
    const deactivate = kind === "deactivate";
    content = (
      <AdminDialogContent
        key={kind}
        role="alertdialog"
        title={t(deactivate ? "admin.confirm.deactivateTitle" : "admin.confirm.resetTitle", { name: user.name })}
        describedBy="confirm-body"
        testId={`confirm-${kind}`}
      >
        <p id="confirm-body">{t(deactivate ? "admin.confirm.deactivateBody" : "admin.confirm.resetBody")}</p>
        <div role="alert">{confirmError && <p className="notice notice--error">{confirmError}</p>}</div>
        <div className="admin-dialog__actions">
          <button
            type="button"
            className={deactivate ? "button button--danger" : "button button--primary"}
            aria-disabled={busy}
            onClick={() =>
              !busy &&
              confirm(async () => {
                if (deactivate) {
                  const saved = await call("updateUser", { params: { id: user.id }, body: { active: false } });
                  void refresh();
                  onDone(t("admin.users.deactivated", { name: saved.name }));
                  close();
                } else {
                  const { user: saved, oneTimePassword } = await call("resetUserPassword", { params: { id: user.id } });
                  void refresh();
                  onDone(t("admin.users.passwordReset", { name: saved.name }));
                  onChange({ kind: "password", user: saved, password: oneTimePassword });
                }
              })
            }
          >
            {t(deactivate ? "admin.confirm.deactivate" : "admin.confirm.reset")}
          </button>
          <button type="button" className="button button--secondary" onClick={close}>
            {t("common.cancel")}
          </button>
        </div>
      </AdminDialogContent>
    );
  } else if (dialog?.kind === "erase") {
    const { user } = dialog;
    content = (
      <EraseDialog
        key="erase"
        user={user}
        busy={busy}
        error={confirmError}
        onCancel={close}
        onConfirm={() =>
          confirm(async () => {
            await call("eraseUserData", { params: { id: user.id } });
            void refresh();
            onDone(t("admin.users.erased", { name: user.name }));
            close();
            // the Erase button that opened the dialog is gone: focus the outcome once the dialog has
            // given focus back (after its own restore)
            setTimeout(() => document.getElementById(ACTION_STATUS_ID)?.focus(), 50);
          })
        }
      />
    );
  } else if (dialog?.kind === "password") {
    content = (
      <OneTimePasswordDialog
        key={`password-${dialog.user.id}`}
        name={dialog.user.name}
        email={dialog.user.email}
        password={dialog.password}
        onDone={close}
      />
    );
  }

  return (
    <AdminDialog isOpen={dialog !== null} onClose={close} dismissable={dialog?.kind !== "password"}>
      {content}
    </AdminDialog>
  );
}

/**
 * Erasing cannot be undone, so the admin types the person's name (GitHub's "type the name to
 * confirm"); the field has focus when the dialog opens, and a mismatch is said next to it.
 */
function EraseDialog({
  user,
  busy,
  error,
  onCancel,
  onConfirm,
}: {
  user: User;
  busy: boolean;
  error: string | undefined;
  onCancel(): void;
  onConfirm(): void;
}) {
  const { t } = useI18n();
  const [typed, setTyped] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const matches = typed.trim() === user.name.trim();
  return (
    <AdminDialogContent
      role="alertdialog"
      title={t("admin.confirm.eraseTitle", { name: user.name })}
      describedBy="erase-body"
      testId="confirm-erase"
    >
      <p id="erase-body">{t("admin.confirm.eraseBody")}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (busy) return;
          if (!matches) return setMismatch(true);
          onConfirm();
        }}
      >
        <div className="field">
          <label htmlFor="erase-name">{t("admin.confirm.eraseLabel", { name: user.name })}</label>
          <input
            id="erase-name"
            className="input"
            autoComplete="off"
            autoFocus
            value={typed}
            aria-invalid={mismatch && !matches}
            aria-describedby={mismatch && !matches ? "erase-mismatch" : undefined}
            onChange={(event) => {
              setTyped(event.target.value);
              setMismatch(false);
            }}
          />
          {mismatch && !matches && (
            <p id="erase-mismatch" className="field__error">
              {t("admin.confirm.eraseMismatch")}
            </p>
          )}
        </div>
        <div role="alert">{error && <p className="notice notice--error">{error}</p>}</div>
        <div className="admin-dialog__actions">
          <button type="submit" className="button button--danger" aria-disabled={busy}>
            {t("admin.confirm.erase")}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </AdminDialogContent>
  );
}

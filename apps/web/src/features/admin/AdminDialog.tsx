// The admin screens' modal dialog: react-aria-components' Modal keeps focus inside and gives it
// back to the button that opened it when it closes. Nothing closes on an outside click, so
// nothing typed is lost by accident; Escape closes unless `dismissable` is false (the one-time
// password stays until the admin says they have noted it).
import type { ReactNode } from "react";
import { Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useI18n } from "../../i18n/index.ts";

export function AdminDialog({
  isOpen,
  onClose,
  dismissable = true,
  children,
}: {
  isOpen: boolean;
  onClose: () => void;
  /** Escape closes it (false for the one-time password) */
  dismissable?: boolean;
  children: ReactNode;
}) {
  return (
    <ModalOverlay
      className="admin-modal-overlay"
      isOpen={isOpen}
      isKeyboardDismissDisabled={!dismissable}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
    >
      <Modal className="admin-modal">{children}</Modal>
    </ModalOverlay>
  );
}

/**
 * One dialog's content. Give each step its own `key` (form → one-time password), so that the new
 * step is a new dialog that takes focus and is announced.
 */
export function AdminDialogContent({
  title,
  onClose,
  children,
  role = "dialog",
  describedBy,
  closeLabel,
  testId,
}: {
  title: string;
  onClose?: () => void;
  children: ReactNode;
  role?: "dialog" | "alertdialog";
  describedBy?: string;
  /** the close button's label; none when the dialog closes only through its own buttons */
  closeLabel?: string;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <Dialog className="admin-dialog" role={role} aria-describedby={describedBy} data-testid={testId}>
      <div className="admin-dialog__head">
        <Heading slot="title" className="admin-dialog__title">
          {title}
        </Heading>
        {onClose && (
          <button type="button" className="button button--secondary" onClick={onClose}>
            {closeLabel ?? t("common.close")}
          </button>
        )}
      </div>
      {children}
    </Dialog>
  );
}

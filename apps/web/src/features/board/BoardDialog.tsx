// The board's modal dialogs: react-aria-components' Modal (focus kept inside, Escape closes,
// focus goes back to what opened it), a title, and a close button. Nothing closes on an outside
// click, so nothing typed is lost by accident.
import type { ReactNode } from "react";
import { Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useI18n } from "../../i18n/index.ts";

export function BoardDialog({
  isOpen,
  onClose,
  title,
  titleLang,
  children,
  role = "dialog",
  taskId,
  testId,
  wide = false,
}: {
  isOpen: boolean;
  onClose: () => void;
  title: string;
  titleLang?: string;
  children: ReactNode;
  role?: "dialog" | "alertdialog";
  /** the card this dialog is about: keeps it in place while the dialog is open */
  taskId?: string;
  testId?: string;
  wide?: boolean;
}) {
  const { t } = useI18n();
  return (
    <ModalOverlay
      className="board-modal-overlay"
      isOpen={isOpen}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
    >
      <Modal className={`board-modal${wide ? " board-modal--wide" : ""}`} data-task-id={taskId}>
        <Dialog className="board-dialog" role={role} data-testid={testId}>
          <div className="board-dialog__head">
            <Heading slot="title" className="board-dialog__title" lang={titleLang}>
              {title}
            </Heading>
            <button type="button" className="button button--secondary board-dialog__close" onClick={onClose}>
              {t("common.close")}
            </button>
          </div>
          {children}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

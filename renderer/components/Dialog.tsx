import type { ReactNode } from 'react';
import { Dialog as AriaDialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

/**
 * A modal dialog on React Aria Components: focus moves into it, stays inside it (Tab and Shift+Tab
 * cycle through its controls; what is behind it is hidden from screen readers), Escape closes it,
 * and focus goes back to the control that opened it. Its title names it.
 * Callers render it while it is open and drop it on `onClose`.
 */
export function Dialog({ title, onClose, children, role = 'dialog' }: { readonly title: string; readonly onClose: () => void; readonly children: ReactNode; readonly role?: 'dialog' | 'alertdialog' }) {
  return (
    <ModalOverlay
      className="dialog-backdrop"
      isOpen
      isDismissable={false}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
    >
      <Modal className="dialog-modal">
        <AriaDialog className="dialog" role={role}>
          <Heading slot="title" level={2}>
            {title}
          </Heading>
          {children}
        </AriaDialog>
      </Modal>
    </ModalOverlay>
  );
}

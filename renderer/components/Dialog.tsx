import { useEffect, type ReactNode } from 'react';

/** A modal dialog: Escape closes it, and it names itself for screen readers. */
export function Dialog({ title, onClose, children, role = 'dialog' }: { readonly title: string; readonly onClose: () => void; readonly children: ReactNode; readonly role?: 'dialog' | 'alertdialog' }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role={role} aria-modal="true" aria-label={title}>
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}

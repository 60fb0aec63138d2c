import type { ReactNode } from 'react';

interface EmptyStateProps {
  readonly title: string;
  /** What to do next, in words. */
  readonly body: string;
  readonly note?: string;
  /** The next step itself (a button or link), when there is one. */
  readonly children?: ReactNode;
}

/** An empty screen that says what to do and, where there is a next step, offers it. */
export function EmptyState({ title, body, note, children }: EmptyStateProps) {
  return (
    <section className="empty-state" aria-label={title}>
      <div className="empty-illustration" aria-hidden="true" />
      <h2>{title}</h2>
      <p>{body}</p>
      {note ? <p className="muted">{note}</p> : null}
      {children ? <div className="actions">{children}</div> : null}
    </section>
  );
}

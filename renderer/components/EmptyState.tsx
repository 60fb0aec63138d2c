interface EmptyStateProps {
  readonly title: string;
  readonly body: string;
  readonly note?: string;
}

export function EmptyState({ title, body, note }: EmptyStateProps) {
  return (
    <section className="empty-state" aria-label={title}>
      <div className="empty-illustration" aria-hidden="true" />
      <h2>{title}</h2>
      <p>{body}</p>
      {note ? <p className="muted">{note}</p> : null}
    </section>
  );
}

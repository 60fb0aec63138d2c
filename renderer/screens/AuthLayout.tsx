import type { FormEvent, ReactNode } from 'react';

interface AuthLayoutProps {
  readonly title: string;
  readonly intro?: string;
  readonly onSubmit: () => void;
  readonly children: ReactNode;
  /** Under the card: which workspace this is, and the way to another (sign-in and first run). */
  readonly footer?: ReactNode;
}

/** The centred card the first-run, sign-in and change-password screens share. */
export function AuthLayout({ title, intro, onSubmit, children, footer }: AuthLayoutProps) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <main className="auth-page">
      <form className="auth-card" onSubmit={submit} noValidate aria-label={title}>
        <div className="brand" aria-hidden="true">
          <img src="./icon.svg" alt="" width={40} height={40} />
          <span>MSP Roster</span>
        </div>
        <h1>{title}</h1>
        {intro ? <p className="intro">{intro}</p> : null}
        {children}
      </form>
      {footer}
    </main>
  );
}

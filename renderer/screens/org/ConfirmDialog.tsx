import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from './use-action';

interface ConfirmDialogProps {
  readonly title: string;
  readonly body: string;
  readonly confirm: string;
  readonly cancel: string;
  readonly danger?: boolean;
  /** May call the core; a refusal is shown in the dialog, which stays open. */
  readonly onConfirm: () => void | Promise<void>;
  readonly onCancel: () => void;
}

/** Asks before an action; Escape or the cancel button closes it without doing anything (focus starts there). */
export function ConfirmDialog({ title, body, confirm, cancel, danger = false, onConfirm, onCancel }: ConfirmDialogProps) {
  const { pending, problem, run } = useAction();
  return (
    <Dialog title={title} onClose={onCancel} role="alertdialog">
      <p>{body}</p>
      <ErrorAlert code={problem?.code ?? null} fields={problem?.fields ?? null} />
      <div className="actions">
        <button type="button" className="ghost" onClick={onCancel} autoFocus>
          {cancel}
        </button>
        <button type="button" className={danger ? 'danger' : 'primary'} disabled={pending} onClick={() => void run(async () => await onConfirm())}>
          {confirm}
        </button>
      </div>
    </Dialog>
  );
}

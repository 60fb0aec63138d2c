import { useTranslation } from 'react-i18next';
import type { ManagedCompany } from '../../../../shared/directory/schemas';
import { api, unwrap } from '../../../api/client';
import { useSubmit } from '../../../app/use-submit';
import { Dialog } from '../../../components/Dialog';
import { ErrorAlert } from '../../../components/ErrorAlert';

/** Confirms removing a managed company; Escape or Cancel closes without doing anything. */
export function RemoveCompanyDialog({ company, onRemoved, onClose }: { readonly company: ManagedCompany; readonly onRemoved: () => void; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const { pending, error, run } = useSubmit();
  const remove = () =>
    void run(async () => {
      await unwrap(api().directory.removeCompany({ id: company.id }));
      onRemoved();
    });
  return (
    <Dialog title={t('companies.removeTitle', { name: company.name })} onClose={onClose} role="alertdialog">
      <p>{t('companies.removeBody', { count: company.users })}</p>
      <ErrorAlert code={error} />
      <div className="actions">
        <button type="button" className="ghost" onClick={onClose} autoFocus>
          {t('common.cancel')}
        </button>
        <button type="button" className="danger" onClick={remove} disabled={pending}>
          {t('companies.remove')}
        </button>
      </div>
    </Dialog>
  );
}

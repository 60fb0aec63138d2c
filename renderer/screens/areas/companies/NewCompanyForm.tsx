import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { useSubmit } from '../../../app/use-submit';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { TextField } from '../../../components/TextField';

export function NewCompanyForm({ onCreated, onCancel }: { readonly onCreated: () => void; readonly onCancel: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const { pending, error, run } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await unwrap(api().directory.createCompany({ name }));
      onCreated();
    });
  };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-label={t('companies.new')}>
      <TextField label={t('companies.columns.name')} value={name} onChange={setName} autoFocus maxLength={200} />
      <ErrorAlert code={error} />
      <div className="actions">
        <button type="button" className="ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" disabled={pending || name.trim() === ''}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportCompanyRow, ReconciliationView } from '../../../shared/import/session';
import { useAppStore } from '../../store';
import { ManageUsersDialog } from './ManageUsersDialog';
import { effectiveChoice, NO_CHOICES } from './plan-builder';

/** Step 4: "Companies to import and map", with "Manage users" per company. */
export function UsersStep({ view, sessionId, onBack, onContinue }: { readonly view: ReconciliationView; readonly sessionId: string; readonly onBack: () => void; readonly onContinue: () => void }) {
  const { t } = useTranslation();
  const choices = useAppStore((state) => state.wizard?.choices ?? NO_CHOICES);
  const setUserChoices = useAppStore((state) => state.setUserChoices);
  const [managing, setManaging] = useState<ImportCompanyRow | null>(null);
  const selected = view.inPsa.filter((row) => choices.selected[row.psaCompanyId]);
  const targetOf = (row: ImportCompanyRow) => {
    const choice = effectiveChoice(row, choices);
    return choice?.kind === 'map' ? choice.managedCompanyId : null;
  };

  return (
    <section className="wizard-step" aria-label={t('wizard.usersTitle')}>
      <h2>{t('wizard.usersTitle')}</h2>
      <p className="muted">{t('wizard.usersIntro')}</p>
      <ul className="import-list">
        {selected.map((row) => {
          const chosen = choices.users[row.psaCompanyId];
          const choice = effectiveChoice(row, choices);
          return (
            <li key={row.psaCompanyId}>
              <strong>{row.name}</strong>
              <span className="muted">{choice?.kind === 'map' ? t('wizard.actionMap', { name: choice.managedCompanyName }) : t('wizard.actionCreate')}</span>
              <span>{chosen ? t('wizard.usersChosen', { count: Object.keys(chosen).length }) : t('wizard.usersDefault')}</span>
              <button type="button" className="small" onClick={() => setManaging(row)} aria-label={`${t('wizard.manageUsers')} ${row.name}`}>
                {t('wizard.manageUsers')}
              </button>
            </li>
          );
        })}
      </ul>
      <div className="actions">
        <button type="button" className="ghost" onClick={onBack}>
          {t('common.back')}
        </button>
        <button type="button" className="primary" onClick={onContinue}>
          {t('wizard.continue')}
        </button>
      </div>
      {managing ? (
        <ManageUsersDialog
          sessionId={sessionId}
          row={managing}
          managedCompanyId={targetOf(managing)}
          current={choices.users[managing.psaCompanyId]}
          onClose={() => setManaging(null)}
          onSave={(users) => {
            setUserChoices(managing.psaCompanyId, users);
            setManaging(null);
          }}
        />
      ) : null}
    </section>
  );
}

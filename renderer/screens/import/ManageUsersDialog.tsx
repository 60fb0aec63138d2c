import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ManagedUser } from '../../../shared/directory/schemas';
import type { ImportCompanyRow, ImportContactRow } from '../../../shared/import/session';
import { api, unwrap } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import type { UserChoice, UserSelection } from './plan-builder';

interface ManageUsersDialogProps {
  readonly sessionId: string;
  readonly row: ImportCompanyRow;
  /** The managed company the PSA company maps to, when it exists already. */
  readonly managedCompanyId: string | null;
  readonly current: UserSelection | undefined;
  readonly onSave: (users: Readonly<Record<string, UserChoice>>) => void;
  readonly onClose: () => void;
}

/** "Manage users": which emails get access (those imported before preselected), and user details per contact. */
export function ManageUsersDialog({ sessionId, row, managedCompanyId, current, onSave, onClose }: ManageUsersDialogProps) {
  const { t } = useTranslation();
  const [contacts, setContacts] = useState<ImportContactRow[] | null>(null);
  const [users, setUsers] = useState<ManagedUser[]>([]);
  const [chosen, setChosen] = useState<Record<string, UserChoice>>({});
  const [detail, setDetail] = useState<string | null>(null);

  useEffect(() => {
    void Promise.all([
      unwrap(api().import.contacts({ sessionId, psaCompanyId: row.psaCompanyId, managedCompanyId })),
      managedCompanyId ? unwrap(api().directory.users({ managedCompanyId })) : Promise.resolve([]),
    ]).then(([loaded, companyUsers]) => {
      setContacts(loaded);
      setUsers(companyUsers);
      const preselected = loaded.filter((contact) => (current === 'all' ? contact.email !== null : contact.importedBefore));
      setChosen(current && current !== 'all' ? { ...current } : Object.fromEntries(preselected.map((contact) => [contact.psaContactId, choiceFor(contact)])));
    });
  }, [sessionId, row.psaCompanyId, managedCompanyId, current]);

  const toggle = (contact: ImportContactRow, on: boolean) =>
    setChosen((state) => {
      const next = { ...state };
      if (on) next[contact.psaContactId] = choiceFor(contact);
      else delete next[contact.psaContactId];
      return next;
    });

  const selectedDetail = contacts?.find((contact) => contact.psaContactId === detail) ?? null;
  return (
    <Dialog title={`${t('wizard.manageUsers')}: ${row.name}`} onClose={onClose}>
      {!contacts ? (
        <p className="muted">{t('app.loading')}</p>
      ) : contacts.length === 0 ? (
        <p className="muted">{t('wizard.noContacts')}</p>
      ) : (
        <ul className="contact-list">
          {contacts.map((contact) => (
            <li key={contact.psaContactId} className={detail === contact.psaContactId ? 'current' : ''}>
              <label>
                <input type="checkbox" disabled={!contact.email} checked={chosen[contact.psaContactId] !== undefined} onChange={(event) => toggle(contact, event.target.checked)} />
                <span>{contact.email ?? t('wizard.noEmail')}</span>
              </label>
              <span className="muted">
                {`${contact.firstName} ${contact.lastName}`.trim()}
                {contact.importedBefore ? ` · ${t('wizard.importedBefore')}` : ''}
                {contact.emailChanged ? ` · ${t('wizard.emailChanged')}` : ''}
              </span>
              <button type="button" className="ghost small" onClick={() => setDetail(contact.psaContactId)} disabled={!contact.email}>
                {t('wizard.userDetails')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {selectedDetail ? (
        <fieldset className="user-details">
          <legend>
            {t('wizard.userDetails')}: {selectedDetail.email}
          </legend>
          <label>
            <input
              type="radio"
              name="user-action"
              checked={chosen[selectedDetail.psaContactId]?.kind === 'create'}
              onChange={() => setChosen({ ...chosen, [selectedDetail.psaContactId]: { kind: 'create', ...replacingOf(selectedDetail) } })}
            />
            {selectedDetail.user ? t('wizard.unmapUser') : t('wizard.newUser')}
          </label>
          {users.length > 0 ? (
            <label>
              {t('wizard.mapToUser')}{' '}
              <select
                aria-label={t('wizard.mapToUser')}
                value={(() => {
                  const choice = chosen[selectedDetail.psaContactId];
                  return choice?.kind === 'map' ? choice.userId : '';
                })()}
                onChange={(event) => {
                  const user = users.find((candidate) => candidate.id === event.target.value);
                  if (user) setChosen({ ...chosen, [selectedDetail.psaContactId]: { kind: 'map', userId: user.id, userLabel: user.email, ...(user.id === selectedDetail.user?.id ? {} : replacingOf(selectedDetail)) } });
                }}
              >
                <option value="">—</option>
                {users.map((user) => (
                  <option key={user.id} value={user.id}>
                    {user.name} ({user.email})
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </fieldset>
      ) : null}
      <div className="actions">
        <button type="button" className="ghost" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="primary" onClick={() => onSave(chosen)} disabled={!contacts}>
          {t('common.save')}
        </button>
      </div>
    </Dialog>
  );
}

/** A contact that already has a user keeps it; others become new users. */
function choiceFor(contact: ImportContactRow): UserChoice {
  return contact.user ? { kind: 'map', userId: contact.user.id, userLabel: contact.user.email } : { kind: 'create' };
}

/** A contact imported before is mapped to a user; choosing anything else moves it away from that user. */
function replacingOf(contact: ImportContactRow): { replacing?: string } {
  return contact.match === 'mapped' && contact.user ? { replacing: contact.user.id } : {};
}

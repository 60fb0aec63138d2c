import { useEffect, useMemo, useState } from 'react';
import { Button, ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Text, type Key, type Selection } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { ManagedUser } from '../../../shared/directory/schemas';
import { sortByText } from '../../../shared/i18n/collate';
import type { ImportCompanyRow, ImportContactRow } from '../../../shared/import/session';
import { matchesSearch } from '../../app/search';
import { Dialog } from '../../components/Dialog';
import type { UserChoice, UserSelection } from './plan-builder';
import { useWizardSources } from './wizard-sources';

interface ManageUsersDialogProps {
  readonly row: ImportCompanyRow;
  /** The managed company the PSA company maps to, when it exists already. */
  readonly managedCompanyId: string | null;
  readonly current: UserSelection | undefined;
  readonly onSave: (users: Readonly<Record<string, UserChoice>>) => void;
  readonly onClose: () => void;
}

const emailKey = (email: string) => email.trim().toLowerCase();

/**
 * "Manage users": which contacts get access (those imported before, from either PSA, preselected) and, per
 * contact, what happens: a new user, or mapped to a user of the company. The list shows each contact's decision;
 * the details below are those of the contact last focused in the list.
 */
export function ManageUsersDialog({ row, managedCompanyId, current, onSave, onClose }: ManageUsersDialogProps) {
  const { t, i18n } = useTranslation();
  const sources = useWizardSources();
  const [contacts, setContacts] = useState<ImportContactRow[] | null>(null);
  const [users, setUsers] = useState<ManagedUser[]>([]);
  const [chosen, setChosen] = useState<Record<string, UserChoice>>({});
  const [detail, setDetail] = useState<string | null>(null);
  const [search, setSearch] = useState('');

  useEffect(() => {
    void sources
      .contacts(row.psaCompanyId, managedCompanyId)
      .then(async (unordered) => [unordered, managedCompanyId ? await sources.users(managedCompanyId, unordered) : []] as const)
      .then(([unordered, companyUsers]) => {
      // In the language's order (Çelik with C), by what the list shows: the email, else the name.
      const loaded = sortByText(unordered, (contact) => contact.email ?? `${contact.firstName} ${contact.lastName}`, i18n.language);
      setContacts(loaded);
      setUsers(sortByText(companyUsers, (user) => user.name || user.email, i18n.language));
      const preselected = loaded.filter((contact) => (current === 'all' ? contact.email !== null : contact.importedBefore));
      setChosen(current && current !== 'all' ? { ...current } : Object.fromEntries(preselected.map((contact) => [contact.psaContactId, choiceFor(contact)])));
      setDetail(loaded.find((contact) => contact.email)?.psaContactId ?? null);
    });
  }, [sources, row.psaCompanyId, managedCompanyId, current, i18n.language]);

  const usersByEmail = useMemo(() => new Map(users.map((user) => [emailKey(user.email), user])), [users]);
  const visible = useMemo(() => (contacts ?? []).filter((contact) => matchesSearch(`${contact.email ?? ''} ${contact.firstName} ${contact.lastName}`, search)), [contacts, search]);
  const selectedKeys = useMemo(() => new Set(Object.keys(chosen)), [chosen]);

  /** The list's selection is who gets access; the rest keep none. Only the visible contacts change. */
  const select = (keys: Selection) =>
    setChosen((state) => {
      const next = { ...state };
      for (const contact of visible) {
        const on = keys === 'all' ? contact.email !== null : keys.has(contact.psaContactId);
        if (on && !next[contact.psaContactId]) next[contact.psaContactId] = choiceFor(contact);
        if (!on) delete next[contact.psaContactId];
      }
      return next;
    });

  const userLabel = (user: { name: string; email: string }) => (user.name ? `${user.name} (${user.email})` : user.email);
  const decisionOf = (contact: ImportContactRow): string => {
    const choice = chosen[contact.psaContactId];
    if (!choice) return t('decisions.decision.none');
    if (choice.kind === 'map') {
      return choice.userId === contact.user?.id && contact.match === 'mapped' ? t('decisions.decision.keep', { user: choice.userLabel }) : t('decisions.decision.map', { user: choice.userLabel });
    }
    if (choice.replacing) return t('decisions.decision.unmapCreate');
    // "New user" with an email a user of the company has: the import maps the contact to that user.
    const sameEmail = contact.email ? usersByEmail.get(emailKey(contact.email)) : undefined;
    return sameEmail ? t('decisions.decision.map', { user: sameEmail.email }) : t('decisions.decision.create');
  };

  const selectedDetail = contacts?.find((contact) => contact.psaContactId === detail) ?? null;
  const choose = (contact: ImportContactRow, choice: UserChoice) => setChosen((state) => ({ ...state, [contact.psaContactId]: choice }));
  const mapTo = (contact: ImportContactRow, user: ManagedUser) => choose(contact, { kind: 'map', userId: user.id, userLabel: user.email, ...(user.id === contact.user?.id ? {} : replacingOf(contact)) });

  return (
    <Dialog title={`${t('wizard.manageUsers')}: ${row.name}`} onClose={onClose}>
      {sources.offline ? <p className="muted">{t('review.offlineUsers')}</p> : null}
      {!contacts ? (
        <p className="muted">{t('app.loading')}</p>
      ) : contacts.length === 0 ? (
        <p className="muted">{t('wizard.noContacts')}</p>
      ) : (
        <>
          <input type="search" className="search" aria-label={t('decisions.searchContacts')} placeholder={t('decisions.searchContacts')} value={search} onChange={(event) => setSearch(event.target.value)} />
          <ListBox
            aria-label={t('decisions.contacts')}
            className="contact-list"
            selectionMode="multiple"
            selectedKeys={selectedKeys}
            onSelectionChange={select}
            disabledKeys={visible.filter((contact) => !contact.email).map((contact) => contact.psaContactId)}
            renderEmptyState={() => <p className="muted pick-empty">{t('decisions.noContactMatches', { search })}</p>}
          >
            {visible.map((contact) => (
              <ListBoxItem
                key={contact.psaContactId}
                id={contact.psaContactId}
                textValue={contact.email ?? `${contact.firstName} ${contact.lastName}`}
                className={detail === contact.psaContactId ? 'contact-option current' : 'contact-option'}
                onFocus={() => setDetail(contact.psaContactId)}
              >
                <span className="check" aria-hidden="true" />
                <Text slot="label" className="contact-email">
                  {contact.email ?? t('wizard.noEmail')}
                </Text>
                <Text slot="description" className="contact-meta">
                  {`${contact.firstName} ${contact.lastName}`.trim()}
                  {contact.importedBefore ? ` · ${t('wizard.importedBefore')}` : ''}
                  {contact.emailChanged ? ` · ${t('wizard.emailChanged')}` : ''}
                </Text>
                <span className="contact-decision">{contact.email ? decisionOf(contact) : ''}</span>
              </ListBoxItem>
            ))}
          </ListBox>
        </>
      )}
      {selectedDetail?.email ? (
        <UserDetails
          key={`${selectedDetail.psaContactId}:${(() => {
            const choice = chosen[selectedDetail.psaContactId];
            return choice?.kind === 'map' ? choice.userId : '';
          })()}`}
          contact={selectedDetail}
          email={selectedDetail.email}
          users={users}
          choice={chosen[selectedDetail.psaContactId]}
          taken={usersByEmail.get(emailKey(selectedDetail.email))}
          userLabel={userLabel}
          onCreate={() => choose(selectedDetail, { kind: 'create', ...replacingOf(selectedDetail) })}
          onMap={(user) => mapTo(selectedDetail, user)}
        />
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

/** One contact's decision: a new user (never when the email is a user's already), or a user of the company. */
function UserDetails({
  contact,
  email,
  users,
  choice,
  taken,
  userLabel,
  onCreate,
  onMap,
}: {
  readonly contact: ImportContactRow;
  readonly email: string;
  readonly users: readonly ManagedUser[];
  readonly choice: UserChoice | undefined;
  readonly taken: ManagedUser | undefined;
  readonly userLabel: (user: ManagedUser) => string;
  readonly onCreate: () => void;
  readonly onMap: (user: ManagedUser) => void;
}) {
  const { t } = useTranslation();
  const mappedTo = choice?.kind === 'map' ? choice.userId : null;
  // Keyed by contact and mapping (see the caller): the field starts as the chosen user, and typing searches.
  const chosenLabel = users.find((candidate) => candidate.id === mappedTo);
  const [input, setInput] = useState(chosenLabel ? userLabel(chosenLabel) : '');
  const matches = useMemo(() => (chosenLabel && input === userLabel(chosenLabel) ? users : users.filter((user) => matchesSearch(userLabel(user), input))), [users, input, chosenLabel, userLabel]);
  const creating = choice?.kind === 'create';

  return (
    <fieldset className="user-details">
      <legend>
        {t('wizard.userDetails')}: {email}
      </legend>
      {taken ? (
        <div className="status info">
          <p>{t('decisions.emailTaken', { email, user: userLabel(taken) })}</p>
          <button type="button" className="small" aria-pressed={mappedTo === taken.id} onClick={() => onMap(taken)}>
            {t('decisions.mapToThem', { user: userLabel(taken) })}
          </button>
        </div>
      ) : (
        <label>
          <input type="radio" name="user-action" checked={creating} onChange={onCreate} />
          {contact.user ? t('wizard.unmapUser') : t('wizard.newUser')}
        </label>
      )}
      {users.length > 0 ? (
        <ComboBox
          className="user-combo"
          items={matches}
          inputValue={input}
          onInputChange={setInput}
          selectedKey={mappedTo}
          onSelectionChange={(key: Key | null) => {
            const user = users.find((candidate) => candidate.id === key);
            if (user) onMap(user);
          }}
          allowsEmptyCollection
          menuTrigger="focus"
        >
          <Label>{t('wizard.mapToUser')}</Label>
          <div className="combo-field">
            <Input placeholder={t('decisions.searchUsers')} />
            <Button aria-label={t('decisions.searchUsers')}>▾</Button>
          </div>
          <Popover className="combo-popover">
            <ListBox className="pick-list" renderEmptyState={() => <p className="muted pick-empty">{t('decisions.noUserMatches', { search: input })}</p>}>
              {(user: ManagedUser) => (
                <ListBoxItem id={user.id} textValue={userLabel(user)} className="pick-option">
                  {userLabel(user)}
                </ListBoxItem>
              )}
            </ListBox>
          </Popover>
        </ComboBox>
      ) : null}
    </fieldset>
  );
}

/** A contact that already has a user keeps it; others become new users (or map to the user with their email). */
function choiceFor(contact: ImportContactRow): UserChoice {
  return contact.user ? { kind: 'map', userId: contact.user.id, userLabel: contact.user.email } : { kind: 'create' };
}

/** A contact imported before is mapped to a user; choosing anything else moves it away from that user. */
function replacingOf(contact: ImportContactRow): { replacing?: string } {
  return contact.match === 'mapped' && contact.user ? { replacing: contact.user.id } : {};
}

import { useTranslation } from 'react-i18next';
import type { PsaChanges } from '../../../shared/preview/preview-api';
import { formatDateTime } from '../../app/format';
import { Dialog } from '../../components/Dialog';

/** Each list shows this many; the counts say how many there are. */
const SHOWN = 100;

/** "Refresh from the PSA": what changed in the PSA since the preview's download — companies and contacts added, removed, renamed. */
export function PsaChangesDialog({ changes, psaName, onClose }: { readonly changes: PsaChanges; readonly psaName: string; readonly onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { companies, contacts } = changes;
  const none = [companies.added, companies.removed, companies.renamed, contacts.added, contacts.removed, contacts.renamed].every((list) => list.length === 0);
  const section = (key: string, items: readonly string[]) =>
    items.length === 0 ? null : (
      <section key={key} className="changes-section">
        <h3>{t(`review.changes.${key}`, { count: items.length })}</h3>
        <ul>
          {items.slice(0, SHOWN).map((item, index) => (
            <li key={index}>{item}</li>
          ))}
        </ul>
        {items.length > SHOWN ? <p className="muted">{t('review.changes.more', { count: items.length - SHOWN })}</p> : null}
      </section>
    );
  return (
    <Dialog title={t('review.changes.title', { psa: psaName })} onClose={onClose}>
      <p className="muted">{t('review.changes.intro', { psa: psaName, when: formatDateTime(changes.fetchedAt, i18n.language) })}</p>
      {none ? <p>{t('review.changes.none', { psa: psaName })}</p> : null}
      {section(
        'companiesAdded',
        companies.added.map((company) => company.name),
      )}
      {section(
        'companiesRemoved',
        companies.removed.map((company) => company.name),
      )}
      {section(
        'companiesRenamed',
        companies.renamed.map((company) => t('review.changes.renamed', { before: company.before, now: company.now })),
      )}
      {section(
        'contactsAdded',
        contacts.added.map((contact) => contact.name),
      )}
      {section(
        'contactsRemoved',
        contacts.removed.map((contact) => contact.name),
      )}
      {section(
        'contactsRenamed',
        contacts.renamed.map((contact) => t('review.changes.renamed', { before: contact.before, now: contact.now })),
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={onClose}>
          {t('review.changes.close')}
        </button>
      </div>
    </Dialog>
  );
}

import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { areasFor } from '../app/permissions';
import { AREAS, type Area } from '../store/slices/navigation.slice';
import { useAppStore } from '../store';
import { flushDraft } from '../store/draft-keeping';
import { reviewUnsaved } from '../store/slices/preview.slice';
import { Dialog } from '../components/Dialog';
import { SidebarWorkspace } from './workspace/WorkspaceBanners';
import { AreaView } from './areas/AreaView';

/** The signed-in app: side navigation with the product's areas, and the selected area. */
export function Shell() {
  const { t } = useTranslation();
  const area = useAppStore((state) => state.area);
  const goTo = useAppStore((state) => state.goTo);
  const session = useAppStore((state) => state.session);
  const applyAuthStatus = useAppStore((state) => state.applyAuthStatus);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const content = useRef<HTMLElement>(null);
  // Only what the signed-in person may use: a technician sees the areas their group's rights open.
  const areas = areasFor(session, AREAS);
  const allowed = areas.includes(area);
  const firstArea = areas[0];
  useEffect(() => {
    if (!allowed && firstArea) goTo(firstArea);
  }, [allowed, firstArea, goTo]);

  // A button inside an area that opens another one (an empty state's next step) leaves with its area:
  // focus goes to the new area's heading rather than back to the top of the page.
  const shown = useRef(area);
  useEffect(() => {
    if (shown.current === area) return;
    shown.current = area;
    if (document.activeElement !== document.body && document.activeElement !== null) return;
    const heading = content.current?.querySelector<HTMLElement>('h1');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus();
  }, [area]);

  // Arrow keys move between navigation items, as in a desktop sidebar.
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = (index + step + areas.length) % areas.length;
    buttons.current[next]?.focus();
  };

  const unsavedReview = useAppStore((state) => reviewUnsaved(state.wizard));
  const [confirmSignOut, setConfirmSignOut] = useState(false);
  // Decisions waiting for their save go first: signing out ends the import session that keeps them.
  const signOutNow = () =>
    void flushDraft()
      .then(() => unwrap(api().auth.signOut()))
      .then(() => applyAuthStatus({ initialized: true, session: null }));
  /** A preview under review with unsaved changes asks first: its file keeps only what was saved. */
  const signOut = () => (unsavedReview ? setConfirmSignOut(true) : signOutNow());

  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <img src="./icon.svg" alt="" width={28} height={28} />
          <span>MSP Roster</span>
        </div>
        <nav aria-label={t('nav.label')}>
          <ul>
            {areas.map((id: Area, index) => (
              <li key={id}>
                <button
                  ref={(element) => {
                    buttons.current[index] = element;
                  }}
                  type="button"
                  className={id === area ? 'nav-item active' : 'nav-item'}
                  aria-current={id === area ? 'page' : undefined}
                  onClick={() => goTo(id)}
                  onKeyDown={(event) => onKeyDown(event, index)}
                >
                  {t(`nav.${id}`)}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <SidebarWorkspace />
        <div className="account">
          {session ? (
            <p>
              {t('nav.signedInAs', { name: session.name })}
              <br />
              <span className="muted">{t(`roles.${session.role}`)}</span>
            </p>
          ) : null}
          <button type="button" className="ghost" onClick={signOut}>
            {t('nav.signOut')}
          </button>
        </div>
      </aside>
      <main className="content" ref={content}>
        {allowed ? <AreaView area={area} /> : null}
      </main>
      {confirmSignOut ? (
        <Dialog title={t('review.signOutTitle')} onClose={() => setConfirmSignOut(false)} role="alertdialog">
          <p>{t('review.signOutBody')}</p>
          <div className="actions">
            <button type="button" className="ghost" onClick={() => setConfirmSignOut(false)}>
              {t('wizardCancel.keep')}
            </button>
            <button type="button" className="danger" onClick={signOutNow}>
              {t('review.signOutAnyway')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}

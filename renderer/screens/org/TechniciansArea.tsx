import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAppStore } from '../../store';
import type { OrgTab } from '../../store/slices/org.slice';
import { AdministratorsTab } from './AdministratorsTab';
import { ConfirmDialog } from './ConfirmDialog';
import { GlobalSettingsTab } from './GlobalSettingsTab';
import { OrganizationTab } from './OrganizationTab';

/** The Technicians area: the organisation tree with the Configuration page, the Administrators, and the Global settings. */
export function TechniciansArea() {
  const { t } = useTranslation();
  const tab = useAppStore((state) => state.orgTab);
  const setTab = useAppStore((state) => state.orgSetTab);
  const load = useAppStore((state) => state.orgLoad);
  const isMaster = useAppStore((state) => state.session?.role === 'master_admin');
  const loadError = useAppStore((state) => state.orgLoadError);
  const pendingArea = useAppStore((state) => state.pendingArea);
  const leaveAnyway = useAppStore((state) => state.leaveAnyway);
  const stayHere = useAppStore((state) => state.stayHere);

  useEffect(() => {
    void load();
    // Changes made in another window or on another workstation show up without a reload.
    const off = api().on('orgChanged', () => void useAppStore.getState().orgLoad());
    return () => {
      off();
      // Leaving the area (signed out, another workspace opened) leaves no unsaved draft behind to guard.
      useAppStore.getState().orgDiscardDraft();
    };
  }, [load]);

  const shown: OrgTab = tab === 'administrators' && !isMaster ? 'organization' : tab;

  return (
    <div className="org-area">
      <header className="content-header">
        <h1>{t('org.title')}</h1>
      </header>
      {loadError ? <ErrorAlert code={loadError.code} fields={loadError.fields} /> : null}
      <Tabs className="tabs org-tabs" selectedKey={shown} onSelectionChange={(key) => setTab(key as OrgTab)}>
        <TabList className="tab-list" aria-label={t('org.tabs.label')}>
          <Tab id="organization">{t('org.tabs.organization')}</Tab>
          {isMaster ? <Tab id="administrators">{t('org.tabs.administrators')}</Tab> : null}
          <Tab id="settings">{t('org.tabs.settings')}</Tab>
        </TabList>
        <TabPanel id="organization" className="tab-panel org-panel">
          <OrganizationTab />
        </TabPanel>
        {isMaster ? (
          <TabPanel id="administrators" className="tab-panel">
            <AdministratorsTab />
          </TabPanel>
        ) : null}
        <TabPanel id="settings" className="tab-panel">
          <GlobalSettingsTab />
        </TabPanel>
      </Tabs>
      {pendingArea ? (
        <ConfirmDialog title={t('org.unsaved.title')} body={t('org.unsaved.body')} confirm={t('org.unsaved.discard')} cancel={t('org.unsaved.keep')} danger onConfirm={leaveAnyway} onCancel={stayHere} />
      ) : null}
    </div>
  );
}

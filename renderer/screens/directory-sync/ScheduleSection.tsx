import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { useAppStore } from '../../store';
import { useFieldErrors } from './use-field-errors';

/** 4. Schedule: off, or every N minutes (at least 5) while the app runs on this workstation. */
export function ScheduleSection() {
  const { t, i18n } = useTranslation();
  const on = useAppStore((state) => state.dsDraft?.scheduleOn ?? false);
  const minutes = useAppStore((state) => state.dsDraft?.everyMinutes ?? '');
  const nextRunAt = useAppStore((state) => state.dsSettings?.nextRunAt ?? null);
  const edit = useAppStore((state) => state.dsEdit);
  const errors = useFieldErrors();
  const name = useId();
  const minutesId = useId();
  return (
    <section className="panel" aria-labelledby="ds-schedule">
      <h2 id="ds-schedule">{t('directorySync.schedule.title')}</h2>
      <fieldset className="plain" aria-labelledby="ds-schedule">
        <label className="check">
          <input type="radio" name={name} checked={!on} onChange={() => edit({ scheduleOn: false })} />
          {t('directorySync.schedule.off')}
        </label>
        <div className="ds-schedule-every">
          <label className="check">
            <input type="radio" name={name} checked={on} onChange={() => edit({ scheduleOn: true })} />
            {t('directorySync.schedule.every')}
          </label>
          <label htmlFor={minutesId} className="visually-hidden">
            {t('directorySync.schedule.minutes')}
          </label>
          <input
            id={minutesId}
            type="number"
            min={5}
            max={1440}
            className="narrow-input"
            value={minutes}
            disabled={!on}
            onChange={(event) => edit({ everyMinutes: event.target.value })}
            aria-invalid={errors.everyMinutes ? true : undefined}
            aria-describedby={errors.everyMinutes ? `${minutesId}-error` : undefined}
          />
          <span aria-hidden="true">{t('directorySync.schedule.unit')}</span>
        </div>
        {errors.everyMinutes ? (
          <p id={`${minutesId}-error`} className="field-error" role="alert">
            {t('directorySync.invalid.everyMinutes')}
          </p>
        ) : null}
        <p className="field-hint">{t('directorySync.schedule.hint')}</p>
        {nextRunAt ? <p className="muted">{t('directorySync.schedule.nextRun', { when: formatDateTime(nextRunAt, i18n.language) })}</p> : null}
      </fieldset>
    </section>
  );
}

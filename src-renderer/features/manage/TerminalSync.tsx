import { FieldList } from '../../components/FieldList';
import { ServerBadge } from '../../components/ServerBadge';
import { useDateTime } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { useSyncStore } from '../../stores/sync-store';
import { useTerminalStore } from '../../stores/terminal-store';
import { EnrolForm } from './EnrolForm';

/** This terminal and the central server: enrolment with a manager's code, the sync state, "Sync now". */
export function TerminalSync() {
  const t = useT();
  const dateTime = useDateTime();
  const status = useTerminalStore((s) => s.status);
  const busy = useSyncStore((s) => s.busy);
  const syncError = useSyncStore((s) => s.error);
  const syncedAt = useSyncStore((s) => s.syncedAt);
  const syncNow = useSyncStore((s) => s.syncNow);

  if (!status) return <p className="muted">{t('status.loading')}</p>;
  const { sync, server } = status;
  const when = (iso: string | null) => (iso ? dateTime(iso) : t('status.never'));

  return (
    <div className="terminal-sync" data-testid="terminal-sync">
      <section aria-labelledby="sync-status-heading">
        <h2 id="sync-status-heading">{t('sync.heading')}</h2>
        <FieldList
          fields={[
            {
              id: 'sync-server',
              label: t('status.server'),
              value: <ServerBadge state={server.state} label={t(`status.server.${server.state}`)} />,
            },
            {
              id: 'sync-state',
              label: t('sync.state'),
              value: (
                <span data-state={sync.state}>
                  {t(`sync.state.${sync.state}`)}
                  {sync.epoch !== undefined ? ` · ${t('sync.epoch', { epoch: sync.epoch })}` : ''}
                </span>
              ),
            },
            ...(sync.terminalName
              ? [{ id: 'sync-name', label: t('sync.terminalName'), value: sync.terminalName }]
              : []),
            {
              id: 'sync-terminal-id',
              label: t('status.terminalId'),
              value: <code>{status.terminalId}</code>,
            },
            ...(sync.enrolled
              ? [
                  {
                    id: 'sync-pending',
                    label: t('sync.pending'),
                    value: String(sync.pendingSales),
                  },
                  { id: 'sync-push', label: t('sync.lastPush'), value: when(sync.lastPushAt) },
                  { id: 'sync-pull', label: t('sync.lastPull'), value: when(sync.lastPullAt) },
                  {
                    id: 'sync-error',
                    label: t('sync.lastError'),
                    value: sync.lastError ?? t('sync.noError'),
                  },
                ]
              : []),
          ]}
        />
        {sync.state === 'enrolled' ? (
          <>
            <div className="button-row">
              <button type="button" className="primary" disabled={busy} onClick={() => void syncNow()}>
                {t('sync.now')}
              </button>
            </div>
            {syncError ? (
              <p role="alert" className="error" data-testid="sync-now-error">
                {syncError}
              </p>
            ) : syncedAt ? (
              <p role="status" className="muted" data-testid="sync-now-done">
                {t('sync.done', { at: dateTime(syncedAt) })}
              </p>
            ) : null}
          </>
        ) : null}
      </section>
      {sync.state === 'enrolled' ? null : server.state === 'not_configured' ? (
        <p className="callout" role="note" data-testid="enrol-no-server">
          {t('sync.enrol.noServer')}
        </p>
      ) : (
        <EnrolForm restore={sync.state === 'restore_detected'} serverUrl={server.url ?? ''} />
      )}
    </div>
  );
}

import { FieldList } from '../../components/FieldList';
import { ServerBadge } from '../../components/ServerBadge';
import { useT } from '../../i18n/use-t';
import { useTerminalStore } from '../../stores/terminal-store';

export function StatusScreen() {
  const t = useT();
  const status = useTerminalStore((s) => s.status);
  const error = useTerminalStore((s) => s.error);
  const load = useTerminalStore((s) => s.load);

  if (error) {
    return (
      <section className="panel" aria-labelledby="status-heading">
        <h1 id="status-heading">{t('status.heading')}</h1>
        <p role="alert" className="error">
          {error}
        </p>
        <button type="button" onClick={() => void load()}>
          {t('status.retry')}
        </button>
      </section>
    );
  }
  if (!status) return <p className="panel">{t('status.loading')}</p>;

  const { server } = status;
  return (
    <section className="panel" aria-labelledby="status-heading">
      <h1 id="status-heading">{t('status.heading')}</h1>
      <FieldList
        fields={[
          {
            id: 'server',
            label: t('status.server'),
            value: <ServerBadge state={server.state} label={t(`status.server.${server.state}`)} />,
          },
          ...(server.url
            ? [
                { id: 'server-url', label: 'URL', value: server.url },
                {
                  id: 'last-seen',
                  label: t('status.lastSeen'),
                  value: server.lastSeenAt ? new Date(server.lastSeenAt).toLocaleString() : t('status.never'),
                },
              ]
            : []),
          { id: 'data-dir', label: t('status.dataDir'), value: <code>{status.dataDir}</code> },
          {
            id: 'schema',
            label: t('status.schema'),
            value: t('status.schemaOf', {
              current: status.schemaVersion,
              latest: status.latestSchemaVersion,
            }),
          },
          { id: 'terminal-id', label: t('status.terminalId'), value: <code>{status.terminalId}</code> },
          { id: 'app-version', label: t('status.appVersion'), value: status.appVersion },
        ]}
      />
    </section>
  );
}

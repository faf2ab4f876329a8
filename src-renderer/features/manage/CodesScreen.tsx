import { useEffect, useId, useRef, useState } from 'react';
import type { ManagedCode } from '../../../shared/ipc/domains/manage';
import { CODE_KINDS, CODE_STATUSES } from '../../../shared/ipc/manage-schemas';
import { SelectField } from '../../components/FormFields';
import { StatusBadge } from '../../components/StatusBadge';
import { useLanguage } from '../../i18n/language';
import { useT } from '../../i18n/use-t';
import { PAGE_SIZE, useManageStore, type CodeFilter } from '../../stores/manage-store';
import { benefitSummary } from './benefit-summary';
import { CodeEditor } from './CodeEditor';
import { CodeHistory } from './CodeHistory';
import { GenerateChildrenDialog } from './GenerateChildrenDialog';
import { useMoney } from '../../i18n/use-money';

/** The code list: search, filters, status badges and each code's actions. "/" searches, Alt+N starts a new code. */
export function CodesScreen() {
  const t = useT();
  const id = useId();
  const money = useMoney();
  const language = useLanguage();
  const filter = useManageStore((s) => s.filter);
  const page = useManageStore((s) => s.page);
  const error = useManageStore((s) => s.listError);
  const notice = useManageStore((s) => s.notice);
  const loading = useManageStore((s) => s.loading);
  const editing = useManageStore((s) => s.editing);
  const history = useManageStore((s) => s.history);
  const openHistory = useManageStore((s) => s.openHistory);
  const setFilter = useManageStore((s) => s.setFilter);
  const loadCodes = useManageStore((s) => s.loadCodes);
  const startCreate = useManageStore((s) => s.startCreate);
  const startEdit = useManageStore((s) => s.startEdit);
  const setStatus = useManageStore((s) => s.setStatus);
  const [query, setQuery] = useState(filter.q);
  const [generateFor, setGenerateFor] = useState<ManagedCode | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void loadCodes();
  }, [loadCodes]);

  // Typing settles for a moment before the server is asked.
  useEffect(() => {
    if (query === filter.q) return;
    const timer = setTimeout(() => setFilter({ q: query }), 250);
    return () => clearTimeout(timer);
  }, [query, filter.q, setFilter]);

  useEffect(() => {
    if (editing || history) return;
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
      if (e.key === '/' && !typing && !document.querySelector('dialog[open]')) {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (e.altKey && e.key.toLowerCase() === 'n') {
        e.preventDefault();
        startCreate();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editing, history, startCreate]);

  if (editing) return <CodeEditor />;
  if (history) {
    return (
      <div className="manage__codes">
        <CodeHistory code={history} />
        <div className="button-row">
          <button type="button" onClick={() => openHistory(null)}>
            {t('manage.history.back')}
          </button>
        </div>
      </div>
    );
  }

  const statusOptions = [
    { value: '' as const, label: t('manage.filter.anyStatus') },
    ...CODE_STATUSES.map((s) => ({ value: s, label: t(`manage.status.${s}`) })),
  ];
  const kindOptions = [
    { value: '' as const, label: t('manage.filter.anyKind') },
    ...CODE_KINDS.map((k) => ({ value: k, label: t(`manage.kind.${k}`) })),
  ];
  const total = page?.total ?? 0;
  const first = total === 0 ? 0 : filter.offset + 1;
  const last = Math.min(total, filter.offset + PAGE_SIZE);

  return (
    <div className="manage__codes" data-testid="codes-screen">
      <div className="manage__toolbar">
        <div className="field-cell">
          <label htmlFor={`${id}-q`}>
            {t('manage.filter.search')}
            <kbd>/</kbd>
          </label>
          <input
            id={`${id}-q`}
            ref={searchRef}
            type="search"
            autoComplete="off"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        <div className="field-cell">
          <SelectField<CodeFilter['status']>
            id={`${id}-status`}
            label={t('manage.filter.status')}
            value={filter.status}
            options={statusOptions}
            onChange={(status) => setFilter({ status })}
          />
        </div>
        <div className="field-cell">
          <SelectField<CodeFilter['kind']>
            id={`${id}-kind`}
            label={t('manage.filter.kind')}
            value={filter.kind}
            options={kindOptions}
            onChange={(kind) => setFilter({ kind, parent: null })}
          />
        </div>
        <button type="button" className="primary" onClick={startCreate}>
          {t('manage.codes.new')}
          <kbd>Alt+N</kbd>
        </button>
      </div>
      {filter.parent ? (
        <p className="callout">
          {t('manage.codes.childrenOf', { code: filter.parent.code })}{' '}
          <button type="button" onClick={() => setFilter({ parent: null })}>
            {t('manage.codes.allCodes')}
          </button>
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="error" data-testid="codes-error">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p role="status" className="ok" data-testid="codes-notice">
          {t('manage.codes.saved', { code: notice })}
        </p>
      ) : null}
      <table className="table manage__table" aria-busy={loading} data-testid="codes-table">
        <caption>{t('manage.codes.caption', { first, last, total })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('manage.col.code')}</th>
            <th scope="col">{t('manage.col.name')}</th>
            <th scope="col">{t('manage.col.benefit')}</th>
            <th scope="col">{t('manage.col.status')}</th>
            <th scope="col" className="num">
              {t('manage.col.uses')}
            </th>
            <th scope="col">{t('manage.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {page?.items.map((code) => (
            <tr key={code.id} data-code={code.code}>
              <th scope="row">
                {code.code}
                {code.isParent ? <span className="tag">{t('manage.kind.parent')}</span> : null}
                {code.parentId ? <span className="tag">{t('manage.kind.generated')}</span> : null}
                {code.autoApply ? <span className="tag">{t('manage.codes.auto')}</span> : null}
              </th>
              <td>{code.name}</td>
              <td>
                {benefitSummary(code.benefit, t, language, (a) => money(a, code.rules.currency ?? 'EUR'))}
              </td>
              <td>
                <StatusBadge status={code.lifecycle} label={t(`manage.status.${code.lifecycle}`)} />
              </td>
              <td className="num">
                {code.rules.maxUses !== undefined
                  ? `${code.usage.uses} / ${code.rules.maxUses}`
                  : code.usage.uses}
              </td>
              <td>
                <div className="manage__actions">
                  {code.parentId ? null : (
                    <button
                      type="button"
                      aria-label={t('manage.codes.editCode', { code: code.code })}
                      onClick={() => void startEdit(code.id)}
                    >
                      {t('manage.codes.edit')}
                    </button>
                  )}
                  <button
                    type="button"
                    aria-label={t('manage.history.openFor', { code: code.code })}
                    onClick={() => openHistory(code)}
                  >
                    {t('manage.history.open')}
                  </button>
                  {code.isParent ? (
                    <>
                      <button
                        type="button"
                        aria-label={t('manage.codes.generateFor', { code: code.code })}
                        onClick={() => setGenerateFor(code)}
                      >
                        {t('manage.codes.generate')}
                      </button>
                      <button
                        type="button"
                        aria-label={t('manage.codes.childrenFor', { code: code.code })}
                        onClick={() => {
                          // The children of one parent, whatever was searched before.
                          setQuery('');
                          setFilter({ parent: { id: code.id, code: code.code }, kind: '', q: '' });
                        }}
                      >
                        {t('manage.codes.children')}
                      </button>
                    </>
                  ) : null}
                  {code.status === 'active' ? (
                    <>
                      <button
                        type="button"
                        aria-label={t('manage.codes.disableCode', { code: code.code })}
                        onClick={() => void setStatus(code, 'disable')}
                      >
                        {t('manage.codes.disable')}
                      </button>
                      <button
                        type="button"
                        className="danger"
                        aria-label={t('manage.codes.deleteCode', { code: code.code })}
                        onClick={() => void setStatus(code, 'delete')}
                      >
                        {t('manage.codes.delete')}
                      </button>
                    </>
                  ) : (
                    <button
                      type="button"
                      aria-label={t('manage.codes.restoreCode', { code: code.code })}
                      onClick={() => void setStatus(code, 'restore')}
                    >
                      {t('manage.codes.restore')}
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && page.items.length === 0 ? <p className="muted">{t('manage.codes.none')}</p> : null}
      <div className="button-row">
        <button
          type="button"
          disabled={filter.offset === 0}
          onClick={() => setFilter({ offset: Math.max(0, filter.offset - PAGE_SIZE) })}
        >
          {t('manage.page.previous')}
        </button>
        <button
          type="button"
          disabled={filter.offset + PAGE_SIZE >= total}
          onClick={() => setFilter({ offset: filter.offset + PAGE_SIZE })}
        >
          {t('manage.page.next')}
        </button>
      </div>
      {generateFor ? (
        <GenerateChildrenDialog parent={generateFor} onClose={() => setGenerateFor(null)} />
      ) : null}
    </div>
  );
}

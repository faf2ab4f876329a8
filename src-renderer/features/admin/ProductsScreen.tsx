import { useEffect, useId } from 'react';
import { CATALOGUE_BODIES } from '../../../shared/catalogue/schemas';
import type { Product } from '../../../shared/catalogue/types';
import { DEFAULT_VOUCHER_DAYS, MAX_VOUCHER_DAYS } from '../../../shared/vouchers/rules';
import { RecordFormDialog } from '../../components/RecordFormDialog';
import { SelectField } from '../../components/FormFields';
import { LookupField } from '../../components/LookupField';
import { RecordTable } from '../../components/RecordTable';
import { RecordToolbar } from '../../components/RecordToolbar';
import { TextField } from '../../components/TextField';
import { useLanguage } from '../../i18n/language';
import type { MessageKey } from '../../i18n/messages';
import { useMoney } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { amountText, formatPercent, parseAmount } from '../../lib/amount-input';
import { useRecordForm } from '../../lib/use-record-form';
import { vatChoices } from '../../lib/vat-choices';
import { findByName, useNameStore, useProductStore } from '../../stores/catalogue-stores';
import { useOrganisationStore } from '../../stores/organisation-store';

const PAGE = 50;
type Kind = Product['kind'];
const KIND_LABEL: Record<Kind, MessageKey> = {
  addon: 'admin.products.addon',
  merch: 'admin.products.merch',
  fee: 'admin.products.fee',
  voucher: 'admin.products.voucher',
};
const findEvents = (q: string) => findByName('events', q);

/** Add-ons, merchandise, fees and gift vouchers, priced in the organisation's currency. */
export function ProductsScreen() {
  const t = useT();
  const id = useId();
  const money = useMoney();
  const language = useLanguage();
  const { filter, page, error, editing } = useProductStore();
  const { setFilter, load, startCreate, startEdit, remove } = useProductStore.getState();
  const names = useNameStore((s) => s.names);
  const settings = useOrganisationStore((s) => s.settings);
  const currency = settings?.currency ?? 'EUR';

  useEffect(() => {
    void load();
    void useOrganisationStore.getState().load();
  }, [load]);
  useEffect(() => {
    if (page)
      void useNameStore.getState().resolve(
        'events',
        page.items.map((p) => p.eventId),
      );
  }, [page]);

  return (
    <div data-testid="products-screen">
      <RecordToolbar
        q={filter.q}
        onSearch={(q) => setFilter({ q })}
        newLabel={t('admin.products.new')}
        onNew={startCreate}
      >
        <div className="field-cell">
          <SelectField
            id={`${id}-kind`}
            label={t('admin.products.kind')}
            value={filter.kind ?? ''}
            options={[
              { value: '', label: t('admin.products.allKinds') },
              ...(Object.keys(KIND_LABEL) as Kind[]).map((k) => ({ value: k, label: t(KIND_LABEL[k]) })),
            ]}
            onChange={(kind) => setFilter({ kind: kind || undefined })}
          />
        </div>
      </RecordToolbar>
      <RecordTable
        columns={[
          { label: t('admin.field.name'), cell: (p) => p.name },
          { label: t('admin.products.kind'), cell: (p) => t(KIND_LABEL[p.kind]) },
          {
            label: t('admin.products.price'),
            cell: (p) =>
              p.kind === 'voucher' && p.unitPrice === 0
                ? t('voucher.openAmount')
                : money(p.unitPrice, currency),
          },
          { label: t('admin.field.vat'), cell: (p) => formatPercent(p.vatRate, language) },
          { label: t('admin.field.category'), cell: (p) => p.category ?? '' },
          {
            label: t('admin.products.event'),
            cell: (p) => (p.eventId ? (names[p.eventId] ?? '…') : t('admin.products.anyEvent')),
          },
        ]}
        page={page}
        offset={filter.offset}
        limit={PAGE}
        onPage={(offset) => setFilter({ offset })}
        error={error}
        onEdit={startEdit}
        deleteTitle={(p) => t('admin.products.deleteTitle', { name: p.name })}
        remove={remove}
      />
      {editing ? (
        <ProductForm key={editing.mode === 'edit' ? editing.row.id : 'new'} currency={currency} />
      ) : null}
    </div>
  );
}

/** Typed days as the schema's `voucherDays`: empty is the default (null); anything else not a whole number fails. */
function daysOf(typed: string): number | null {
  const text = typed.trim();
  if (text === '') return null;
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}

function ProductForm({ currency }: { currency: string }) {
  const t = useT();
  const id = useId();
  const language = useLanguage();
  const editing = useProductStore((s) => s.editing);
  const names = useNameStore((s) => s.names);
  const rates = useOrganisationStore((s) => s.settings?.vatRates ?? []);
  const { save, closeEditor } = useProductStore.getState();
  const row = editing?.mode === 'edit' ? editing.row : null;
  const form = useRecordForm({
    initial: {
      kind: row?.kind ?? 'addon',
      name: row?.name ?? '',
      price: row ? amountText(row.unitPrice, currency) : '',
      vat: String(row?.vatRate ?? rates[0]?.rate ?? 0),
      category: row?.category ?? '',
      days: row?.voucherDays === undefined ? '' : String(row.voucherDays),
      event: row?.eventId ? { id: row.eventId, name: names[row.eventId] ?? row.eventId } : null,
    },
    schema: CATALOGUE_BODIES.products,
    toBody: (d) => ({
      kind: d.kind,
      name: d.name,
      unitPrice: parseAmount(d.price, currency) ?? Number.NaN,
      // docs/CASH.md "Selling one": a voucher carries no VAT; the server refuses any other rate too.
      vatRate: d.kind === 'voucher' ? 0 : Number(d.vat),
      category: d.category.trim() || null,
      eventId: d.event?.id ?? null,
      ...(d.kind === 'voucher' ? { voucherDays: daysOf(d.days) } : {}),
    }),
    save,
  });
  const { draft, set, errors } = form;
  const voucher = draft.kind === 'voucher';
  return (
    <RecordFormDialog
      title={row ? t('admin.products.edit', { name: row.name }) : t('admin.products.new')}
      form={form}
      onClose={closeEditor}
    >
      <SelectField
        id={`${id}-kind`}
        label={t('admin.products.kind')}
        value={draft.kind}
        options={(Object.keys(KIND_LABEL) as Kind[]).map((k) => ({ value: k, label: t(KIND_LABEL[k]) }))}
        onChange={(v) => set('kind', v)}
        error={errors.kind}
      />
      <TextField
        id={`${id}-name`}
        label={t('admin.field.name')}
        value={draft.name}
        onChange={(v) => set('name', v)}
        error={errors.name}
        autoFocus
      />
      <TextField
        id={`${id}-price`}
        label={t('admin.products.priceIn', { currency })}
        inputMode="decimal"
        value={draft.price}
        onChange={(v) => set('price', v)}
        error={errors.unitPrice && t('admin.amountInvalid', { currency })}
        hint={voucher ? t('admin.products.voucherPriceHint') : null}
      />
      {voucher ? (
        <>
          <SelectField
            id={`${id}-vat`}
            label={t('admin.field.vat')}
            value="0"
            options={[{ value: '0', label: formatPercent(0, language) }]}
            onChange={() => undefined}
            disabled
            error={errors.vatRate}
          />
          <p className="muted small" data-testid="voucher-vat">
            {t('admin.products.voucherVat')}
          </p>
          <TextField
            id={`${id}-days`}
            label={t('admin.products.voucherDays')}
            inputMode="numeric"
            maxLength={4}
            value={draft.days}
            onChange={(v) => set('days', v)}
            error={errors.voucherDays && t('admin.products.voucherDaysInvalid', { max: MAX_VOUCHER_DAYS })}
            hint={t('admin.products.voucherDaysHint', { days: DEFAULT_VOUCHER_DAYS, max: MAX_VOUCHER_DAYS })}
          />
        </>
      ) : (
        <SelectField
          id={`${id}-vat`}
          label={t('admin.field.vat')}
          value={draft.vat}
          options={vatChoices(rates, Number(draft.vat), language)}
          onChange={(v) => set('vat', v)}
          error={errors.vatRate}
        />
      )}
      <TextField
        id={`${id}-category`}
        label={t('admin.field.category')}
        value={draft.category}
        onChange={(v) => set('category', v)}
        error={errors.category}
      />
      <LookupField
        id={`${id}-event`}
        label={t('admin.products.event')}
        value={draft.event}
        noneLabel={t('admin.products.anyEvent')}
        search={findEvents}
        onChange={(v) => set('event', v)}
        error={errors.eventId}
      />
    </RecordFormDialog>
  );
}

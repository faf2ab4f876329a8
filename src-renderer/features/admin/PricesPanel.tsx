import { useCallback, useEffect, useId, useState } from 'react';
import { CATALOGUE_BODIES } from '../../../shared/catalogue/schemas';
import type { PriceBand, TicketPrice, TicketType, Venue } from '../../../shared/catalogue/types';
import type { Result } from '../../../shared/result';
import type { Versioned } from '../../../shared/server-api/catalogue-calls';
import { SelectField } from '../../components/FormFields';
import { TextField } from '../../components/TextField';
import { useLanguage } from '../../i18n/language';
import { useT } from '../../i18n/use-t';
import { amountText, parseAmount } from '../../lib/amount-input';
import { fieldErrors } from '../../lib/field-errors';
import { vatChoices } from '../../lib/vat-choices';
import {
  allPrices,
  removePrice,
  savePrice,
  usePriceBandStore,
  useTicketTypeStore,
} from '../../stores/catalogue-stores';
import { useOrganisationStore } from '../../stores/organisation-store';
import { NameList } from './NameList';

interface Cell {
  amount: string;
  vat: string;
}

const cellKey = (typeId: string, bandId: string) => `${typeId}:${bandId}`;

/** An event's price bands and ticket types, and its prices as a matrix of type × band. */
export function PricesPanel({ eventId, venue }: { eventId: string; venue: Venue }) {
  const t = useT();
  const bands = usePriceBandStore((s) => (s.filter.eventId === eventId ? s.page?.items : undefined));
  const types = useTicketTypeStore((s) => (s.filter.eventId === eventId ? s.page?.items : undefined));
  useEffect(() => {
    usePriceBandStore.getState().setFilter({ eventId });
    useTicketTypeStore.getState().setFilter({ eventId });
  }, [eventId]);
  return (
    <div data-testid="prices-panel">
      <div className="field-grid">
        <NameList
          store={usePriceBandStore}
          eventId={eventId}
          title={t('admin.prices.bands')}
          newLabel={t('admin.prices.newBand')}
          hint={t('admin.prices.bandsHint')}
          schema={CATALOGUE_BODIES.priceBands}
        />
        <NameList
          store={useTicketTypeStore}
          eventId={eventId}
          title={t('admin.prices.types')}
          newLabel={t('admin.prices.newType')}
          hint={t('admin.prices.typesHint')}
          schema={CATALOGUE_BODIES.ticketTypes}
        />
      </div>
      {bands && types ? <PriceMatrix eventId={eventId} venue={venue} bands={bands} types={types} /> : null}
    </div>
  );
}

function PriceMatrix(props: {
  eventId: string;
  venue: Venue;
  bands: Versioned<PriceBand>[];
  types: Versioned<TicketType>[];
}) {
  const { eventId, venue, bands, types } = props;
  const t = useT();
  const id = useId();
  const language = useLanguage();
  const settings = useOrganisationStore((s) => s.settings);
  const [prices, setPrices] = useState<Map<string, Versioned<TicketPrice>>>(new Map());
  const [cells, setCells] = useState<Record<string, Cell>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  // Event-wide prices only; a performance's own prices override these (not edited here yet).
  const show = useCallback(
    (result: Result<Versioned<TicketPrice>[]>) => {
      if (!result.ok) {
        setMessage({ ok: false, text: result.message });
        return;
      }
      const map = new Map(
        result.value
          .filter((p) => p.performanceId === null)
          .map((p) => [cellKey(p.ticketTypeId, p.priceBandId), p] as const),
      );
      setPrices(map);
      setCells(
        Object.fromEntries(
          [...map].map(([key, p]) => [
            key,
            { amount: amountText(p.unitPrice, venue.currency), vat: String(p.vatRate) },
          ]),
        ),
      );
    },
    [venue.currency],
  );

  useEffect(() => {
    void allPrices(eventId).then(show);
    if (!useOrganisationStore.getState().settings) void useOrganisationStore.getState().load();
  }, [eventId, show]);

  const rates = settings?.vatRates ?? [];
  const defaultVat = String(rates[0]?.rate ?? 0);
  const cellOf = (key: string): Cell => cells[key] ?? { amount: '', vat: defaultVat };

  async function saveAll() {
    setBusy(true);
    setMessage(null);
    const found: Record<string, string> = {};
    let saved = 0;
    for (const type of types) {
      for (const band of bands) {
        const key = cellKey(type.id, band.id);
        const cell = cellOf(key);
        const existing = prices.get(key) ?? null;
        if (cell.amount.trim() === '') {
          // An emptied cell takes the price away: the ticket is then not sold in that band.
          if (existing) {
            const removed = await removePrice(existing);
            if (removed.ok) saved += 1;
            else found[key] = removed.message;
          }
          continue;
        }
        const unitPrice = parseAmount(cell.amount, venue.currency);
        const body = {
          eventId,
          performanceId: null,
          ticketTypeId: type.id,
          priceBandId: band.id,
          unitPrice: unitPrice ?? Number.NaN,
          vatRate: Number(cell.vat),
        };
        if (unitPrice === null) {
          found[key] = t('admin.amountInvalid', { currency: venue.currency });
          continue;
        }
        const own = fieldErrors(CATALOGUE_BODIES.ticketPrices, body);
        if (Object.keys(own).length > 0) {
          found[key] = Object.values(own)[0] ?? '';
          continue;
        }
        if (existing && existing.unitPrice === unitPrice && existing.vatRate === body.vatRate) continue;
        const result = await savePrice(existing, body);
        if (result.ok) saved += 1;
        else found[key] = result.message;
      }
    }
    setErrors(found);
    show(await allPrices(eventId));
    setBusy(false);
    const failed = Object.keys(found).length;
    setMessage(
      failed > 0
        ? { ok: false, text: t('admin.prices.someFailed', { failed }) }
        : { ok: true, text: t('admin.prices.saved', { count: saved }) },
    );
  }

  if (bands.length === 0 || types.length === 0) {
    return <p className="muted">{t('admin.prices.needBoth')}</p>;
  }
  return (
    <form
      noValidate
      aria-busy={busy}
      onSubmit={(e) => {
        e.preventDefault();
        void saveAll();
      }}
    >
      <h3>{t('admin.prices.matrix', { currency: venue.currency })}</h3>
      {rates.length === 0 ? <p className="muted">{t('admin.prices.noRates')}</p> : null}
      <table className="manage__table price-matrix">
        <thead>
          <tr>
            <th scope="col">{t('admin.prices.typeByBand')}</th>
            {bands.map((band) => (
              <th key={band.id} scope="col">
                {band.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {types.map((type) => (
            <tr key={type.id}>
              <th scope="row">{type.name}</th>
              {bands.map((band) => {
                const key = cellKey(type.id, band.id);
                const cell = cellOf(key);
                const set = (patch: Partial<Cell>) =>
                  setCells((c) => ({ ...c, [key]: { ...cellOf(key), ...patch } }));
                const names = { type: type.name, band: band.name };
                return (
                  <td key={band.id}>
                    <div className="field-cell">
                      <TextField
                        id={`${id}-${key}-amount`}
                        label={t('admin.prices.cellAmount', names)}
                        inputMode="decimal"
                        value={cell.amount}
                        onChange={(v) => set({ amount: v })}
                        error={errors[key]}
                      />
                      <SelectField
                        id={`${id}-${key}-vat`}
                        label={t('admin.prices.cellVat', names)}
                        value={cell.vat}
                        options={vatChoices(rates, Number(cell.vat), language)}
                        onChange={(v) => set({ vat: v })}
                      />
                    </div>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">{t('admin.prices.matrixHint')}</p>
      {message ? (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
          {message.text}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy}>
          {t('admin.prices.save')}
        </button>
      </div>
    </form>
  );
}

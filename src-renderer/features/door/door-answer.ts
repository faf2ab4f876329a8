import type { DoorScanView } from '../../../shared/ipc/domains/door';
import type { MessageKey } from '../../i18n/messages';

/** Green: let them in. Amber: a good ticket, not now (already in, too early). Red: refused. */
export type DoorTone = 'valid' | 'caution' | 'refused';

type T = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The one sentence door staff read, and its colour. */
export function doorAnswer(
  view: DoorScanView,
  t: T,
  at: (iso: string) => string,
): { tone: DoorTone; sentence: string } {
  const { outcome, performance } = view;
  const named =
    performance && t('door.performance', { event: performance.eventName, time: at(performance.startsAt) });
  switch (outcome.kind) {
    case 'valid':
      return {
        tone: 'valid',
        sentence: named ? t('door.valid.for', { performance: named }) : t('door.valid'),
      };
    case 'already_entered':
      return {
        tone: 'caution',
        sentence: t('door.already_entered', { door: outcome.entry.door, time: at(outcome.entry.at) }),
      };
    case 'too_early':
      return { tone: 'caution', sentence: t('door.too_early', { time: at(outcome.opensAt) }) };
    case 'wrong_performance':
      return {
        tone: 'refused',
        sentence: named
          ? t('door.wrong_performance.named', { performance: named })
          : outcome.other
            ? t('door.wrong_performance.dated', { time: at(outcome.other.startsAt) })
            : t('door.wrong_performance'),
      };
    case 'clock_off':
      return { tone: 'refused', sentence: t('door.clock_off', { time: at(outcome.issuedAt) }) };
    default:
      return { tone: 'refused', sentence: t(`door.${outcome.kind}`) };
  }
}

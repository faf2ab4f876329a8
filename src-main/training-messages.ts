import type { Language } from '../shared/ipc/types';

// What the core says about training mode (docs/CASH.md "Training mode"), spread into messages.ts.
export const trainingMessages = {
  TRAINING_NO_SEATS: {
    en: 'Training sells no reserved seats: the seats are real and another window could lose them. Practise with a performance sold by quantity, or ask a manager to end training.',
    de: 'Im Training werden keine Sitzplätze verkauft: Die Plätze sind echt und fehlten sonst an anderen Kassen. Bitte mit einer Vorstellung ohne Saalplan üben, oder eine Leitung bitten, das Training zu beenden.',
  },
  TRAINING_NO_PICKUP: {
    en: 'A reservation cannot be picked up in training: its seats and the customer are real. Ask a manager to end training, then pick it up.',
    de: 'Eine Reservierung kann im Training nicht abgeholt werden: Ihre Plätze und die Kundschaft sind echt. Bitte eine Leitung, das Training zu beenden, und dann abholen.',
  },
  TRAINING_NO_EXCHANGE: {
    en: 'A training sale cannot be exchanged, and a real sale cannot be exchanged in training. Refund the training sale instead, or ask a manager to end training.',
    de: 'Ein Trainingsverkauf kann nicht umgetauscht werden, und ein echter Verkauf nicht im Training. Den Trainingsverkauf bitte erstatten, oder eine Leitung bitten, das Training zu beenden.',
  },
  TRAINING_REAL_SALE: {
    en: 'This sale is real and cannot be refunded or voided in training. Ask a manager to end training, or someone not in training to do it.',
    de: 'Dieser Verkauf ist echt und kann im Training nicht erstattet oder storniert werden. Bitte eine Leitung, das Training zu beenden, oder jemanden ohne Training, es zu übernehmen.',
  },
} satisfies Record<string, Record<Language, string>>;

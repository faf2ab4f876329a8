import type { PosEvent } from '../shared/ipc/types';

export interface EventHub {
  subscribe(listener: (event: PosEvent) => void): () => void;
  emit(event: PosEvent): void;
}

export function createEventHub(onListenerError: (error: unknown) => void): EventHub {
  const listeners = new Set<(event: PosEvent) => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event) {
      for (const listener of listeners) {
        // One broken subscriber (a closed window, a dropped socket) must not stop the others.
        try {
          listener(event);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
  };
}

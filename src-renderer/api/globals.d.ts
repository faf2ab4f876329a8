import type { PosEvents } from '../../shared/ipc/client';
import type { PosApi } from '../../shared/ipc/contract';

declare global {
  interface Window {
    /** Present only under Electron, exposed by the preload. */
    pos?: PosApi;
    posEvents?: PosEvents;
  }
}

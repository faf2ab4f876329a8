import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { allChannelNames } from '../../../shared/ipc/channels';
import type { IpcResult, TransportReason } from '../../../shared/ipc/contract';
import { err } from '../../../shared/result';
import type { Dispatch } from '../../ipc/dispatcher';
import { isAppUrl } from '../../security';

type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame'>;

/** Refuses any call whose frame is not our own app:// page, then hands the raw argument to the core. */
export function createIpcGuard(dispatch: Dispatch) {
  return (event: SenderEvent, channel: string, request: unknown): Promise<IpcResult<unknown>> => {
    if (!isAppUrl(event.senderFrame?.url)) {
      return Promise.resolve(err<TransportReason>('FORBIDDEN', 'This window may not use the terminal.'));
    }
    return dispatch(channel, request);
  };
}

export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  dispatch: Dispatch,
): () => void {
  const guard = createIpcGuard(dispatch);
  for (const channel of allChannelNames) {
    ipcMain.handle(channel, (event, request: unknown) => guard(event, channel, request));
  }
  return () => {
    for (const channel of allChannelNames) ipcMain.removeHandler(channel);
  };
}

import { channels as c } from '../../shared/ipc/channels';
import { ok } from '../../shared/result';
import type { DoorService } from '../services/door/door-service';
import type { Handlers } from './dispatcher';

type DoorChannel = (typeof c.door)[keyof typeof c.door];

/** Door mode's channels; every one needs tickets.check (access.ts), checked before these run. */
export function createDoorHandlers(door: DoorService): Pick<Handlers, DoorChannel> {
  return {
    [c.door.performances]: () => ok(door.performances()),
    [c.door.current]: () => ok(door.current()),
    [c.door.open]: (r, a) => door.open(a, r),
    [c.door.scan]: (r, a) => door.scan(a, r.text),
    [c.door.counts]: () => door.counts(),
  };
}

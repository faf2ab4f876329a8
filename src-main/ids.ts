import { v7 } from 'uuid';

/** Client-made ids are UUIDv7: unique without the server, and ordered by creation time. */
export function newId(): string {
  return v7();
}

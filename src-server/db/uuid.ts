// Ids the server stores in UUID columns. A terminal can send others (a demo terminal's "staff-sam"), and
// PostgreSQL refuses those in a UUID comparison with an error that would abort the whole transaction:
// such ids are answered "not found" before any query sees them.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(id: string): boolean {
  return UUID.test(id);
}

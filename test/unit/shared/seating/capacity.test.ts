import { describe, expect, it } from 'vitest';
import { gaCapacity, mapCapacity, sellableSeats } from '../../../../shared/seating/capacity';
import { makeHall } from '../../../fixtures/seat-maps';

describe('seat-map capacity', () => {
  it('counts every seat but the kill ones, plus the GA area', () => {
    const hall = makeHall({ seats: 2000, gaCapacity: 150, kill: 4 });
    const seats = hall.seats.map((s) => ({ hold: s.hold ?? null }));
    const sections = hall.sections.map((s) => ({ kind: s.kind, capacity: s.capacity ?? null }));
    expect(sellableSeats({ seats })).toBe(1996);
    expect(gaCapacity({ sections })).toBe(150);
    expect(mapCapacity({ seats, sections })).toBe(2146);
  });

  it('has no GA capacity without a GA area, and house or press holds still count', () => {
    const map = {
      sections: [{ kind: 'seated' as const, capacity: null }],
      seats: [
        { hold: 'house' as const },
        { hold: 'press' as const },
        { hold: null },
        { hold: 'kill' as const },
      ],
    };
    expect(gaCapacity(map)).toBe(0);
    expect(mapCapacity(map)).toBe(3);
  });
});

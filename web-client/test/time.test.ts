import { describe, expect, it } from 'vitest';
import {
  durationMinutes,
  formatDateRange,
  formatShortDay,
  formatTime,
  localDayKey,
  timeZoneLabel,
} from '../src/lib/time';

const START = '2026-01-15T07:00:00Z';

/** ICU versions differ in which spaces they use (U+00A0, U+202F); compare the words. */
const norm = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatTime', () => {
  it('shows Moscow time in Russian', () => {
    expect(formatTime(START, { locale: 'ru-RU', timeZone: 'Europe/Moscow' })).toBe('10:00');
  });

  it("shows the reader's own zone: Vladivostok is UTC+10", () => {
    expect(formatTime(START, { locale: 'ru-RU', timeZone: 'Asia/Vladivostok' })).toBe('17:00');
  });

  it('uses a 24-hour clock in British English', () => {
    expect(formatTime('2026-01-15T14:05:00Z', { locale: 'en-GB', timeZone: 'UTC' })).toBe('14:05');
  });

  it('uses the 12-hour clock an American reader expects', () => {
    expect(norm(formatTime('2026-01-15T14:05:00Z', { locale: 'en-US', timeZone: 'America/New_York' }))).toBe('9:05 AM');
  });
});

describe('dates', () => {
  it('writes a one-day event as one date', () => {
    expect(norm(formatDateRange(START, '2026-01-15T12:00:00Z', { locale: 'ru-RU', timeZone: 'Europe/Moscow' }))).toBe(
      '15 января 2026 г.',
    );
    expect(norm(formatDateRange(START, '2026-01-15T12:00:00Z', { locale: 'en-GB', timeZone: 'Europe/Moscow' }))).toBe(
      '15 January 2026',
    );
  });

  it('writes a two-day event as a range', () => {
    expect(norm(formatDateRange(START, '2026-01-16T12:00:00Z', { locale: 'ru-RU', timeZone: 'Europe/Moscow' }))).toBe(
      '15–16 января 2026 г.',
    );
  });

  it('gives the short day of a session', () => {
    expect(norm(formatShortDay(START, { locale: 'ru-RU', timeZone: 'Europe/Moscow' }))).toBe('15 янв.');
    expect(norm(formatShortDay(START, { locale: 'en-GB', timeZone: 'Europe/Moscow' }))).toBe('15 Jan');
  });

  it('finds the local calendar day', () => {
    expect(localDayKey('2026-01-15T20:00:00Z', 'Europe/Moscow')).toBe('2026-01-15');
    expect(localDayKey('2026-01-15T20:00:00Z', 'Asia/Vladivostok')).toBe('2026-01-16');
  });
});

describe('durationMinutes', () => {
  it('counts whole minutes', () => {
    expect(durationMinutes(START, '2026-01-15T08:30:00Z')).toBe(90);
  });

  it('is never negative', () => {
    expect(durationMinutes('2026-01-15T08:30:00Z', START)).toBe(0);
  });
});

describe('timeZoneLabel', () => {
  it('names the zone and its offset', () => {
    const at = new Date(START);
    expect(norm(timeZoneLabel({ locale: 'ru-RU', timeZone: 'Europe/Moscow' }, at))).toBe('Москва, стандартное время (GMT+3)');
    expect(timeZoneLabel({ locale: 'en-GB', timeZone: 'Asia/Vladivostok' }, at)).toMatch(/Vladivostok.*\(GMT\+10\)$/);
  });
});

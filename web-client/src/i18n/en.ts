import type { Messages } from './messages';

const plural = (n: number, one: string, other: string) => (n === 1 ? one : other);

export const en: Messages = {
  lang: 'en',
  languageName: 'English',
  defaultLocale: 'en-GB',

  app: {
    name: 'Veche',
    skipToContent: 'Skip to the programme',
    loading: 'Loading the forum programme…',
  },

  language: {
    label: 'Interface language',
  },

  agenda: {
    heading: 'Programme',
    hallsNav: 'Halls',
    summary: (halls, sessions) =>
      `${halls} ${plural(halls, 'hall', 'halls')} · ${sessions} ${plural(sessions, 'session', 'sessions')}`,
    timeZoneNote: (zone) => `Times are shown in your time zone: ${zone}`,
    emptyHall: 'No sessions in this hall yet.',
    emptyEvent: 'The forum programme has not been published yet.',
    otherHall: 'Other sessions',
    speakers: 'Speakers',
    duration: (minutes) => {
      const h = Math.floor(minutes / 60);
      const m = minutes % 60;
      if (h === 0) return `${m} min`;
      return m === 0 ? `${h} h` : `${h} h ${m} min`;
    },
    timeRange: (start, end) => `from ${start} to ${end}`,
    qaOpen: 'Questions open',
  },

  kinds: {
    plenary: 'Plenary session',
    panel: 'Panel discussion',
    round_table: 'Round table',
    presentation: 'Presentation',
    workshop: 'Workshop',
  },

  sessionState: {
    scheduled: 'Scheduled',
    live: 'Live now',
    ended: 'Ended',
  },

  streamStatus: {
    live: 'On air',
    slate: 'Stream paused',
    offline: 'No stream',
  },

  error: {
    title: 'Could not load the programme',
    network: 'Cannot reach the server. Check your internet connection and try again.',
    timeout: 'The server did not answer in time. The connection may be slow — please try again.',
    http: (status) => `The server answered with an error (code ${status}). Please try again in a minute.`,
    data: 'The server sent data that could not be read. Please try again later.',
    retry: 'Try again',
    retrying: 'Loading…',
  },
};

/**
 * Every string the interface shows, for one language. `ru.ts` and `en.ts`
 * implement it; the compiler refuses a language that lacks a string.
 * Texts that come from the server (titles, names) are never translated here.
 */
export interface Messages {
  /** BCP 47 tag written to <html lang> */
  lang: string;
  /** the language's own name, shown on its switch button */
  languageName: string;
  /** locale used for dates and times when the browser offers none in this language */
  defaultLocale: string;

  app: {
    name: string;
    skipToContent: string;
    loading: string;
  };

  language: {
    /** accessible name of the language switch group */
    label: string;
  };

  agenda: {
    /** the page's heading for the programme */
    heading: string;
    hallsNav: string;
    summary: (halls: number, sessions: number) => string;
    /** `zone` is e.g. "Москва, стандартное время (GMT+3)" */
    timeZoneNote: (zone: string) => string;
    emptyHall: string;
    emptyEvent: string;
    otherHall: string;
    speakers: string;
    duration: (minutes: number) => string;
    /** how a screen reader hears "10:00–11:30" */
    timeRange: (start: string, end: string) => string;
    qaOpen: string;
  };

  /** labels of session kinds; an unknown kind is shown as the server sent it */
  kinds: Record<string, string>;

  sessionState: {
    scheduled: string;
    live: string;
    ended: string;
  };

  streamStatus: {
    live: string;
    slate: string;
    offline: string;
  };

  error: {
    title: string;
    network: string;
    timeout: string;
    http: (status: number) => string;
    data: string;
    retry: string;
    retrying: string;
  };
}

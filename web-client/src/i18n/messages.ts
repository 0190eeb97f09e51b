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
    /** the skip link of the live pages */
    skipToMain: string;
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

  /** words shared by the live pages */
  live: {
    connecting: string;
    offline: string;
    retryNow: string;
    /** the page shows what it kept on the device: "Показано то, что было известно в 10:42." */
    keptAt: (time: string) => string;
    backToAgenda: string;
    notFound: string;
    anonymous: string;
    /** "5 голосов" */
    votes: (n: number) => string;
    edited: string;
    /** on a question others were merged into: "+2 похожих" */
    mergedCount: (n: number) => string;
    onStage: string;
    answered: string;
    clock: string;
    /** a request failed; `code` is a contract error code or `timeout` */
    requestError: (code: string) => string;
    viewers: (n: number) => string;
  };

  join: {
    title: string;
    intro: string;
    name: string;
    nameHint: string;
    code: string;
    codeHint: string;
    submit: string;
    submitting: string;
    expired: string;
    wrongCode: string;
    codeNeeded: string;
    rateLimited: string;
    tooLong: string;
    failed: string;
    as: (name: string) => string;
    asAnonymous: string;
    org: string;
    orgHint: string;
    region: string;
    regionHint: string;
    orgTooLong: string;
    unknownRegion: string;
  };

  video: {
    label: (hall: string) => string;
    status: { live: string; slate: string; offline: string };
    slateNote: string;
    offlineNote: string;
    captions: string;
    /** the picture quality menu */
    quality: string;
    auto: string;
    /** "Auto" while it plays a given rung */
    autoPlaying: (rung: string) => string;
    /** a rung by its height: 360 → "360p" */
    rung: (height: number) => string;
    audioOnly: string;
    /** over the still picture while only the sound plays */
    audioOnlyNote: string;
    /** the button that starts the player (always there until it starts; the only way with the data saver on) */
    start: string;
    /** under the start button while the data saver holds the video back */
    saverNote: string;
  };

  /** a session's recording on the participant page, with the session as it was at each moment */
  replay: {
    /** plays the recording from the beginning (a running session: the part so far) */
    fromStart: string;
    backToLive: string;
    /** the status over the picture */
    status: string;
    loading: string;
    failed: string;
    missing: string;
    /** what the questions and polls beside the recording are */
    note: string;
    /** the scrubber's name */
    position: string;
    /** how the scrubber's value is read: "12:05 of 1:30:00, 10:42 in the hall" */
    positionText: (elapsed: string, total: string, clock: string) => string;
    moments: string;
    highlight: (text: string) => string;
    poll: (question: string) => string;
    /** a stretch the hall was on the slate, which the recording does not have */
    gap: (from: string, to: string) => string;
    /** how a transcript line reads to a screen reader: it is a button */
    seekHint: string;
  };

  /** «Экономия трафика» */
  saver: {
    toggle: string;
    offerTitle: string;
    offerText: string;
    accept: string;
    decline: string;
  };

  transcript: {
    heading: string;
    empty: string;
    /** the polite summary a screen reader hears instead of every line */
    newLines: (n: number) => string;
    download: string;
  };

  questions: {
    heading: string;
    order: string;
    popular: string;
    recent: string;
    empty: string;
    /** an ended session's replay, before its first question */
    emptyAtReplay: string;
    vote: (n: number) => string;
    unvote: (n: number) => string;
    mine: string;
    state: Record<string, string>;
    /** over a written answer without a name */
    reply: string;
    replyBy: (name: string) => string;
    /** to the author of a merged question; `text` is the question it went into, when this page knows it */
    mergedInto: (text: string | null) => string;
  };

  ask: {
    heading: string;
    label: string;
    hint: string;
    /** "12 / 500" read as "12 of 500 characters" */
    counter: (used: number, max: number) => string;
    tooLong: (over: number) => string;
    anonymous: string;
    submit: string;
    sending: string;
    sentPending: string;
    sentPublished: string;
    closed: string;
    /** over the similar questions found while typing */
    similarTitle: string;
  };

  polls: {
    heading: string;
    vote: string;
    change: string;
    voted: string;
    multiHint: string;
    results: string;
    hiddenResults: string;
    voters: (n: number) => string;
    percent: (pct: number, votes: number) => string;
    state: Record<string, string>;
    /** a formal poll: its badge, what it means, the answer once given, and why an unverified participant cannot vote */
    formal: string;
    formalHint: string;
    formalVoted: string;
    formalUnverified: string;
  };

  reactions: {
    heading: string;
    names: Record<string, string>;
  };

  staff: {
    noToken: string;
    noTokenHelp: (command: string) => string;
    badToken: string;
    pickSession: string;
    wrongRole: (role: string) => string;
  };

  moderator: {
    title: string;
    incoming: string;
    approved: string;
    answered: string;
    archived: string;
    empty: string;
    author: (name: string, anonymous: boolean) => string;
    actions: {
      approve: string;
      reject: string;
      edit: string;
      highlight: string;
      unhighlight: string;
      answer: string;
      archive: string;
      restore: string;
      merge: string;
      reply: string;
      save: string;
      cancel: string;
    };
    editLabel: string;
    /** the hint on an incoming question: its most similar question of the queue */
    similarTo: (percent: number) => string;
    mergeIntoSimilar: string;
    mergeTarget: string;
    mergeConfirm: string;
    /** a merged question in the archive list */
    mergedInto: (text: string | null) => string;
    replyLabel: string;
    sendReply: string;
    shortcuts: string;
    shortcutsHelp: [string, string][];
    controls: string;
    qa: string;
    qaOpen: string;
    qaClosed: string;
    moderation: string;
    pre: string;
    post: string;
    sessionState: string;
    goLive: string;
    end: string;
    exportCsv: string;
    exportAudit: string;
    exportFailed: string;
    pollBuilder: string;
    pollQuestion: string;
    pollOption: (n: number) => string;
    addOption: string;
    removeOption: (n: number) => string;
    multi: string;
    liveResults: string;
    formal: string;
    createPoll: string;
    openPoll: string;
    closePoll: string;
    revealResults: string;
    polls: string;
    done: string;
  };

  /** where people come from (contract 7.1): the staff's region panel, filter and badges */
  regions: {
    panel: string;
    summary: (participants: number, regions: number, askers: number) => string;
    region: string;
    participants: string;
    askers: string;
    none: string;
    empty: string;
    more: (n: number) => string;
    failed: string;
    filter: string;
    all: string;
    dominance: (percent: number, regions: string[]) => string;
    verified: string;
    selfDeclared: string;
  };

  speaker: {
    title: string;
    queue: string;
    empty: string;
    markAnswered: string;
    reply: string;
    replyLabel: string;
    sendReply: string;
    cancel: string;
  };

  screen: {
    title: string;
    askHere: string;
    noQuestion: string;
    qrLabel: (url: string) => string;
  };

  caption: {
    title: string;
    input: string;
    hint: string;
    speaker: string;
    language: string;
    lastLines: string;
    sending: string;
    sent: string;
    failed: string;
    empty: string;
  };
}

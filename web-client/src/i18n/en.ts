import type { Messages } from './messages';

const plural = (n: number, one: string, other: string) => (n === 1 ? one : other);

export const en: Messages = {
  lang: 'en',
  languageName: 'English',
  defaultLocale: 'en-GB',

  app: {
    name: 'Veche',
    skipToContent: 'Skip to the programme',
    skipToMain: 'Skip to the main content',
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

  live: {
    connecting: 'Connecting…',
    offline: 'No connection to the server. Reconnecting…',
    retryNow: 'Retry now',
    keptAt: (time) => `Showing what was known at ${time}.`,
    backToAgenda: 'Programme',
    notFound: 'There is no such session in the programme.',
    anonymous: 'Anonymous',
    votes: (n) => `${n} ${plural(n, 'vote', 'votes')}`,
    mergedCount: (n) => `+${n} similar`,
    edited: 'edited by a moderator',
    onStage: 'On stage now',
    answered: 'Answered',
    clock: 'Current time',
    requestError: (code) => {
      switch (code) {
        case 'closed':
          return 'Questions are closed.';
        case 'too_long':
          return 'The text is too long.';
        case 'rate_limited':
          return 'Too fast. Please wait a moment and try again.';
        case 'forbidden':
          return 'You are not allowed to do this.';
        case 'not_found':
          return 'Already removed or not found.';
        case 'timeout':
          return 'The server did not answer in time. Please try again.';
        case 'bad_request':
          return 'The server did not accept the request.';
        default:
          return 'That did not work. Please try again.';
      }
    },
    viewers: (n) => `${n} ${plural(n, 'viewer', 'viewers')}`,
  },

  join: {
    title: 'Join',
    intro: 'To ask questions, vote and answer polls, introduce yourself. The name is optional.',
    name: 'Name',
    nameHint: 'Optional. Other participants see it next to your questions.',
    code: 'Access code',
    codeHint: 'The forum organisers give out the code.',
    submit: 'Join',
    submitting: 'Joining…',
    expired: 'Your sign-in has expired. Please join again.',
    wrongCode: 'Wrong access code.',
    codeNeeded: 'This forum needs an access code.',
    rateLimited: 'Too many attempts. Please wait a minute.',
    tooLong: 'The name is too long.',
    failed: 'Could not join. Check your connection and try again.',
    as: (name) => `You take part as ${name}`,
    asAnonymous: 'You take part without a name',
    org: 'Municipality or organisation',
    orgHint: 'Optional. Only moderators and speakers see it.',
    region: 'Region',
    regionHint: 'Optional. Start typing and pick from the list.',
    orgTooLong: 'The municipality name is too long.',
    unknownRegion: 'That region is not on the list. Pick one of the suggestions.',
  },

  video: {
    label: (hall) => `Live stream: ${hall}`,
    status: { live: 'On air', slate: 'Stream paused', offline: 'No stream' },
    slateNote: 'The stream will resume shortly.',
    offlineNote: 'This hall is not streaming right now.',
    captions: 'Captions',
    quality: 'Quality',
    auto: 'Auto',
    autoPlaying: (rung) => `Auto (${rung})`,
    rung: (height) => `${height}p`,
    audioOnly: 'Audio only',
    audioOnlyNote: 'Audio only: the video is not loaded',
    start: 'Watch',
    saverNote: 'Data saver: the video starts when you press Watch.',
  },

  replay: {
    fromStart: 'Watch from the start',
    backToLive: 'Back to live',
    status: 'Replay',
    loading: 'Loading the replay…',
    failed: 'The replay did not load. Check the connection and try again.',
    missing: 'This session has no recording.',
    note: 'Questions, votes and polls are shown as they were at this moment of the recording.',
    position: 'Moment of the recording',
    positionText: (elapsed, total, clock) => `${elapsed} of ${total}, ${clock} in the hall`,
    moments: 'Key moments',
    highlight: (text) => `Question on stage: ${text}`,
    poll: (question) => `Poll: ${question}`,
    gap: (from, to) => `Break in the broadcast ${from}–${to}, not recorded`,
    seekHint: 'Select a line to play the recording from there.',
  },

  saver: {
    toggle: 'Data saver',
    offerTitle: 'Slow connection?',
    offerText:
      'Turn on the data saver: the video will not start by itself and will play in the lowest quality, and reactions will not be animated. This device will remember the choice.',
    accept: 'Turn on data saver',
    decline: 'No, thanks',
  },

  transcript: {
    heading: 'Transcript',
    empty: 'The transcript appears once the talk begins.',
    newLines: (n) => `New transcript lines: ${n}`,
    download: 'Download the transcript',
  },

  questions: {
    heading: 'Questions',
    order: 'Order',
    popular: 'Popular',
    recent: 'Recent',
    empty: 'No questions yet. Ask the first one!',
    emptyAtReplay: 'No questions had been asked by this moment.',
    vote: (n) => `Support this question (now ${n})`,
    unvote: (n) => `Take back your vote (now ${n})`,
    mine: 'Your questions',
    state: {
      pending: 'Awaiting moderation',
      approved: 'Published',
      answered: 'Answered',
      rejected: 'Rejected by a moderator',
      archived: 'Archived',
      merged: 'Merged',
    },
    reply: 'Answer',
    replyBy: (name) => `Answer · ${name}`,
    mergedInto: (text) => (text ? `Your question was merged with “${text}”` : 'Your question was merged with a similar one'),
  },

  ask: {
    heading: 'Ask a question',
    label: 'Your question',
    hint: 'Short and to the point: speakers and other participants will see it.',
    counter: (used, max) => `${used} of ${max} characters`,
    tooLong: (over) => `Too long: remove ${over} ${plural(over, 'character', 'characters')}.`,
    anonymous: 'Ask anonymously',
    submit: 'Send',
    sending: 'Sending…',
    sentPending: 'Your question is sent and awaits moderation.',
    sentPublished: 'Your question is published.',
    closed: 'Questions are closed.',
    similarTitle: 'A similar question has been asked — support it',
  },

  polls: {
    heading: 'Polls',
    vote: 'Answer',
    change: 'Change answer',
    voted: 'Your answer is counted. You can change it while the poll is open.',
    multiHint: 'You may choose several options.',
    results: 'Results',
    hiddenResults: 'Results will be shown when the poll closes.',
    voters: (n) => `${n} ${plural(n, 'participant answered', 'participants answered')}`,
    percent: (pct, votes) => `${pct}% (${votes})`,
    state: { draft: 'Draft', open: 'Poll open', closed: 'Poll closed' },
    formal: 'Formal vote',
    formalHint: 'Verified delegates vote once: a vote cannot be changed, and the result is final.',
    formalVoted: 'Your vote is counted. It cannot be changed.',
    formalUnverified:
      'Only verified delegates vote here. You entered with details you gave yourself: open this page with the link from your forum registration.',
  },

  reactions: {
    heading: 'Reactions',
    names: { applause: 'Applause', heart: 'Heart', like: 'Like', laugh: 'Funny', wow: 'Wow' },
  },

  staff: {
    noToken: 'This page needs a link with an access token.',
    noTokenHelp: (command) => `Ask the organiser for one (${command}), then open this page with #token=… at the end of the address.`,
    badToken: 'The token is invalid or has expired. Please get a new link.',
    pickSession: 'Choose a session',
    wrongRole: (role) => `This token is for the role “${role}” and does not fit this page.`,
  },

  moderator: {
    title: 'Moderation',
    incoming: 'Incoming',
    approved: 'Approved',
    answered: 'Answered',
    archived: 'Archived and rejected',
    empty: 'Empty.',
    author: (name, anonymous) => (anonymous ? `${name} (anonymous)` : name),
    actions: {
      approve: 'Approve',
      reject: 'Reject',
      edit: 'Edit',
      highlight: 'On stage',
      unhighlight: 'Off stage',
      answer: 'Answered',
      archive: 'Archive',
      restore: 'Restore',
      merge: 'Merge',
      reply: 'Reply in writing',
      save: 'Save',
      cancel: 'Cancel',
    },
    editLabel: 'Question text',
    similarTo: (percent) => `Similar (${percent}%) to`,
    mergeIntoSimilar: 'Merge into it',
    mergeTarget: 'Merge into which question',
    mergeConfirm: 'Merge',
    mergedInto: (text) => (text ? `Merged into “${text}”` : 'Merged into another question'),
    replyLabel: 'Written answer',
    sendReply: 'Publish the answer',
    shortcuts: 'Keys',
    shortcutsHelp: [
      ['J / K', 'next / previous question'],
      ['A', 'approve'],
      ['R', 'reject'],
      ['H', 'on / off stage'],
      ['D', 'answered'],
      ['X', 'archive'],
      ['U', 'restore'],
      ['E', 'edit (Ctrl+Enter saves, Esc cancels)'],
      ['M', 'merge into the similar question'],
      ['W', 'reply in writing'],
    ],
    controls: 'Session controls',
    qa: 'Questions',
    qaOpen: 'Open',
    qaClosed: 'Closed',
    moderation: 'Moderation',
    pre: 'Before publishing',
    post: 'After publishing',
    sessionState: 'Session',
    goLive: 'Start',
    end: 'End',
    exportCsv: 'Download questions (CSV)',
    exportAudit: 'Download the audit trail (CSV)',
    exportFailed: 'Could not download the CSV.',
    pollBuilder: 'New poll',
    pollQuestion: 'Poll question',
    pollOption: (n) => `Option ${n}`,
    addOption: 'Add an option',
    removeOption: (n) => `Remove option ${n}`,
    multi: 'Several answers',
    liveResults: 'Show results at once',
    formal: 'Formal vote: verified delegates only, a vote cannot be changed, all in the audit',
    createPoll: 'Create poll',
    openPoll: 'Start poll',
    closePoll: 'Close poll',
    revealResults: 'Show results to everyone',
    polls: 'Polls',
    done: 'Done.',
  },

  regions: {
    panel: 'Regions',
    summary: (participants, regions, askers) =>
      `${participants} ${plural(participants, 'participant', 'participants')} from ` +
      `${regions} ${plural(regions, 'region', 'regions')} · ${askers} asked`,
    region: 'Region',
    participants: 'Participants',
    askers: 'Asked',
    none: 'No region given',
    empty: 'Nobody has joined yet.',
    more: (n) => `and ${n} more ${plural(n, 'region', 'regions')}`,
    failed: 'Could not refresh the regions.',
    filter: 'Questions from',
    all: 'All regions',
    dominance: (percent, regions) =>
      `${percent}% of the approved questions come from ${regions.join(' and ')}. Look for questions from other regions.`,
    verified: 'verified',
    selfDeclared: 'self-declared',
  },

  speaker: {
    title: 'Questions for the speaker',
    queue: 'Question queue',
    empty: 'No approved questions yet.',
    markAnswered: 'Answered',
    reply: 'Reply in writing',
    replyLabel: 'Written answer',
    sendReply: 'Publish',
    cancel: 'Cancel',
  },

  screen: {
    title: 'Hall screen',
    askHere: 'Ask a question',
    noQuestion: 'Ask your questions — the best will be put to the stage.',
    qrLabel: (url) => `QR code of ${url}`,
  },

  caption: {
    title: 'Transcript input',
    input: 'Current line',
    hint: 'Type — participants see the line as it grows. Enter finishes the line.',
    speaker: 'Speaker',
    language: 'Language',
    lastLines: 'Last lines',
    sending: 'sending',
    sent: 'stored',
    failed: 'not sent',
    empty: 'Nothing sent yet.',
  },
};

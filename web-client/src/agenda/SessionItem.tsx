import type { ForumSession } from '../api/types';
import { kindLabel, sessionStateLabel } from '../i18n';
import { useI18n } from '../i18n/context';
import { langAttr, typeset } from '../lib/text';
import { followLink, sessionHref } from '../lib/route';
import { durationMinutes, formatShortDay, formatTime } from '../lib/time';

interface Props {
  session: ForumSession;
  /** prefix the time with the date: the event spans several days */
  showDate: boolean;
  /** unique within the page, for aria-labelledby */
  domId: string;
}

export function SessionItem({ session, showDate, domId }: Props) {
  const { t, lang, locale, timeZone } = useI18n();
  const fmt = { locale, timeZone };
  const start = formatTime(session.starts_at, fmt);
  const end = formatTime(session.ends_at, fmt);
  const day = showDate ? formatShortDay(session.starts_at, fmt) : null;
  const minutes = durationMinutes(session.starts_at, session.ends_at);
  const state = sessionStateLabel(t, session.state);
  const titleId = `${domId}-title`;
  // "scheduled" is the normal case: saying so on every card is noise.
  const showState = state !== null && session.state !== 'scheduled';
  const showQa = session.qa_open && session.state !== 'ended';

  return (
    <li class="session" data-state={session.state} data-session-id={session.id}>
      <article class="session__card" aria-labelledby={titleId}>
        <div class="session__when">
          {day !== null && <span class="session__day">{day}</span>}
          <span class="visually-hidden">{t.agenda.timeRange(start, end)}</span>
          <span class="session__times" aria-hidden="true">
            <time class="session__start" dateTime={session.starts_at}>
              {start}
            </time>
            <span class="session__dash">–</span>
            <time class="session__end" dateTime={session.ends_at}>
              {end}
            </time>
          </span>
          {minutes > 0 && <span class="session__duration">{t.agenda.duration(minutes)}</span>}
        </div>
        <div class="session__body">
          {session.kind !== '' && <p class="session__kind">{kindLabel(t, session.kind)}</p>}
          <h3 class="session__title" id={titleId} lang={langAttr(session.title, lang)}>
            <a class="session__link" href={sessionHref(session.id)} onClick={(e) => followLink(e, sessionHref(session.id))}>
              {typeset(session.title)}
            </a>
          </h3>
          {session.speakers.length > 0 && (
            <ul class="speakers" aria-label={t.agenda.speakers}>
              {session.speakers.map((speaker, index) => (
                <li class="speaker" key={index}>
                  <span class="speaker__name" lang={langAttr(speaker.name, lang)}>
                    {speaker.name}
                  </span>
                  {speaker.title !== '' && (
                    <span class="speaker__title" lang={langAttr(speaker.title, lang)}>
                      {typeset(speaker.title)}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
          {(showState || showQa) && (
            <p class="session__badges">
              {showState && (
                <span class={`badge badge--state-${session.state}`}>
                  {session.state === 'live' && <span class="live-dot" aria-hidden="true" />}
                  {state}
                </span>
              )}
              {showQa && <span class="badge badge--qa">{t.agenda.qaOpen}</span>}
            </p>
          )}
        </div>
      </article>
    </li>
  );
}

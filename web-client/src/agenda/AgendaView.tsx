import type { ForumEvent } from '../api/types';
import { useI18n } from '../i18n/context';
import { langAttr, typeset } from '../lib/text';
import { formatDateRange, timeZoneLabel } from '../lib/time';
import { HallSection } from './HallSection';
import { eventSpan, groupByHall, spansSeveralDays } from './model';

interface Props {
  event: ForumEvent;
}

/** The forum's programme: a header with the event, a jump list of halls, then each hall's sessions. */
export function AgendaView({ event }: Props) {
  const { t, lang, locale, timeZone } = useI18n();
  const fmt = { locale, timeZone };
  const groups = groupByHall(event);
  const span = eventSpan(event.sessions);
  const showDates = spansSeveralDays(event.sessions, timeZone);
  const anchors = groups.map((_, index) => `hall-${index + 1}`);

  return (
    <>
      <div class="event-header">
        <div class="container">
          {span !== null && (
            <p class="event-header__dates">
              <time dateTime={span.start}>{formatDateRange(span.start, span.end, fmt)}</time>
            </p>
          )}
          <h1 class="event-header__title" lang={langAttr(event.title, lang)}>
            {typeset(event.title)}
          </h1>
          <p class="event-header__summary">{t.agenda.summary(event.halls.length, event.sessions.length)}</p>
        </div>
      </div>

      {groups.length > 1 && (
        <nav class="hall-nav" aria-label={t.agenda.hallsNav}>
          <div class="container">
            <ul class="hall-nav__list">
              {groups.map((group, index) => (
                <li key={anchors[index]}>
                  <a
                    class="hall-nav__link"
                    href={`#${anchors[index]}`}
                    lang={group.hall ? langAttr(group.hall.name, lang) : undefined}
                  >
                    {group.hall?.name ?? t.agenda.otherHall}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        </nav>
      )}

      <div class="container agenda" id="agenda" tabIndex={-1}>
        {event.sessions.length > 0 && <p class="agenda__tz">{t.agenda.timeZoneNote(timeZoneLabel(fmt))}</p>}
        {groups.length === 0 ? (
          <p class="agenda__empty">{t.agenda.emptyEvent}</p>
        ) : (
          groups.map((group, index) => (
            <HallSection key={anchors[index]} group={group} anchor={anchors[index]!} showDates={showDates} />
          ))
        )}
      </div>
    </>
  );
}

import { streamStatusLabel } from '../i18n';
import { useI18n } from '../i18n/context';
import { langAttr, typeset } from '../lib/text';
import type { HallAgenda } from './model';
import { SessionItem } from './SessionItem';

interface Props {
  group: HallAgenda;
  /** the page anchor of this hall, e.g. "hall-1" */
  anchor: string;
  showDates: boolean;
}

export function HallSection({ group, anchor, showDates }: Props) {
  const { t, lang } = useI18n();
  const name = group.hall?.name ?? t.agenda.otherHall;
  const headingId = `${anchor}-title`;
  const status = group.hall?.stream?.status ?? null;
  const statusLabel = status === null ? null : streamStatusLabel(t, status);

  return (
    <section class="hall" id={anchor} aria-labelledby={headingId} data-hall-id={group.hall?.id}>
      <header class="hall__header">
        <h2 class="hall__name" id={headingId} lang={langAttr(name, lang)}>
          {typeset(name)}
        </h2>
        {statusLabel !== null && (
          <span class={`stream-status stream-status--${status}`}>
            <span class="stream-status__dot" aria-hidden="true" />
            {statusLabel}
          </span>
        )}
      </header>
      {group.sessions.length > 0 ? (
        <ol class="sessions">
          {group.sessions.map((session, index) => (
            <SessionItem key={session.id} session={session} showDate={showDates} domId={`${anchor}-s${index}`} />
          ))}
        </ol>
      ) : (
        <p class="hall__empty">{t.agenda.emptyHall}</p>
      )}
    </section>
  );
}

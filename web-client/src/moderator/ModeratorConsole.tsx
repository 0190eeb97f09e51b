import type { VNode } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { downloadCsv } from '../api/csv';
import type { ForumSession } from '../api/types';
import { Clock } from '../components/Clock';
import { RegionPanel } from '../components/RegionPanel';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { BadToken } from '../components/StaffGate';
import { useStaffLive } from '../components/useLive';
import { useI18n } from '../i18n/context';
import { RequestError } from '../lib/connection';
import type { ModerateAction, Question, Request, SessionAction } from '../lib/protocol';
import { moderatorBuckets } from '../lib/queue';
import { NO_REGION, regionCounts, regionDominance, regionOf } from '../lib/regions';
import { langAttr, typeset } from '../lib/text';
import { isPanel, SHORTCUTS, type Panel } from './actions';
import { PollBuilder } from './PollBuilder';
import { QuestionCard, type ActionDetails } from './QuestionCard';
import { SessionControls } from './SessionControls';

interface Props {
  token: string;
  session: ForumSession;
}

function typingIn(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/** Moves focus to the next (or previous) question card in page order. */
function moveFocus(from: Element | null, step: 1 | -1): void {
  const cards = [...document.querySelectorAll<HTMLElement>('.mod-q')];
  const index = from ? cards.indexOf(from as HTMLElement) : -1;
  const next = cards[Math.max(0, Math.min(cards.length - 1, index + step))] ?? null;
  next?.focus();
}

export function ModeratorConsole({ token, session: agendaSession }: Props) {
  const { t, lang } = useI18n();
  const { live, value } = useStaffLive(agendaSession.id, token);
  const [open, setOpen] = useState<{ id: string; panel: Panel } | null>(null);
  const [focused, setFocused] = useState<string | null>(null);
  const [flash, setFlash] = useState('');
  /** the incoming list shows one region's questions (NO_REGION: those without one), or all */
  const [regionFilter, setRegionFilter] = useState<string | null>(null);
  const state = value?.state;
  const session = state?.session ?? agendaSession;
  const questions = useMemo(() => Object.values(state?.questions ?? {}), [state?.questions]);
  const buckets = moderatorBuckets(questions);
  const polls = Object.values(state?.polls ?? {});

  useEffect(() => {
    document.title = `${t.moderator.title}: ${session.title}`;
  }, [t, session.title]);

  const run = async (request: Request) => {
    try {
      await live.request(request);
      return true;
    } catch (cause) {
      setFlash(t.live.requestError(cause instanceof RequestError ? cause.code : 'internal'));
      return false;
    }
  };
  const act = (q: Question, action: ModerateAction, details: ActionDetails = {}) => {
    setFlash('');
    void run({ type: 'moderate', question: q.id, action, ...details });
  };
  const openPanel = (id: string | null, panel: Panel = 'edit') => setOpen(id === null ? null : { id, panel });
  const control = (action: SessionAction) => void run({ type: 'session_control', session: session.id, action });
  // The key handler is installed once; it calls the latest `act` (current language for errors).
  const actRef = useRef(act);
  actRef.current = act;

  // The fast path: J/K to move, one letter to act on the focused question.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target)) return;
      const card = (document.activeElement as HTMLElement | null)?.closest('.mod-q') ?? null;
      const key = e.key.toLowerCase();
      if (key === 'j' || key === 'k') {
        e.preventDefault();
        moveFocus(card, key === 'j' ? 1 : -1);
        return;
      }
      const pick = SHORTCUTS[key];
      const q = card ? live.value.state.questions[(card as HTMLElement).dataset.questionId ?? ''] : undefined;
      if (!pick || !q) return;
      e.preventDefault();
      const action = pick(q);
      // M with a similar question at hand merges into it at once; otherwise it opens the choice.
      if (action === 'merge' && q.state === 'pending' && q.similar_to && live.value.state.questions[q.similar_to.id]) {
        actRef.current(q, 'merge', { into: q.similar_to.id });
        return;
      }
      if (isPanel(action)) {
        setOpen({ id: q.id, panel: action });
        return;
      }
      // The card leaves its list once the server confirms: keep the keyboard in the list.
      const sibling = (card!.nextElementSibling ?? card!.previousElementSibling) as HTMLElement | null;
      actRef.current(q, action);
      sibling?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [live]);

  if (value?.status === 'unauthorized') return <BadToken />;

  const incomingRegions = regionCounts(buckets.incoming);
  const filter = regionFilter !== null && incomingRegions.some((r) => r.region === regionFilter) ? regionFilter : null;
  const incoming = filter === null ? buckets.incoming : buckets.incoming.filter((q) => regionOf(q) === filter);
  const dominance = regionDominance(buckets.approved);
  const all = [...incoming, ...buckets.approved, ...buckets.answered, ...buckets.archived];
  const queue = [...buckets.approved, ...buckets.answered];
  const lookup = (id: string) => state?.questions[id];
  // The similar question first: the likeliest target.
  const mergeTargets = (q: Question) =>
    queue
      .filter((x) => x.id !== q.id)
      .sort((a, b) => Number(b.id === q.similar_to?.id) - Number(a.id === q.similar_to?.id));
  const tabStop = focused && all.some((q) => q.id === focused) ? focused : (all[0]?.id ?? null);
  const column = (key: 'incoming' | 'approved' | 'answered' | 'archived', list: Question[], extra?: VNode | null) => (
    <section class={`card mod-col mod-col--${key}`} aria-labelledby={`col-${key}`}>
      <h2 id={`col-${key}`} class="card__title">
        {t.moderator[key]} <span class="count">{list.length}</span>
      </h2>
      {extra}
      {list.length === 0 ? (
        <p class="card__text">{t.moderator.empty}</p>
      ) : (
        <ul class="mod-list">
          {list.map((q) => (
            <QuestionCard
              key={q.id}
              question={q}
              panel={open?.id === q.id ? open.panel : null}
              tabStop={tabStop === q.id}
              lookup={lookup}
              mergeTargets={open?.id === q.id && open.panel === 'merge' ? mergeTargets(q) : []}
              onAction={act}
              onPanel={openPanel}
              onFocus={setFocused}
            />
          ))}
        </ul>
      )}
    </section>
  );

  return (
    <>
      {value && <ConnectionBanner status={value.status} onRetry={() => live.retryNow()} />}
      <div class="container container--wide mod">
        <header class="staff-head">
          <h1 class="staff-head__title" lang={langAttr(session.title, lang)}>
            {typeset(session.title)}
          </h1>
          <Clock />
        </header>
        <SessionControls
          session={session}
          viewers={state?.viewers ?? null}
          onControl={control}
          onExport={(kind) => downloadCsv(kind, session.id, token).catch(() => setFlash(t.moderator.exportFailed))}
        />
        <RegionPanel sessionId={session.id} token={token} changeKey={questions.length} />
        <p class="flash" role="status">
          {flash}
        </p>
        <div class="mod-grid">
          {column(
            'incoming',
            incoming,
            incomingRegions.length > 1 || filter !== null ? (
              <div class="field field--inline mod-filter">
                <label for="region-filter">{t.regions.filter}</label>
                <select
                  id="region-filter"
                  class="input input--small"
                  value={filter ?? '*'}
                  onChange={(e) => setRegionFilter(e.currentTarget.value === '*' ? null : e.currentTarget.value)}
                >
                  <option value="*">
                    {t.regions.all} ({buckets.incoming.length})
                  </option>
                  {incomingRegions.map((r) => (
                    <option key={r.region} value={r.region}>
                      {r.region === NO_REGION ? t.regions.none : r.region} ({r.count})
                    </option>
                  ))}
                </select>
              </div>
            ) : null,
          )}
          {column(
            'approved',
            buckets.approved,
            dominance && (
              <p class="mod-hint" role="note">
                {t.regions.dominance(Math.round(dominance.share * 100), dominance.regions)}
              </p>
            ),
          )}
          {column('answered', buckets.answered)}
          {column('archived', buckets.archived)}
        </div>
        <PollBuilder
          polls={polls}
          onCreate={(p) => run({ type: 'poll_create', session: session.id, ...p })}
          onControl={(poll, action) => void run({ type: 'poll_control', poll: poll.id, action })}
        />
        <details class="card shortcuts">
          <summary>{t.moderator.shortcuts}</summary>
          <dl class="shortcuts__list">
            {t.moderator.shortcutsHelp.map(([keys, what]) => (
              <div key={keys}>
                <dt>
                  <kbd>{keys}</kbd>
                </dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
        </details>
      </div>
    </>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import type { ForumSession } from '../api/types';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { PageFrame, usePageI18n } from '../components/PageFrame';
import { BadToken, StaffGate } from '../components/StaffGate';
import { useStaffLive } from '../components/useLive';
import { LANGS, LANGUAGES } from '../i18n';
import { useI18n } from '../i18n/context';
import { randomId } from '../lib/ids';
import { langAttr, typeset } from '../lib/text';

/** Partial lines go out at most this often while the captioner types; the last keystroke is always sent. */
export const PARTIAL_EVERY_MS = 150;
const KEEP_LINES = 8;

export function CaptionApp() {
  const i18n = usePageI18n();
  return (
    <PageFrame i18n={i18n} barLabel={i18n.t.caption.title}>
      <StaffGate role="captioner" accepts={['captioner', 'moderator', 'admin']}>
        {({ token, session }) => <CaptionConsole key={session.id} token={token!} session={session} />}
      </StaffGate>
    </PageFrame>
  );
}

interface Line {
  id: string;
  text: string;
  status: 'sending' | 'sent' | 'failed';
}

function CaptionConsole({ token, session }: { token: string; session: ForumSession }) {
  const { t, lang } = useI18n();
  // The captioner only sends: no subscription, no snapshot to wait for.
  const { live, value } = useStaffLive(session.id, token, false);
  const [text, setText] = useState('');
  const [speaker, setSpeaker] = useState('');
  const [lineLang, setLineLang] = useState<string>(lang);
  const [lines, setLines] = useState<Line[]>([]);
  const current = useRef<{ id: string; startMs: number } | null>(null);
  const lastPartial = useRef(0);
  const partialTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    document.title = `${t.caption.title}: ${session.title}`;
  }, [t, session.title]);
  useEffect(() => () => void (partialTimer.current && clearTimeout(partialTimer.current)), []);

  const segment = (body: string, final: boolean) => ({
    type: 'transcript' as const,
    session: session.id,
    id: current.current!.id,
    text: body,
    final,
    start_ms: current.current!.startMs,
    ...(final ? { end_ms: Date.now() } : {}),
    ...(speaker.trim() ? { speaker: speaker.trim() } : {}),
    lang: lineLang,
  });

  const sendPartial = (body: string) => {
    partialTimer.current = null;
    lastPartial.current = Date.now();
    if (current.current) live.send(segment(body, false));
  };

  const onInput = (body: string) => {
    setText(body);
    current.current ??= { id: randomId(), startMs: Date.now() };
    if (partialTimer.current) clearTimeout(partialTimer.current);
    const wait = PARTIAL_EVERY_MS - (Date.now() - lastPartial.current);
    if (wait <= 0) sendPartial(body);
    else partialTimer.current = setTimeout(() => sendPartial(body), wait);
  };

  const finish = () => {
    const body = text.trim();
    if (!body || !current.current) return;
    if (partialTimer.current) clearTimeout(partialTimer.current);
    partialTimer.current = null;
    const request = segment(body, true);
    const line: Line = { id: request.id, text: body, status: 'sending' };
    setLines((prev) => [...prev, line].slice(-KEEP_LINES));
    const mark = (status: Line['status']) => setLines((prev) => prev.map((l) => (l.id === line.id ? { ...l, status } : l)));
    live.request(request).then(
      () => mark('sent'),
      () => mark('failed'),
    );
    current.current = null;
    setText('');
  };

  if (value?.status === 'unauthorized') return <BadToken />;

  return (
    <>
      {value && <ConnectionBanner status={value.status} onRetry={() => live.retryNow()} />}
      <div class="container caption">
        <header class="staff-head">
          <h1 class="staff-head__title" lang={langAttr(session.title, lang)}>
            {typeset(session.title)}
          </h1>
        </header>
        <section class="card" aria-labelledby="caption-lines">
          <h2 id="caption-lines" class="card__title">
            {t.caption.lastLines}
          </h2>
          {lines.length === 0 ? (
            <p class="card__text">{t.caption.empty}</p>
          ) : (
            <ol class="caption__lines">
              {lines.map((l) => (
                <li key={l.id} class={`caption__line caption__line--${l.status}`} data-status={l.status}>
                  <span class="caption__text">{l.text}</span>
                  <span class="caption__status">{t.caption[l.status]}</span>
                </li>
              ))}
            </ol>
          )}
        </section>
        <form
          class="card form caption__form"
          onSubmit={(e) => e.preventDefault()}
        >
          <div class="field">
            <label for="caption-input">{t.caption.input}</label>
            <input
              id="caption-input"
              class="input caption__input"
              type="text"
              autoComplete="off"
              spellcheck={false}
              value={text}
              aria-describedby="caption-hint"
              onInput={(e) => onInput(e.currentTarget.value)}
              // Enter finishes the line (the form has other fields, so no implicit submit).
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.isComposing) {
                  e.preventDefault();
                  finish();
                }
              }}
            />
            <p id="caption-hint" class="field__hint">
              {t.caption.hint}
            </p>
          </div>
          <div class="caption__options">
            <div class="field">
              <label for="caption-speaker">{t.caption.speaker}</label>
              <input id="caption-speaker" class="input" value={speaker} onInput={(e) => setSpeaker(e.currentTarget.value)} />
            </div>
            <div class="field">
              <label for="caption-lang">{t.caption.language}</label>
              <select id="caption-lang" class="input" value={lineLang} onChange={(e) => setLineLang(e.currentTarget.value)}>
                {LANGS.map((l) => (
                  <option key={l} value={l} lang={l}>
                    {LANGUAGES[l].name}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </form>
      </div>
    </>
  );
}

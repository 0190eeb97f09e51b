import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/context';
import { join, JoinError, saveIdentity, type Identity } from '../lib/auth';

interface Props {
  onJoined: (identity: Identity) => void;
  /** the earlier token stopped working */
  expired: boolean;
}

/** Joining: an optional name and, when the event needs one (the server answers 403), the access code. */
export function JoinCard({ onJoined, expired }: Props) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [needCode, setNeedCode] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(expired ? t.join.expired : null);
  const codeInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (needCode) codeInput.current?.focus();
  }, [needCode]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const identity = await join({ name, code });
      saveIdentity(identity);
      onJoined(identity);
    } catch (cause) {
      const kind = cause instanceof JoinError ? cause.kind : 'network';
      if (kind === 'code') {
        setError(needCode ? t.join.wrongCode : t.join.codeNeeded);
        setNeedCode(true);
      } else {
        setError(kind === 'rate_limited' ? t.join.rateLimited : kind === 'too_long' ? t.join.tooLong : t.join.failed);
      }
      setBusy(false);
    }
  };

  return (
    <section class="card join" aria-labelledby="join-title">
      <h2 id="join-title" class="card__title">
        {t.join.title}
      </h2>
      <p class="card__text">{t.join.intro}</p>
      <form class="form" onSubmit={submit} noValidate>
        <div class="field">
          <label for="join-name">{t.join.name}</label>
          <input
            id="join-name"
            class="input"
            type="text"
            autoComplete="name"
            maxLength={200}
            value={name}
            aria-describedby="join-name-hint"
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <p id="join-name-hint" class="field__hint">
            {t.join.nameHint}
          </p>
        </div>
        {needCode && (
          <div class="field">
            <label for="join-code">{t.join.code}</label>
            <input
              id="join-code"
              class="input"
              type="text"
              autoComplete="one-time-code"
              value={code}
              aria-describedby="join-code-hint"
              aria-invalid={error === t.join.wrongCode}
              onInput={(e) => setCode(e.currentTarget.value)}
              ref={codeInput}
            />
            <p id="join-code-hint" class="field__hint">
              {t.join.codeHint}
            </p>
          </div>
        )}
        {error && (
          <p class="form__error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="button button--primary" aria-disabled={busy}>
          {busy ? t.join.submitting : t.join.submit}
        </button>
      </form>
    </section>
  );
}

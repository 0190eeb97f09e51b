import { useEffect, useRef, useState } from 'preact/hooks';
import { fetchRegions } from '../api/regions';
import { useI18n } from '../i18n/context';
import { join, JoinError, loadProfile, saveIdentity, saveProfile, type Identity } from '../lib/auth';

interface Props {
  onJoined: (identity: Identity) => void;
  /** the earlier token stopped working */
  expired: boolean;
}

/**
 * Joining: an optional name, municipality and region (a searchable list of
 * the event's regions), remembered on the device for the next time, and,
 * when the event needs one (the server answers 403), the access code.
 */
export function JoinCard({ onJoined, expired }: Props) {
  const { t } = useI18n();
  const [profile] = useState(loadProfile);
  const [name, setName] = useState(profile.name);
  const [org, setOrg] = useState(profile.org);
  const [region, setRegion] = useState(profile.region);
  const [regions, setRegions] = useState<string[]>([]);
  const [invalid, setInvalid] = useState<'org' | 'region' | null>(null);
  const [code, setCode] = useState('');
  const [needCode, setNeedCode] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(expired ? t.join.expired : null);
  const codeInput = useRef<HTMLInputElement>(null);
  const orgInput = useRef<HTMLInputElement>(null);
  const regionInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (needCode) codeInput.current?.focus();
  }, [needCode]);
  useEffect(() => {
    if (invalid) (invalid === 'org' ? orgInput : regionInput).current?.focus();
  }, [invalid]);
  // The list is fetched once the participant starts on the form, not with the page (a weak link pays for the page first).
  const wantRegions = () => {
    if (regions.length === 0) fetchRegions().then(setRegions, () => undefined);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setInvalid(null);
    try {
      const identity = await join({ name, code, org, region });
      saveIdentity(identity);
      saveProfile({ name: name.trim(), org: identity.participant.org ?? '', region: identity.participant.region ?? '' });
      onJoined(identity);
    } catch (cause) {
      const kind = cause instanceof JoinError ? cause.kind : 'network';
      if (kind === 'code') {
        setError(needCode ? t.join.wrongCode : t.join.codeNeeded);
        setNeedCode(true);
      } else if (kind === 'region' || kind === 'org_too_long') {
        setError(kind === 'region' ? t.join.unknownRegion : t.join.orgTooLong);
        setInvalid(kind === 'region' ? 'region' : 'org');
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
      <form class="form" onSubmit={submit} onFocusIn={wantRegions} noValidate>
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
        <div class="field">
          <label for="join-org">{t.join.org}</label>
          <input
            id="join-org"
            ref={orgInput}
            class="input"
            type="text"
            autoComplete="organization"
            maxLength={200}
            value={org}
            aria-describedby="join-org-hint"
            aria-invalid={invalid === 'org'}
            onInput={(e) => setOrg(e.currentTarget.value)}
          />
          <p id="join-org-hint" class="field__hint">
            {t.join.orgHint}
          </p>
        </div>
        <div class="field">
          <label for="join-region">{t.join.region}</label>
          <input
            id="join-region"
            ref={regionInput}
            class="input"
            type="text"
            list="join-regions"
            autoComplete="off"
            maxLength={200}
            value={region}
            aria-describedby="join-region-hint"
            aria-invalid={invalid === 'region'}
            onInput={(e) => setRegion(e.currentTarget.value)}
          />
          <datalist id="join-regions">
            {regions.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
          <p id="join-region-hint" class="field__hint">
            {t.join.regionHint}
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

import { useI18n } from '../i18n/context';
import type { CsvExport } from '../api/csv';
import type { ForumSession } from '../api/types';
import { sessionStateLabel } from '../i18n';
import type { SessionAction } from '../lib/protocol';

interface Props {
  session: ForumSession;
  viewers: number | null;
  onControl: (action: SessionAction) => void;
  onExport: (kind: CsvExport) => void;
}

function Toggle({ label, options }: { label: string; options: { text: string; on: boolean; onClick: () => void }[] }) {
  return (
    <div class="control">
      <span class="control__label" id={`ctl-${label}`}>
        {label}
      </span>
      <div class="segmented" role="group" aria-labelledby={`ctl-${label}`}>
        {options.map((o) => (
          <button key={o.text} type="button" class="segmented__option" aria-pressed={o.on} onClick={() => !o.on && o.onClick()}>
            {o.text}
          </button>
        ))}
      </div>
    </div>
  );
}

export function SessionControls({ session, viewers, onControl, onExport }: Props) {
  const { t } = useI18n();
  const m = t.moderator;
  return (
    <section class="card controls" aria-label={m.controls}>
      <Toggle
        label={m.qa}
        options={[
          { text: m.qaOpen, on: session.qa_open, onClick: () => onControl('qa_open') },
          { text: m.qaClosed, on: !session.qa_open, onClick: () => onControl('qa_close') },
        ]}
      />
      <Toggle
        label={m.moderation}
        options={[
          { text: m.pre, on: session.moderation === 'pre', onClick: () => onControl('moderation_pre') },
          { text: m.post, on: session.moderation === 'post', onClick: () => onControl('moderation_post') },
        ]}
      />
      <div class="control">
        <span class="control__label">
          {m.sessionState}: <strong>{sessionStateLabel(t, session.state) ?? session.state}</strong>
        </span>
        <div class="control__buttons">
          <button type="button" class="button button--small" disabled={session.state === 'live'} onClick={() => onControl('live')}>
            {m.goLive}
          </button>
          <button type="button" class="button button--small" disabled={session.state === 'ended'} onClick={() => onControl('end')}>
            {m.end}
          </button>
        </div>
      </div>
      <div class="control control--end">
        {viewers !== null && <span class="viewers">{t.live.viewers(viewers)}</span>}
        <button type="button" class="button button--small" onClick={() => onExport('questions')}>
          {m.exportCsv}
        </button>
        <button type="button" class="button button--small" onClick={() => onExport('audit')}>
          {m.exportAudit}
        </button>
      </div>
    </section>
  );
}

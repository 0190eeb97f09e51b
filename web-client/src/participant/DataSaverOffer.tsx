import { useI18n } from '../i18n/context';

interface Props {
  onChoose: (on: boolean) => void;
}

/** Offers «Экономия трафика» at once on a phone that says its link is slow or metered. */
export function DataSaverOffer({ onChoose }: Props) {
  const { t } = useI18n();
  return (
    <section class="notice saver-offer" aria-labelledby="saver-offer-title">
      <h2 id="saver-offer-title" class="notice__title">
        {t.saver.offerTitle}
      </h2>
      <p class="notice__text">{t.saver.offerText}</p>
      <div class="saver-offer__actions">
        <button type="button" class="button button--primary" onClick={() => onChoose(true)}>
          {t.saver.accept}
        </button>
        <button type="button" class="button" onClick={() => onChoose(false)}>
          {t.saver.decline}
        </button>
      </div>
    </section>
  );
}

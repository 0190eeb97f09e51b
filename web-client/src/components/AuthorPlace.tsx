import { useI18n } from '../i18n/context';
import type { Author } from '../lib/protocol';

/**
 * Where a question's author comes from, for the staff (contract 7.1): the
 * municipality, the region, and whether the forum vouched for them. Both are
 * user text: rendered as text. Nothing when the server sent neither.
 */
export function AuthorPlace({ author }: { author: Author | null }) {
  const { t } = useI18n();
  if (!author || (!author.org && !author.region)) return null;
  return (
    <p class="author-place" data-region={author.region ?? ''}>
      {author.org && <span class="author-place__org">{author.org}</span>}
      {author.org && author.region && <span aria-hidden="true"> · </span>}
      {author.region && <span class="author-place__region">{author.region}</span>}
      {author.verified !== undefined && (
        <span class={`badge ${author.verified ? 'badge--verified' : 'badge--declared'}`}>
          {author.verified ? t.regions.verified : t.regions.selfDeclared}
        </span>
      )}
    </p>
  );
}

const ruRules = new Intl.PluralRules('ru');

/** Picks the Russian noun form for `n`: 1 зал, 2 зала, 5 залов, 21 зал. */
export function pluralRu(n: number, one: string, few: string, many: string): string {
  switch (ruRules.select(n)) {
    case 'one':
      return one;
    case 'few':
      return few;
    default:
      return many;
  }
}

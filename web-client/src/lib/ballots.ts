// A participant's own poll answers. The contract's poll object does not say
// what this participant chose, so the page remembers it (per participant, so
// a shared computer does not mix people up).

export type Ballots = Record<string, number[]>;

const key = (participantId: string) => `veche.ballots.${participantId}`;

export function loadBallots(participantId: string): Ballots {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key(participantId)) ?? '{}');
    return typeof value === 'object' && value !== null ? (value as Ballots) : {};
  } catch {
    return {};
  }
}

export function saveBallot(participantId: string, pollId: string, choices: number[]): Ballots {
  const ballots = { ...loadBallots(participantId), [pollId]: choices };
  try {
    localStorage.setItem(key(participantId), JSON.stringify(ballots));
  } catch {
    /* remembered until the page closes */
  }
  return ballots;
}

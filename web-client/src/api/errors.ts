/** Why a request to the server failed, in terms a person can act on. */
export type LoadErrorKind =
  /** no connection: offline, DNS, refused, reset */
  | 'network'
  /** the server did not answer in time */
  | 'timeout'
  /** the server answered with a non-2xx status */
  | 'http'
  /** the answer was not the JSON the contract promises */
  | 'data';

export class LoadError extends Error {
  readonly kind: LoadErrorKind;
  readonly status: number | null;

  constructor(kind: LoadErrorKind, message: string, status: number | null = null) {
    super(message);
    this.name = 'LoadError';
    this.kind = kind;
    this.status = status;
  }
}

export function isLoadError(value: unknown): value is LoadError {
  return value instanceof LoadError;
}

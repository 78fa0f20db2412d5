/**
 * Display-filter errors: a message in tshark 4.0's words and the character range of the filter
 * text it is about (`start` inclusive, `end` exclusive, in UTF-16 code units of the filter
 * string), so a UI can underline it the way tshark draws `^~~~` under the filter.
 */

export interface FilterErrorInfo {
  message: string;
  start: number;
  end: number;
}

/** Thrown inside the pipeline; `compileFilter` turns it into `{ ok: false, error }`. */
export class FilterError extends Error implements FilterErrorInfo {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
    this.name = 'FilterError';
  }

  info(): FilterErrorInfo {
    return { message: this.message, start: this.start, end: this.end };
  }
}

/** Something with a position in the filter text. */
export interface Span {
  start: number;
  end: number;
}

export function fail(message: string, at: Span): never {
  throw new FilterError(message, at.start, at.end);
}

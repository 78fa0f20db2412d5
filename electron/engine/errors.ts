/**
 * Errors the engine returns as values: a session method throws an EngineError, and the engine's
 * one catch (engine.ts) turns it into `{ ok: false, error: { code, message } }`. Anything else
 * thrown is a bug and becomes code 'internal'.
 */
import type { ApiError, ErrorCode } from '../api/contract.js';

export class EngineError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly start?: number, readonly end?: number) {
    super(message);
    this.name = 'EngineError';
  }

  toApi(): ApiError {
    const e: ApiError = { code: this.code, message: this.message };
    if (this.start !== undefined) e.start = this.start;
    if (this.end !== undefined) e.end = this.end;
    return e;
  }
}

/** Any thrown value as an ApiError ('internal' unless it is an EngineError). */
export function toApiError(e: unknown, method: string): ApiError {
  if (e instanceof EngineError) return e.toApi();
  const msg = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message: `${method}: internal error: ${msg}` };
}

/**
 * A React hook for one session API call: calls it when its key changes, keeps the last value while
 * a newer call runs (so a live view does not flicker), and drops answers that arrive out of order.
 */
import { useEffect, useRef, useState } from 'react';
import type { ApiError, Method, Params, Result, SessionApi } from '../../../electron/api/contract.js';

export interface CallState<T> {
  value: T | null;
  error: ApiError | null;
  loading: boolean;
}

/** Calls `method` with `params` whenever `key` changes (null: no call). */
export function useCall<M extends Method>(api: SessionApi, method: M, params: Params<M> | null, key: string | null): CallState<Result<M>> {
  const [state, setState] = useState<CallState<Result<M>>>({ value: null, error: null, loading: false });
  const seq = useRef(0);
  useEffect(() => {
    if (key === null || params === null) {
      setState({ value: null, error: null, loading: false });
      return;
    }
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    api.call(method, params).then(
      (r) => {
        if (mine !== seq.current) return;
        setState(r.ok ? { value: r.value, error: null, loading: false } : { value: null, error: r.error, loading: false });
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setState({ value: null, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) }, loading: false });
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for params
  }, [api, method, key]);
  return state;
}

/**
 * A counter that goes up every `ms` while `active` (a live capture: the views fetch again once a
 * second rather than on each of the ~10 status events a second); constant otherwise.
 */
export function useTick(active: boolean, ms = 1000): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setTick((n) => n + 1), ms);
    return () => clearInterval(id);
  }, [active, ms]);
  return tick;
}

/** What a view's fetch key should follow: a once-a-second tick while capturing or indexing, then the final state. */
export function useRefreshKey(status: { state: string; packets: number } | null): string {
  const running = status?.state === 'capturing' || status?.state === 'indexing';
  const tick = useTick(running);
  return running ? `run/${tick}` : `${status?.state ?? 'none'}/${status?.packets ?? 0}`;
}

/**
 * useRefreshKey for a statistic that may take longer than a tick to count (it dissects every packet
 * again): the key moves on only once the last call has answered, so a growing live capture's count
 * is not restarted — and cancelled by the engine — every second. Call `settle(loading)` after the
 * call with its `loading`.
 */
export function useSettledRefresh(status: { state: string; packets: number } | null): { key: string; settle(loading: boolean): void } {
  const refresh = useRefreshKey(status);
  const [held, setHeld] = useState(refresh);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (!loading && held !== refresh) setHeld(refresh);
  }, [loading, refresh, held]);
  return { key: held, settle: setLoading };
}

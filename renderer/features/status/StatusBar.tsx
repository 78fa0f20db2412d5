/**
 * The status bar: file name, packets displayed/total, the session's state (and the capture rate
 * during a live capture), expert-info counts by severity.
 */
import { useTranslation } from 'react-i18next';
import type { SessionInfo, SessionStatus, Severity } from '../../../electron/api/contract.js';
import { formatNumber } from '../../i18n/index.js';

interface Props {
  session: SessionInfo | null;
  status: SessionStatus | null;
  /** A display filter is still going over the packets (the view grows). */
  filtering: boolean;
  /** Packets per second during a live capture. */
  rate: number | null;
  expert: Record<Severity, number> | null;
  connection: 'ok' | 'lost';
}

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'note', 'chat'];

export function StatusBar({ session, status, filtering, rate, expert, connection }: Props) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(i18n.language, v);
  return (
    <footer className="pl-status" role="contentinfo" aria-label={t('status.label')}>
      {connection === 'lost' && <span className="pl-status-item pl-lost" role="alert">{t('status.connectionLost')}</span>}
      <span className="pl-status-item pl-status-file" title={session?.path ?? ''}>{session ? session.name : t('status.noFile')}</span>
      {status && (
        <span className="pl-status-item" data-testid="status-counts">
          {t('status.counts', { displayed: n(status.displayed), total: n(status.packets), percent: status.packets ? ((status.displayed / status.packets) * 100).toFixed(1) : '0.0' })}
        </span>
      )}
      {status && <span className="pl-status-item">{filtering && status.state === 'done' ? t('status.filtering') : t(`state.${status.state}`)}</span>}
      {status?.state === 'capturing' && rate !== null && <span className="pl-status-item">{t('status.rate', { rate: n(Math.round(rate)) })}</span>}
      {status?.dropped !== undefined && <span className="pl-status-item">{t('status.dropped', { received: n(status.received ?? 0), dropped: n(status.dropped) })}</span>}
      {status?.message && <span className="pl-status-item pl-warn">{status.message}</span>}
      <span className="pl-status-spacer" />
      {expert && (
        <span className="pl-status-item pl-expert-counts" aria-label={t('status.expert')}>
          {SEVERITIES.map((s) => (
            <span key={s} className={`pl-sev sev-${s}`} title={t(`severity.${s}`)}>
              {t(`severity.${s}`)}: {n(expert[s])}
            </span>
          ))}
        </span>
      )}
    </footer>
  );
}

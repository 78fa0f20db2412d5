/** Opening a file: packets indexed so far, the share of the file read, and Cancel. */
import { useTranslation } from 'react-i18next';
import type { SessionStatus } from '../../../electron/api/contract.js';
import { formatNumber, formatPercent } from '../../i18n/index.js';

interface Props {
  status: SessionStatus;
  onCancel(): void;
}

export function ProgressBar({ status, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const fraction = status.bytesTotal > 0 ? Math.min(1, status.bytesDone / status.bytesTotal) : 0;
  const pct = Math.round(fraction * 100);
  return (
    <div className="pl-progress" role="group" aria-label={t('progress.label')}>
      <div className="pl-progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label={t('progress.label')}>
        <div className="pl-progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <span className="pl-progress-text">
        {t('progress.text', { packets: formatNumber(i18n.language, status.packets), percent: formatPercent(i18n.language, fraction) })}
      </span>
      <button type="button" onClick={onCancel}>{t('progress.cancel')}</button>
    </div>
  );
}

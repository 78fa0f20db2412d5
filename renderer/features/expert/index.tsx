/**
 * Expert Info: the capture's expert items grouped by severity and group with counts; each item
 * lists the packets carrying it, and clicking one selects that packet. The grouping is model.ts.
 */
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ExpertRow } from '../../../electron/api/contract.js';
import type { AnalysisViewProps } from '../../shell/analysis-mount.js';
import { useCall, useRefreshKey } from '../conversations/use-call.js';
import { groupExpert, severityTotals } from './model.js';

export interface ExpertViewProps {
  rows: ExpertRow[];
  onSelectPacket?: (no: number) => void;
  /** The packet selected elsewhere: its items are highlighted. */
  selectedNo?: number | null;
  /** Packet links shown per item before "… N more". */
  maxPackets?: number;
}

const SEVERITY_COLOR = { error: '#c62828', warning: '#ef6c00', note: '#1565c0', chat: '#546e7a' } as const;

/** One expert item: its summary links to its first packet, then each packet (no hooks: the tests call it). */
export function ExpertItem({ r, selectedNo, onSelectPacket, maxPackets, t }: { r: ExpertRow; selectedNo: number | null; onSelectPacket?: (no: number) => void; maxPackets: number; t: TFunction }) {
  const selected = selectedNo !== null && r.packets.includes(selectedNo);
  return (
    <tr className={`expert-item${selected ? ' selected' : ''}`} data-count={r.count} style={{ background: selected ? '#e3f2fd' : undefined }}>
      <td>
        {onSelectPacket && r.packets.length > 0 ? (
          <a href="#" onClick={(e) => { e.preventDefault(); onSelectPacket(r.packets[0]!); }}>{r.summary}</a>
        ) : r.summary}
      </td>
      <td>{r.protocol}</td>
      <td>{r.count}</td>
      <td>
        {r.packets.slice(0, maxPackets).map((no) => (
          <button
            key={no}
            type="button"
            className={`expert-packet${no === selectedNo ? ' selected' : ''}`}
            data-no={no}
            title={t('expert.goTo', { no })}
            onClick={() => onSelectPacket?.(no)}
            style={{ marginRight: 2, fontWeight: no === selectedNo ? 'bold' : undefined }}
          >
            {no}
          </button>
        ))}
        {r.packets.length > maxPackets && <span>{t('expert.more', { count: r.packets.length - maxPackets })}</span>}
      </td>
    </tr>
  );
}

export function ExpertView({ rows, onSelectPacket, selectedNo = null, maxPackets = 20 }: ExpertViewProps) {
  const { t } = useTranslation('analysis');
  const tree = groupExpert(rows);
  const totals = severityTotals(rows);
  if (tree.length === 0) return <div className="expert-view empty">{t('expert.none')}</div>;
  return (
    <div className="expert-view">
      <p className="expert-totals">
        {(['error', 'warning', 'note', 'chat'] as const).map((s) => (
          <span key={s} style={{ color: SEVERITY_COLOR[s], marginRight: 12 }} data-severity={s}>
            {t('expert.total', { severity: t(`expert.severity.${s}`), count: totals[s] })}
          </span>
        ))}
      </p>
      {tree.map((sev) => (
        <details key={sev.severity} open className="expert-severity" data-severity={sev.severity}>
          <summary style={{ color: SEVERITY_COLOR[sev.severity], fontWeight: 'bold' }}>
            {t('expert.heading', { name: t(`expert.severity.${sev.severity}`), count: sev.count })}
          </summary>
          {sev.groups.map((g) => (
            <details key={g.group} open className="expert-group" data-group={g.group} style={{ marginLeft: 16 }}>
              <summary>{t('expert.heading', { name: t(`expert.group.${g.group}`, { defaultValue: g.group }), count: g.count })}</summary>
              <table className="expert-items" style={{ marginLeft: 16 }}>
                <thead>
                  <tr>
                    <th scope="col">{t('expert.col.summary')}</th>
                    <th scope="col">{t('expert.col.protocol')}</th>
                    <th scope="col">{t('expert.col.count')}</th>
                    <th scope="col">{t('expert.col.packets')}</th>
                  </tr>
                </thead>
                <tbody>
                  {g.items.map((r, k) => (
                    <ExpertItem key={k} r={r} selectedNo={selectedNo} onSelectPacket={onSelectPacket} maxPackets={maxPackets} t={t} />
                  ))}
                </tbody>
              </table>
            </details>
          ))}
        </details>
      ))}
    </div>
  );
}

/** The view as the main window mounts it: the session's expert items, fetched again as it grows. */
export function View({ api, session, status, selected, selectPacket }: AnalysisViewProps) {
  const { t } = useTranslation('analysis');
  const key = `${session.id}/${useRefreshKey(status)}`;
  const call = useCall(api, 'expert', { session: session.id }, key);
  if (call.error) return <div className="expert-view error">{t('expert.error', { message: call.error.message })}</div>;
  if (!call.value) return <div className="expert-view loading">{t('expert.loading')}</div>;
  return <ExpertView rows={call.value} onSelectPacket={selectPacket} selectedNo={selected?.no ?? null} />;
}

export default View;
export { groupExpert } from './model.js';

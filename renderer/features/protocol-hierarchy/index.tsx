/**
 * Statistics › Protocol Hierarchy (Wireshark's dialog): every protocol of the capture under the one
 * that carries it — the layers of the packets (Ethernet › IP › TCP › HTTP) — with the share of
 * packets and bytes that reach it and those that end there. A row's filter button applies its
 * protocol as a display filter. Counted by the engine (`protocolHierarchy`) from the packet
 * details' trees; a live capture's is counted again once a second.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhsRow, ProtocolHierarchyResult } from '../../../electron/api/contract.js';
import type { AnalysisViewProps } from '../../shell/analysis-mount.js';
import { useCall, useSettledRefresh } from '../conversations/use-call.js';

export interface PhsViewProps {
  result: ProtocolHierarchyResult | null;
  onFilter?: (filter: string) => void;
}

const fmt = new Intl.NumberFormat('en-US');
const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(1)}%` : '0.0%');

/** The rows in tree order, each with its depth and a path key. */
export function flatten(roots: readonly PhsRow[]): { row: PhsRow; depth: number; key: string }[] {
  const out: { row: PhsRow; depth: number; key: string }[] = [];
  const walk = (rows: readonly PhsRow[], depth: number, prefix: string) => {
    for (const row of rows) {
      const key = `${prefix}/${row.name}`;
      out.push({ row, depth, key });
      walk(row.children, depth + 1, key);
    }
  };
  walk(roots, 0, '');
  return out;
}

export function PhsView({ result, onFilter }: PhsViewProps) {
  const { t } = useTranslation('analysis');
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set());
  if (!result) return <div className="phs-view loading">{t('handshake.loading')}</div>;
  const rows = flatten(result.roots);
  // Hidden: rows under a collapsed one.
  const shown = rows.filter(({ key }) => ![...closed].some((c) => key.startsWith(`${c}/`)));
  const toggle = (key: string) => setClosed((s) => {
    const n = new Set(s);
    if (n.has(key)) n.delete(key);
    else n.add(key);
    return n;
  });
  return (
    <div className="phs-view">
      <p className="sg-explain">{t('phs.explain', { frames: fmt.format(result.frames), bytes: fmt.format(result.bytes) })}</p>
      <table className="pl-table phs-table">
        <thead>
          <tr>
            {(['protocol', 'pctPackets', 'packets', 'pctBytes', 'bytes', 'endPackets', 'endBytes'] as const).map((c) => <th key={c} scope="col">{t(`phs.col.${c}`)}</th>)}
            <th />
          </tr>
        </thead>
        <tbody>
          {shown.map(({ row, depth, key }) => (
            <tr key={key} data-protocol={row.name} data-path={key}>
              <td style={{ paddingLeft: 4 + depth * 16 }}>
                {row.children.length > 0 ? (
                  <button type="button" className="phs-toggle" aria-expanded={!closed.has(key)} aria-label={t(closed.has(key) ? 'phs.expand' : 'phs.collapse', { name: row.name })} onClick={() => toggle(key)}>
                    {closed.has(key) ? '▸' : '▾'}
                  </button>
                ) : <span className="phs-toggle" />}
                <span title={row.name}>{row.title}</span> <code className="pl-muted">{row.name}</code>
              </td>
              <td className="num">
                <span className="phs-bar" style={{ width: `${(100 * row.frames) / Math.max(1, result.frames)}%` }} />
                {pct(row.frames, result.frames)}
              </td>
              <td className="num">{fmt.format(row.frames)}</td>
              <td className="num">{pct(row.bytes, result.bytes)}</td>
              <td className="num">{fmt.format(row.bytes)}</td>
              <td className="num">{fmt.format(row.framesLast)}</td>
              <td className="num">{fmt.format(row.bytesLast)}</td>
              <td>{onFilter && <button type="button" onClick={() => onFilter(row.name)}>{t('phs.filter')}</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function View({ api, session, status, applyFilter }: AnalysisViewProps) {
  const { t } = useTranslation('analysis');
  // A live capture's hierarchy is counted again once the last count is in (not restarted each tick).
  const settled = useSettledRefresh(status);
  const call = useCall(api, 'protocolHierarchy', { session: session.id }, `${session.id}/${settled.key}`);
  useEffect(() => settled.settle(call.loading), [call.loading]); // eslint-disable-line react-hooks/exhaustive-deps -- settle is stable
  if (call.error) return <div className="phs-view error">{t('handshake.error', { message: call.error.message })}</div>;
  return <PhsView result={call.value} onFilter={applyFilter} />;
}

export default View;

/**
 * Statistics › Resolved Addresses, as Wireshark's dialog: the IP addresses that have a name — from
 * the personal Wireshark hosts file, the capture's pcapng name resolution blocks and the answers
 * of its DNS packets (`tshark -z hosts`) — with a text filter, and Save as a hosts file. The packet
 * list shows these names with View › Resolve Network Addresses (the Host names switch).
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResolvedAddress } from '../../../electron/api/contract.js';
import type { AnalysisViewProps } from '../../shell/analysis-mount.js';
import { useCall, useSettledRefresh } from '../conversations/use-call.js';
import { downloadFile } from '../follow/index.js';

/** Rows whose address or name contains `text` (case-insensitive). */
export function filterAddresses(rows: readonly ResolvedAddress[], text: string): ResolvedAddress[] {
  const t = text.trim().toLowerCase();
  if (!t) return [...rows];
  return rows.filter((r) => r.address.toLowerCase().includes(t) || r.name.toLowerCase().includes(t));
}

/** The rows as a hosts file (`address<TAB>name` lines), as tshark -z hosts writes it. */
export function hostsFileText(rows: readonly ResolvedAddress[], captureName: string): string {
  return `# Hosts information in Packetloom\n#\n# Host data gathered from ${captureName}\n\n${rows.map((r) => `${r.address}\t${r.name}\n`).join('')}`;
}

/** Rows put in the table at most (the filter narrows them; Save takes them all). */
export const MAX_SHOWN = 2000;

export function View({ api, session, status, applyFilter }: AnalysisViewProps) {
  const { t } = useTranslation('analysis');
  const settled = useSettledRefresh(status);
  const call = useCall(api, 'resolvedAddresses', { session: session.id }, `${session.id}/${settled.key}`);
  useEffect(() => settled.settle(call.loading), [call.loading]); // eslint-disable-line react-hooks/exhaustive-deps -- settle is stable
  const [text, setText] = useState('');
  const rows = useMemo(() => filterAddresses(call.value ?? [], text), [call.value, text]);

  return (
    <div className="resolved-addresses-view">
      <div className="export-objects-bar" style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
        <strong>{t('resolved.title')}</strong>
        <input aria-label={t('resolved.textFilter')} placeholder={t('resolved.textFilter')} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} />
        <button type="button" disabled={rows.length === 0} onClick={() => downloadFile({ name: 'hosts', mode: 'raw', content: hostsFileText(rows, session.name) })}>
          {t('resolved.save')}
        </button>
      </div>
      <p className="pl-muted">{t('resolved.explain')}</p>
      {call.error && <div role="alert" className="pl-filter-msg invalid">{call.error.message}</div>}
      {!call.error && !call.value && <div className="loading">{t('handshake.loading')}</div>}
      {call.value && call.value.length === 0 && <p className="empty">{t('resolved.none')}</p>}
      {call.value && call.value.length > 0 && (
        <table className="pl-table export-objects-table" aria-label={t('resolved.title')}>
          <thead>
            <tr>
              <th scope="col">{t('resolved.address')}</th>
              <th scope="col">{t('resolved.name')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, MAX_SHOWN).map((r) => (
              <tr key={`${r.kind}/${r.address}`}>
                <td>
                  <button type="button" className="link" onClick={() => applyFilter(`${r.kind === 'ipv4' ? 'ip' : 'ipv6'}.addr == ${r.address}`)} title={t('resolved.filterTitle', { address: r.address })}>
                    {r.address}
                  </button>
                </td>
                <td>{r.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows.length > MAX_SHOWN && <p className="pl-muted">{t('resolved.more', { shown: MAX_SHOWN, count: rows.length })}</p>}
    </div>
  );
}

export default View;

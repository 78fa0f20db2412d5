/**
 * Tools › Credentials, as Wireshark's dialog (tshark's `-z credentials`): the users that the
 * capture's packets send in the clear — HTTP Basic authentication, whose base64 anyone on the path
 * can decode, and other Authorization schemes (a token: user "n.a.") — with the packet, which a
 * click selects (its details show the decoded `user:password` under Authorization › Credentials).
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalysisViewProps } from '../../shell/analysis-mount.js';
import { useCall, useSettledRefresh } from '../conversations/use-call.js';

export function View({ api, session, status, selectPacket }: AnalysisViewProps) {
  const { t } = useTranslation('analysis');
  const settled = useSettledRefresh(status);
  const call = useCall(api, 'credentials', { session: session.id }, `${session.id}/${settled.key}`);
  useEffect(() => settled.settle(call.loading), [call.loading]); // eslint-disable-line react-hooks/exhaustive-deps -- settle is stable
  const rows = call.value ?? [];
  return (
    <div className="credentials-view">
      <strong>{t('credentials.title')}</strong>
      <p className="pl-muted">{t('credentials.explain')}</p>
      {call.error && <div role="alert" className="pl-filter-msg invalid">{call.error.message}</div>}
      {!call.error && !call.value && <div className="loading">{t('handshake.loading')}</div>}
      {call.value && rows.length === 0 && <p className="empty">{t('credentials.none')}</p>}
      {rows.length > 0 && (
        <table className="pl-table export-objects-table" aria-label={t('credentials.title')}>
          <thead>
            <tr>
              <th scope="col">{t('credentials.packet')}</th>
              <th scope="col">{t('credentials.protocol')}</th>
              <th scope="col">{t('credentials.username')}</th>
              <th scope="col">{t('credentials.info')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={`${r.packet}/${i}`}>
                <td className="num">
                  <button type="button" className="link" onClick={() => selectPacket(r.packet)} title={t('objects.goTo', { no: r.packet })}>{r.packet}</button>
                </td>
                <td>{r.protocol}</td>
                <td>{r.username}</td>
                <td>{r.info}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export default View;

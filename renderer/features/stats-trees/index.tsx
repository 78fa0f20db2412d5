/**
 * Wireshark's stats trees (Statistics › HTTP › Packet Counter and Requests, Packet Lengths, IP
 * Protocol Types): the tree chosen, counted by the engine (`statsTree`) over every packet or those
 * a display filter matches, shown as tshark's `-z <name>,tree` prints it — count, average, minimum
 * and maximum, rate per millisecond, percent of the parent, burst rate and its start. A live
 * capture's is counted again as packets arrive.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatsTreeResult } from '../../../electron/api/contract.js';
import type { AnalysisViewProps } from '../../shell/analysis-mount.js';
import { useCall, useSettledRefresh } from '../conversations/use-call.js';
import { chosenStatsTree, onChooseStatsTree, STATS_TREES, type StatsTreeName } from './choose.js';

export function StatsTreeTable({ result }: { result: StatsTreeResult }) {
  const { t } = useTranslation('analysis');
  return (
    <table className="pl-table stats-tree-table" aria-label={result.title}>
      <thead>
        <tr>
          <th scope="col">{t('trees.item')}</th>
          {result.columns.map((c, i) => <th key={c} scope="col" title={c}>{t(`trees.col${i}`)}</th>)}
        </tr>
      </thead>
      <tbody>
        {result.rows.map((r, i) => (
          <tr key={i} data-depth={r.depth}>
            <td style={{ paddingLeft: 4 + r.depth * 16 }}>{r.name}</td>
            {r.values.map((v, k) => <td key={k} className="num">{v}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function View({ api, session, status }: AnalysisViewProps) {
  const { t } = useTranslation('analysis');
  const [name, setName] = useState<StatsTreeName>(chosenStatsTree);
  const [draft, setDraft] = useState('');
  const [filter, setFilter] = useState('');
  useEffect(() => onChooseStatsTree(setName), []);
  const settled = useSettledRefresh(status);
  const params = filter ? { session: session.id, name, filter } : { session: session.id, name };
  const call = useCall(api, 'statsTree', params, `${session.id}/${name}/${filter}/${settled.key}`);
  useEffect(() => settled.settle(call.loading), [call.loading]); // eslint-disable-line react-hooks/exhaustive-deps -- settle is stable
  return (
    <div className="stats-tree-view">
      <form
        className="stats-tree-bar"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter(draft.trim());
        }}
      >
        <label>
          {t('trees.choose')}{' '}
          <select value={name} onChange={(e) => setName(e.target.value as StatsTreeName)}>
            {STATS_TREES.map((n) => <option key={n} value={n}>{t(`trees.name.${n}`)}</option>)}
          </select>
        </label>
        <input aria-label={t('trees.filter')} placeholder={t('trees.filter')} spellCheck={false} value={draft} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit">{t('trees.apply')}</button>
        <span className="pl-muted">{t('trees.explain', { z: `-z ${name},tree${filter ? `,${filter}` : ''}` })}</span>
      </form>
      {call.error && <div role="alert" className="pl-filter-msg invalid">{call.error.message}</div>}
      {!call.error && !call.value && <div className="loading">{t('handshake.loading')}</div>}
      {call.value && <StatsTreeTable result={call.value} />}
    </div>
  );
}

export default View;

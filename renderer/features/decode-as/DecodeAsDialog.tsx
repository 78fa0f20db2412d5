/**
 * Analyze › Decode As…: a table of entries, each a dissector table (TCP port, UDP port,
 * EtherType …), its keys and the protocol they go to, as Wireshark's dialog has them. "+" adds one
 * proposed from the selected packet (its ports and what they are decoded as now). OK hands the
 * entries to the parent, which remembers them and reads the capture again with them.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecodeAsEntry, SessionApi, TreeNode } from '../../../electron/api/contract.js';
import { useCall } from '../conversations/use-call.js';
import { keyMax, keysText, MAX_DECODE_AS, parseKeys, proposal } from './model.js';

interface Props {
  api: SessionApi;
  entries: readonly DecodeAsEntry[];
  /** The selected packet's details (the proposal for "+"); empty without one. */
  tree: readonly TreeNode[];
  /** Whether the session is a live capture (the entries apply when it is captured again). */
  live: boolean;
  onApply(entries: DecodeAsEntry[]): void;
  onClose(): void;
}

/** A row being edited: the keys as typed. */
interface Draft {
  table: string;
  keys: string;
  proto: string;
  /** The values the selected packet offers for the keys (its two ports). */
  values: number[];
}

export function DecodeAsDialog({ api, entries, tree, live, onApply, onClose }: Props) {
  const { t } = useTranslation();
  const call = useCall(api, 'decodeAsChoices', {}, 'tables');
  const choices = call.value?.tables ?? null;
  const error = call.error?.message ?? null;
  const [rows, setRows] = useState<Draft[]>(() => entries.map((e) => ({ table: e.table, keys: keysText(e), proto: e.proto, values: [] })));
  const addRef = useRef<HTMLButtonElement>(null);

  useEffect(() => addRef.current?.focus(), []);

  const protocolsOf = (table: string) => choices?.find((c) => c.name === table)?.protocols ?? [];
  const problems = rows.map((r) => (parseKeys(r.keys, keyMax(r.table)) ? null : t('decodeAs.badValue', { max: keyMax(r.table) })));

  const add = () => {
    if (!choices || rows.length >= MAX_DECODE_AS) return;
    const p = proposal(tree, choices);
    const table = p?.table ?? 'tcp.port';
    const protos = protocolsOf(table);
    setRows([...rows, { table, keys: p ? String(p.values[0]) : '', proto: p?.proto ?? protos[0]?.name ?? 'data', values: p?.values ?? [] }]);
  };
  const change = (i: number, patch: Partial<Draft>) => {
    setRows(rows.map((r, k) => {
      if (k !== i) return r;
      const next = { ...r, ...patch };
      // A protocol the new table cannot take becomes its first.
      if (patch.table && !protocolsOf(patch.table).some((p) => p.name === next.proto)) next.proto = protocolsOf(patch.table)[0]?.name ?? 'data';
      return next;
    }));
  };
  const ok = () => {
    if (problems.some((p) => p !== null)) return;
    onApply(rows.map((r) => ({ table: r.table, ...parseKeys(r.keys, keyMax(r.table))!, proto: r.proto })));
  };

  return (
    <div className="pl-dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="pl-dialog pl-decode-as" role="dialog" aria-modal="true" aria-labelledby="pl-decode-as-h">
        <h2 id="pl-decode-as-h">{t('decodeAs.title')}</h2>
        <p className="pl-muted">{t('decodeAs.explain')}</p>
        {error && <p className="pl-warn" role="alert">{error}</p>}
        <table>
          <thead>
            <tr>
              <th scope="col">{t('decodeAs.field')}</th>
              <th scope="col">{t('decodeAs.value')}</th>
              <th scope="col">{t('decodeAs.current')}</th>
              <th scope="col"><span className="pl-sr">{t('decodeAs.remove')}</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={4} className="pl-muted">{t('decodeAs.none')}</td>
              </tr>
            )}
            {rows.map((r, i) => (
              <tr key={i}>
                <td>
                  <select aria-label={t('decodeAs.field')} value={r.table} onChange={(e) => change(i, { table: e.target.value })}>
                    {(choices ?? [{ name: r.table, description: r.table, protocols: [] }]).map((c) => (
                      <option key={c.name} value={c.name}>{c.description} ({c.name})</option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    aria-label={t('decodeAs.value')}
                    aria-invalid={problems[i] !== null}
                    list={r.values.length ? `pl-decode-as-values-${i}` : undefined}
                    inputMode="numeric"
                    spellCheck={false}
                    size={11}
                    value={r.keys}
                    onChange={(e) => change(i, { keys: e.target.value })}
                  />
                  {r.values.length > 0 && (
                    <datalist id={`pl-decode-as-values-${i}`}>
                      {r.values.map((v) => <option key={v} value={String(v)} />)}
                    </datalist>
                  )}
                  {problems[i] && <div role="alert" className="pl-filter-msg invalid">{problems[i]}</div>}
                </td>
                <td>
                  <select aria-label={t('decodeAs.current')} value={r.proto} onChange={(e) => change(i, { proto: e.target.value })}>
                    {(protocolsOf(r.table).length ? protocolsOf(r.table) : [{ name: r.proto, description: r.proto }]).map((p) => (
                      <option key={p.name} value={p.name}>{p.name.toUpperCase()} — {p.description}</option>
                    ))}
                  </select>
                </td>
                <td>
                  <button type="button" aria-label={t('decodeAs.removeRow', { n: i + 1 })} onClick={() => setRows(rows.filter((_, k) => k !== i))}>−</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {live && <p className="pl-muted">{t('decodeAs.live')}</p>}
        <div className="pl-dialog-buttons">
          <button type="button" ref={addRef} onClick={add} disabled={!choices || rows.length >= MAX_DECODE_AS}>{t('decodeAs.add')}</button>
          <button type="button" onClick={() => setRows([])} disabled={rows.length === 0}>{t('decodeAs.clear')}</button>
          <span className="pl-spacer" />
          <button type="button" onClick={ok} disabled={problems.some((p) => p !== null)}>{t('decodeAs.ok')}</button>
          <button type="button" onClick={onClose}>{t('decodeAs.cancel')}</button>
        </div>
      </div>
    </div>
  );
}

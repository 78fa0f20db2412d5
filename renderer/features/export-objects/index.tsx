/**
 * File › Export Objects › HTTP, as Wireshark's dialog: every HTTP body of the capture (de-chunked
 * and decompressed) with its Packet, Hostname, Content Type, Size and Filename, a text filter over
 * them, Save for one (a download, under the name tshark gives it) and Save All into a folder on
 * the engine's machine (`saveExportObjects`: the files tshark's `--export-objects http,DIR`
 * writes). A packet number selects the packet in the grid. A live capture's list is made again as
 * packets arrive.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportObjectRow } from '../../../electron/api/contract.js';
import type { AnalysisViewProps } from '../../shell/analysis-mount.js';
import { useCall, useSettledRefresh } from '../conversations/use-call.js';
import { downloadFile } from '../follow/index.js';

/** Rows whose hostname, content type or filename contains `text` (case-insensitive), as Wireshark's Text Filter. */
export function filterObjects(rows: readonly ExportObjectRow[], text: string): ExportObjectRow[] {
  const t = text.trim().toLowerCase();
  if (!t) return [...rows];
  return rows.filter((r) => r.hostname.toLowerCase().includes(t) || r.contentType.toLowerCase().includes(t) || r.filename.toLowerCase().includes(t));
}

function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Rows put in the table at most (a busy server's capture has tens of thousands; the filter narrows them, Save all takes them all). */
export const MAX_SHOWN = 1000;

type Job = { state: 'idle' } | { state: 'running' } | { state: 'done'; text: string } | { state: 'error'; text: string };

export function View({ api, session, status, selectPacket }: AnalysisViewProps) {
  const { t } = useTranslation('analysis');
  const settled = useSettledRefresh(status);
  const call = useCall(api, 'exportObjects', { session: session.id, proto: 'http' }, `${session.id}/${settled.key}`);
  useEffect(() => settled.settle(call.loading), [call.loading]); // eslint-disable-line react-hooks/exhaustive-deps -- settle is stable
  const [text, setText] = useState('');
  const [dir, setDir] = useState('');
  const [job, setJob] = useState<Job>({ state: 'idle' });
  const rows = useMemo(() => filterObjects(call.value ?? [], text), [call.value, text]);

  const saveOne = async (r: ExportObjectRow) => {
    const res = await api.call('exportObject', { session: session.id, proto: 'http', index: r.index });
    if (!res.ok) return setJob({ state: 'error', text: res.error.message });
    downloadFile({ name: res.value.name, mode: 'raw', content: fromBase64(res.value.bytes) });
    setJob({ state: 'done', text: t('objects.downloaded', { name: res.value.name, interpolation: { escapeValue: false } }) });
  };
  const saveAll = async () => {
    const d = dir.trim();
    if (!d) return;
    setJob({ state: 'running' });
    const all = rows.length === (call.value?.length ?? 0);
    const res = await api.call('saveExportObjects', all ? { session: session.id, proto: 'http', dir: d } : { session: session.id, proto: 'http', dir: d, indexes: rows.map((r) => r.index) });
    if (!res.ok) return setJob({ state: 'error', text: res.error.message });
    const v = res.value;
    if (v.errors.length) setJob({ state: 'error', text: `${t('objects.saved', { count: v.written.length, dir: v.dir, interpolation: { escapeValue: false } })} ${v.errors.join(' ')}` });
    else setJob({ state: 'done', text: t('objects.saved', { count: v.written.length, dir: v.dir, interpolation: { escapeValue: false } }) });
  };

  return (
    <div className="export-objects-view">
      <form
        className="export-objects-bar"
        style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}
        onSubmit={(e) => {
          e.preventDefault();
          void saveAll();
        }}
      >
        <strong>{t('objects.title')}</strong>
        <input aria-label={t('objects.textFilter')} placeholder={t('objects.textFilter')} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} />
        <label>
          {t('objects.folder')}{' '}
          <input type="text" aria-label={t('objects.folder')} placeholder={t('objects.folderPlaceholder')} value={dir} onChange={(e) => setDir(e.target.value)} size={32} />
        </label>
        <button type="submit" disabled={!dir.trim() || rows.length === 0 || job.state === 'running'}>
          {rows.length === (call.value?.length ?? 0) ? t('objects.saveAll') : t('objects.saveShown', { count: rows.length })}
        </button>
        {job.state === 'running' && <progress aria-label={t('objects.saving')} />}
        {(job.state === 'done' || job.state === 'error') && (
          <span className={`export-result ${job.state}`} role={job.state === 'error' ? 'alert' : 'status'}>{job.text}</span>
        )}
      </form>
      <p className="pl-muted">{t('objects.explain')}</p>
      {call.error && <div role="alert" className="pl-filter-msg invalid">{call.error.message}</div>}
      {!call.error && !call.value && <div className="loading">{t('handshake.loading')}</div>}
      {call.value && call.value.length === 0 && <p className="empty">{t('objects.none')}</p>}
      {call.value && call.value.length > 0 && (
        <table className="pl-table export-objects-table" aria-label={t('objects.title')}>
          <thead>
            <tr>
              <th scope="col">{t('objects.packet')}</th>
              <th scope="col">{t('objects.hostname')}</th>
              <th scope="col">{t('objects.contentType')}</th>
              <th scope="col">{t('objects.size')}</th>
              <th scope="col">{t('objects.filename')}</th>
              <th scope="col"><span className="sr-only">{t('objects.save')}</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, MAX_SHOWN).map((r) => (
              <tr key={r.index}>
                <td className="num">
                  <button type="button" className="link" onClick={() => selectPacket(r.packet)} title={t('objects.goTo', { no: r.packet })}>{r.packet}</button>
                </td>
                <td>{r.hostname}</td>
                <td>{r.contentType}</td>
                <td className="num">{t('objects.bytes', { count: r.size })}</td>
                <td title={r.saveAs}>{r.filename}</td>
                <td>
                  <button type="button" onClick={() => void saveOne(r)} aria-label={t('objects.saveOne', { name: r.saveAs, interpolation: { escapeValue: false } })}>{t('objects.save')}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows.length > MAX_SHOWN && <p className="pl-muted">{t('objects.more', { shown: MAX_SHOWN, count: rows.length })}</p>}
    </div>
  );
}

export default View;

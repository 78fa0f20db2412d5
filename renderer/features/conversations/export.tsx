/**
 * Export from the analysis panel: the packets now displayed (the grid's filter) as pcap or pcapng
 * (the engine's `save` with displayedOnly) or as their dissections — the details as text, the list
 * as CSV, or JSON (`exportDissections`, File › Export Packet Dissections in the desktop app) —
 * and one conversation as JSON (the engine's
 * `exportConversation`: offered as a download, or written to a path on the engine's machine).
 * The engine writes the file in one call and sends no progress for it, so while a call runs an
 * indeterminate progress bar says that it is under way; then the result (or the error) is shown.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiResult, SessionApi } from '../../../electron/api/contract.js';
import { downloadFile } from '../follow/index.js';

type Job = { state: 'idle' } | { state: 'running'; what: string } | { state: 'done'; text: string } | { state: 'error'; text: string };

/** Runs one export call with the progress bar and its outcome message. */
function useExportJob(): [Job, <T>(what: string, call: () => Promise<ApiResult<T>>, done: (v: T) => string) => Promise<void>] {
  const [job, setJob] = useState<Job>({ state: 'idle' });
  const run = async <T,>(what: string, call: () => Promise<ApiResult<T>>, done: (v: T) => string) => {
    setJob({ state: 'running', what });
    let r: ApiResult<T>;
    try {
      r = await call();
    } catch (e) {
      setJob({ state: 'error', text: e instanceof Error ? e.message : String(e) });
      return;
    }
    setJob(r.ok ? { state: 'done', text: done(r.value) } : { state: 'error', text: r.error.message });
  };
  return [job, run];
}

function JobStatus({ job }: { job: Job }) {
  const { t } = useTranslation('analysis');
  if (job.state === 'idle') return null;
  if (job.state === 'running')
    return (
      <span className="export-progress" role="status">
        <progress aria-label={job.what} /> {job.what}
      </span>
    );
  return (
    <span className={`export-result ${job.state}`} role={job.state === 'error' ? 'alert' : 'status'}>
      {job.state === 'error' ? t('export.failed', { message: job.text, interpolation: { escapeValue: false } }) : job.text}
    </span>
  );
}

export interface ExportBarProps {
  api: SessionApi;
  session: string;
  /** Packets in the current view, and its filter ('' = all). */
  displayed: number;
  filter: string;
}

type PacketsFormat = 'pcapng' | 'pcap' | 'text' | 'csv' | 'json';
const FORMATS: PacketsFormat[] = ['pcapng', 'pcap', 'text', 'csv', 'json'];
const EXTENSION: Record<PacketsFormat, string> = { pcapng: 'pcapng', pcap: 'pcap', text: 'txt', csv: 'csv', json: 'json' };

/** "Export displayed packets": a path on the engine's machine and a format (a capture, or the dissections). */
export function ExportPacketsBar({ api, session, displayed, filter }: ExportBarProps) {
  const { t } = useTranslation('analysis');
  const [path, setPath] = useState('');
  const [format, setFormat] = useState<PacketsFormat>('pcapng');
  const [job, run] = useExportJob();
  const submit = () => {
    const p = path.trim();
    if (!p) return;
    const done = (v: { packets: number }) => t(format === 'pcap' || format === 'pcapng' ? 'export.savedPackets' : 'export.savedDissections', { count: v.packets, path: p, interpolation: { escapeValue: false } });
    if (format === 'pcap' || format === 'pcapng') void run(t('export.savingPackets', { count: displayed }), () => api.call('save', { session, path: p, format, displayedOnly: true }), done);
    else void run(t('export.savingPackets', { count: displayed }), () => api.call('exportDissections', { session, path: p, format, displayedOnly: true }), done);
  };
  return (
    <form
      className="export-bar"
      aria-label={t('export.packetsTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}
    >
      <strong>{t('export.packetsTitle')}</strong>
      <span className="export-scope">{filter ? t('export.scopeFiltered', { count: displayed, filter, interpolation: { escapeValue: false } }) : t('export.scopeAll', { count: displayed })}</span>
      <label>
        {t('export.path')}{' '}
        <input type="text" value={path} placeholder={t('export.pathPlaceholder', { ext: EXTENSION[format] })} onChange={(e) => setPath(e.target.value)} size={36} />
      </label>
      <label>
        {t('export.format')}{' '}
        <select value={format} onChange={(e) => setFormat(e.target.value as PacketsFormat)}>
          {FORMATS.map((f) => <option key={f} value={f}>{t(`export.formatOption.${f}`)}</option>)}
        </select>
      </label>
      <button type="submit" disabled={!path.trim() || job.state === 'running' || displayed === 0}>{t('export.savePackets')}</button>
      <JobStatus job={job} />
    </form>
  );
}

/** "Export as JSON" for one conversation: a download, or a file at a path on the engine's machine. */
export function ExportConversation({ api, session, proto, stream, onClose }: { api: SessionApi; session: string; proto: 'tcp' | 'udp'; stream: number; onClose: () => void }) {
  const { t } = useTranslation('analysis');
  const [path, setPath] = useState('');
  const [job, run] = useExportJob();
  const what = t('export.exportingConversation', { proto: proto.toUpperCase(), stream });
  const download = () =>
    void run(what, () => api.call('exportConversation', { session, proto, stream }), (v) => {
      downloadFile({ name: `${proto}-stream-${stream}.json`, mode: 'raw', content: v.json });
      return t('export.downloaded', { name: `${proto}-stream-${stream}.json` });
    });
  const toPath = () => {
    const p = path.trim();
    if (!p) return;
    void run(what, () => api.call('exportConversation', { session, proto, stream, path: p }), (v) =>
      t('export.savedConversation', { path: v.path ?? p, interpolation: { escapeValue: false } }),
    );
  };
  return (
    <div className="export-conversation" role="group" aria-label={t('export.conversationTitle', { proto: proto.toUpperCase(), stream })} style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap', padding: '4px 0' }}>
      <strong>{t('export.conversationTitle', { proto: proto.toUpperCase(), stream })}</strong>
      <button type="button" onClick={download} disabled={job.state === 'running'}>{t('export.download')}</button>
      <label>
        {t('export.orPath')}{' '}
        <input type="text" value={path} placeholder={t('export.pathPlaceholder', { ext: 'json' })} onChange={(e) => setPath(e.target.value)} size={36} />
      </label>
      <button type="button" onClick={toPath} disabled={!path.trim() || job.state === 'running'}>{t('export.saveJson')}</button>
      <button type="button" onClick={onClose} aria-label={t('export.close')}>×</button>
      <JobStatus job={job} />
    </div>
  );
}

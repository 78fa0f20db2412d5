/**
 * Edit › Find Packet, as Wireshark's search bar under the toolbar: search by display filter, hex
 * value, string or regular expression; a string or expression in the packet list, the packet
 * details or the packet bytes (narrow, wide or both; case-sensitive or not). Enter (or Find)
 * finds the next packet after the selected one, Shift+Enter the previous; the engine's
 * `findPacket` does the searching and the parent goes to the packet found (and to the item or
 * bytes that matched). Escape closes the bar.
 */
import { forwardRef, useImperativeHandle, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FindParams, FindResult, SessionApi, SessionId } from '../../../electron/api/contract.js';

export interface FindBarHandle {
  focus(): void;
  /** Finds the next (or, `backward`, the previous) packet with what the bar holds. */
  find(backward: boolean): void;
}

interface Props {
  api: SessionApi;
  session: SessionId;
  /** The packet the search starts after (the selected one; 0 for none), read when a search starts. */
  from(): number;
  onFound(r: FindResult): void;
  onClose(): void;
}

type By = FindParams['by'];
type In = NonNullable<FindParams['in']>;
type Charset = NonNullable<FindParams['charset']>;
type Status = { kind: 'idle' | 'searching' | 'found' | 'wrapped' | 'none' } | { kind: 'error'; message: string };

const BYS: By[] = ['filter', 'hex', 'string', 'regex'];
const INS: In[] = ['list', 'details', 'bytes'];
const CHARSETS: Charset[] = ['both', 'narrow', 'wide'];

export const FindBar = forwardRef<FindBarHandle, Props>(function FindBar({ api, session, from, onFound, onClose }, ref) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [by, setBy] = useState<By>('filter');
  const [where, setWhere] = useState<In>('list');
  const [charset, setCharset] = useState<Charset>('both');
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [text, setText] = useState('');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const seq = useRef(0);
  const textual = by === 'string' || by === 'regex';

  const find = (backward: boolean) => {
    const n = ++seq.current;
    setStatus({ kind: 'searching' });
    const p: FindParams = { session, from: from(), backward, by, text };
    if (textual) {
      p.in = where;
      p.caseSensitive = caseSensitive;
      if (by === 'string' && where === 'bytes') p.charset = charset;
    }
    void api.call('findPacket', p).then((r) => {
      // A newer search replaced this one (the engine answers the older one 'cancelled').
      if (n !== seq.current) return;
      if (!r.ok) return setStatus(r.error.code === 'cancelled' ? { kind: 'idle' } : { kind: 'error', message: r.error.message });
      if (r.value.no === null) return setStatus({ kind: 'none' });
      setStatus({ kind: r.value.wrapped ? 'wrapped' : 'found' });
      onFound(r.value);
    });
  };

  useImperativeHandle(ref, () => ({
    focus() {
      input.current?.focus();
      input.current?.select();
    },
    find,
  }));

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      find(e.shiftKey);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  };

  const message =
    status.kind === 'error' ? status.message
    : status.kind === 'none' ? t(`find.none.${by === 'filter' || by === 'hex' ? by : where}`)
    : status.kind === 'idle' || status.kind === 'found' ? ''
    : t(`find.${status.kind}`);

  return (
    <div className="pl-find" role="search" aria-label={t('find.title')}>
      <label>
        <span className="pl-sr">{t('find.by')}</span>
        <select aria-label={t('find.by')} value={by} onChange={(e) => setBy(e.target.value as By)}>
          {BYS.map((b) => <option key={b} value={b}>{t(`find.byOption.${b}`)}</option>)}
        </select>
      </label>
      {textual && (
        <label>
          <span className="pl-sr">{t('find.in')}</span>
          <select aria-label={t('find.in')} value={where} onChange={(e) => setWhere(e.target.value as In)}>
            {INS.map((w) => <option key={w} value={w}>{t(`find.inOption.${w}`)}</option>)}
          </select>
        </label>
      )}
      {by === 'string' && where === 'bytes' && (
        <label>
          <span className="pl-sr">{t('find.charset')}</span>
          <select aria-label={t('find.charset')} value={charset} onChange={(e) => setCharset(e.target.value as Charset)}>
            {CHARSETS.map((c) => <option key={c} value={c}>{t(`find.charsetOption.${c}`)}</option>)}
          </select>
        </label>
      )}
      {textual && (
        <label className="pl-check-inline">
          <input type="checkbox" checked={caseSensitive} onChange={(e) => setCaseSensitive(e.target.checked)} />
          {t('find.caseSensitive')}
        </label>
      )}
      <input
        ref={input}
        className={`pl-find-input${status.kind === 'error' ? ' invalid' : ''}`}
        aria-label={t('find.text')}
        placeholder={t(`find.placeholder.${by}`)}
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (status.kind !== 'searching') setStatus({ kind: 'idle' });
        }}
        onKeyDown={onKey}
      />
      <button type="button" onClick={() => find(false)} title={t('find.nextTitle')}>{t('find.next')}</button>
      <button type="button" onClick={() => find(true)} title={t('find.previousTitle')}>{t('find.previous')}</button>
      <button type="button" onClick={onClose} aria-label={t('find.close')}>×</button>
      <span role="status" className={`pl-find-msg${status.kind === 'error' || status.kind === 'none' ? ' invalid' : ''}`}>{message}</span>
    </div>
  );
});

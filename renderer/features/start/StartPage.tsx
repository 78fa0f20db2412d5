/**
 * The start page, as Wireshark's: the interfaces to capture on with a capture filter checked by
 * libpcap as the user types, Start; open a file by path (the browser mode cannot show the
 * server's file dialog) with the recent files; and "Open a sample capture".
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InterfaceDesc, SessionApi } from '../../../electron/api/contract.js';

interface Props {
  api: SessionApi;
  liveCapture: { available: boolean; reason?: string } | null;
  recent: readonly string[];
  busy: boolean;
  onOpen(path: string): void;
  onSample(): void;
  onCapture(interfaces: string[], filter: string): void;
}

type FilterCheck = { state: 'empty' | 'checking' | 'valid' } | { state: 'invalid'; message: string };

export function StartPage({ api, liveCapture, recent, busy, onOpen, onSample, onCapture }: Props) {
  const { t } = useTranslation();
  const [ifaces, setIfaces] = useState<InterfaceDesc[] | null>(null);
  const [ifaceError, setIfaceError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [filter, setFilter] = useState('');
  const [check, setCheck] = useState<FilterCheck>({ state: 'empty' });
  const [path, setPath] = useState('');
  const seq = useRef(0);

  useEffect(() => {
    let live = true;
    void api.call('interfaces', {}).then((r) => {
      if (!live) return;
      if (r.ok) {
        setIfaces(r.value);
        const first = r.value.find((i) => i.up && i.running) ?? r.value[0];
        if (first) setChosen([first.name]);
      } else setIfaceError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [api]);

  useEffect(() => {
    const n = ++seq.current;
    if (!filter.trim()) {
      setCheck({ state: 'empty' });
      return;
    }
    setCheck({ state: 'checking' });
    const timer = setTimeout(() => {
      void api.call('checkCaptureFilter', { filter, ...(chosen[0] ? { iface: chosen[0] } : {}) }).then((r) => {
        if (n !== seq.current) return;
        if (!r.ok) setCheck({ state: 'invalid', message: r.error.message });
        else setCheck(r.value.ok ? { state: 'valid' } : { state: 'invalid', message: r.value.message ?? '' });
      });
    }, 150);
    return () => clearTimeout(timer);
  }, [api, filter, chosen]);

  const canStart = !busy && chosen.length > 0 && check.state !== 'invalid' && check.state !== 'checking' && liveCapture?.available !== false;
  const toggle = (name: string, on: boolean) => setChosen((c) => (on ? [...c.filter((x) => x !== name), name] : c.filter((x) => x !== name)));

  return (
    <main className="pl-start" aria-label={t('start.title')}>
      <section className="pl-card" aria-labelledby="pl-open-h">
        <h2 id="pl-open-h">{t('start.open')}</h2>
        <form
          className="pl-open-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (path.trim()) onOpen(path.trim());
          }}
        >
          <label htmlFor="pl-open-path">{t('start.path')}</label>
          <input id="pl-open-path" type="text" value={path} spellCheck={false} placeholder={t('start.pathPlaceholder')} onChange={(e) => setPath(e.target.value)} />
          <button type="submit" disabled={busy || !path.trim()}>{t('start.openButton')}</button>
        </form>
        <button type="button" className="pl-primary" disabled={busy} onClick={onSample}>{t('start.sample')}</button>
        <h3>{t('start.recent')}</h3>
        {recent.length === 0 ? (
          <p className="pl-muted">{t('start.noRecent')}</p>
        ) : (
          <ul className="pl-recent">
            {recent.map((p) => (
              <li key={p}>
                <button type="button" className="pl-link" disabled={busy} onClick={() => onOpen(p)} title={p}>{p}</button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="pl-card" aria-labelledby="pl-cap-h">
        <h2 id="pl-cap-h">{t('start.capture')}</h2>
        {liveCapture && !liveCapture.available && <p className="pl-warn" role="note">{t('start.noLive', { reason: liveCapture.reason ?? '' })}</p>}
        {ifaceError && liveCapture?.available !== false && <p className="pl-warn" role="alert">{ifaceError}</p>}
        {ifaces === null && !ifaceError && <p className="pl-muted">{t('start.loadingInterfaces')}</p>}
        {ifaces && ifaces.length === 0 && <p className="pl-muted">{t('start.noInterfaces')}</p>}
        {ifaces && ifaces.length > 0 && (
          <table className="pl-ifaces">
            <thead>
              <tr>
                <th scope="col"><span className="pl-sr">{t('start.use')}</span></th>
                <th scope="col">{t('start.iface')}</th>
                <th scope="col">{t('start.addresses')}</th>
                <th scope="col">{t('start.flags')}</th>
              </tr>
            </thead>
            <tbody>
              {ifaces.map((i) => (
                <tr key={i.name} className={chosen.includes(i.name) ? 'chosen' : ''}>
                  <td>
                    <input type="checkbox" id={`pl-if-${i.name}`} checked={chosen.includes(i.name)} onChange={(e) => toggle(i.name, e.target.checked)} />
                  </td>
                  <td>
                    <label htmlFor={`pl-if-${i.name}`}>
                      <strong>{i.name}</strong>
                      {i.description && <span className="pl-muted"> — {i.description}</span>}
                    </label>
                  </td>
                  <td className="pl-addrs">{i.addresses.join(', ')}</td>
                  <td>
                    {[i.up && t('start.up'), i.running && t('start.running'), i.loopback && t('start.loopback')].filter(Boolean).join(' · ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <form
          className="pl-cap-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (canStart) onCapture(chosen, filter.trim());
          }}
        >
          <label htmlFor="pl-cap-filter">{t('start.captureFilter')}</label>
          <input
            id="pl-cap-filter"
            type="text"
            spellCheck={false}
            className={check.state === 'valid' ? 'valid' : check.state === 'invalid' ? 'invalid' : ''}
            aria-invalid={check.state === 'invalid'}
            aria-describedby="pl-cap-msg"
            placeholder={t('start.captureFilterPlaceholder')}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <button type="submit" className="pl-primary" disabled={!canStart}>{t('start.start')}</button>
          <div id="pl-cap-msg" role="status" className={`pl-filter-msg ${check.state === 'invalid' ? 'invalid' : ''}`}>
            {check.state === 'invalid' ? check.message : ''}
          </div>
        </form>
      </section>
    </main>
  );
}

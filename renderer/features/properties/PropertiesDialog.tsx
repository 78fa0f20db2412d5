/** Statistics ▸ Capture File Properties: what `capinfos` says about the open capture. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaptureProperties, SessionApi, SessionId } from '../../../electron/api/contract.js';
import { formatDateTime, formatNumber } from '../../i18n/index.js';

interface Props {
  api: SessionApi;
  session: SessionId;
  onClose(): void;
}

export function PropertiesDialog({ api, session, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const [props, setProps] = useState<CaptureProperties | null>(null);
  const [error, setError] = useState<string | null>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const lng = i18n.language;
  const n = (v: number, digits = 0) => formatNumber(lng, v, { maximumFractionDigits: digits });

  useEffect(() => {
    let live = true;
    void api.call('properties', { session }).then((r) => {
      if (!live) return;
      if (r.ok) setProps(r.value);
      else setError(r.error.message);
    });
    closeRef.current?.focus();
    return () => {
      live = false;
    };
  }, [api, session]);

  const rows: [string, string][] = props
    ? [
        [t('properties.path'), props.path],
        [t('properties.format'), props.format],
        [t('properties.fileSize'), t('properties.bytes', { n: n(props.fileSize) })],
        [t('properties.encapsulations'), props.encapsulations.join(', ')],
        [t('properties.packets'), n(props.packets)],
        [t('properties.first'), props.firstTime === null ? '—' : formatDateTime(lng, props.firstTime)],
        [t('properties.last'), props.lastTime === null ? '—' : formatDateTime(lng, props.lastTime)],
        [t('properties.duration'), t('properties.seconds', { n: n(props.duration, 6) })],
        [t('properties.dataBytes'), t('properties.bytes', { n: n(props.dataBytes) })],
        [t('properties.avgSize'), t('properties.bytes', { n: n(props.averagePacketSize, 1) })],
        [t('properties.avgBytesPerSec'), n(props.averageBytesPerSecond, 1)],
        [t('properties.avgPacketsPerSec'), n(props.averagePacketsPerSecond, 1)],
        ...props.interfaces.map((i, k): [string, string] => [t('properties.interface', { k }), `${i.name}${i.description ? ` (${i.description})` : ''} · ${i.linkType} · ${t('properties.snapLen', { n: i.snapLen })}${i.filter ? ` · ${i.filter}` : ''}`]),
        ...props.comments.map((c, k): [string, string] => [t('properties.comment', { k: k + 1 }), c]),
        ...(props.truncated ? [[t('properties.truncated'), props.truncated] as [string, string]] : []),
      ]
    : [];

  return (
    <div className="pl-dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="pl-dialog pl-properties" role="dialog" aria-modal="true" aria-labelledby="pl-props-h">
        <h2 id="pl-props-h">{t('properties.title')}</h2>
        {error && <p className="pl-warn" role="alert">{error}</p>}
        {!props && !error && <p className="pl-muted">{t('grid.loading')}</p>}
        {props && (
          <table>
            <tbody>
              {rows.map(([k, v], i) => (
                <tr key={i}>
                  <th scope="row">{k}</th>
                  <td>{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <button type="button" ref={closeRef} onClick={onClose}>{t('properties.close')}</button>
      </div>
    </div>
  );
}

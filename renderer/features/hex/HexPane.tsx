/**
 * The bytes pane: offset, hex and ASCII, 16 bytes a line, one tab per data source (the frame,
 * then reassembled or de-chunked data, as Wireshark shows them). The selected field's bytes are
 * highlighted; clicking a byte selects the field that covers it.
 */
import { useMemo, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DataSource } from '../../../electron/api/contract.js';

interface Props {
  sources: readonly DataSource[];
  active: number;
  onActive(source: number): void;
  /** The bytes to highlight in the active source: [start, end). */
  highlight: { source: number; start: number; end: number } | null;
  onByte(source: number, offset: number): void;
}

/** Bytes shown at most per source (a reassembled body can be megabytes). */
export const HEX_MAX_BYTES = 256 * 1024;

export function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const hex2 = (b: number) => b.toString(16).padStart(2, '0');

/** The engine names data sources in English ("Frame (74 bytes)"): the known kinds are translated. */
const SOURCE_KINDS: Record<string, string> = {
  Frame: 'frame',
  'Reassembled TCP': 'reassembledTcp',
  'De-chunked entity body': 'dechunked',
  'Uncompressed entity body': 'uncompressed',
  'Reassembled IPv4': 'reassembledIpv4',
  'Reassembled IPv6': 'reassembledIpv6',
};
export function sourceKey(name: string): string | null {
  const kind = SOURCE_KINDS[name.replace(/ \(\d+ bytes?\)$/, '')];
  return kind ? `hex.source.${kind}` : null;
}

/** Bytes in a base64 string, without decoding it. */
export function base64Length(b64: string): number {
  return Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
}

export function HexPane({ sources, active, onActive, highlight, onByte }: Props) {
  const { t } = useTranslation();
  const label = (source: DataSource) => {
    const k = sourceKey(source.name);
    return k ? t(k, { count: base64Length(source.bytes) }) : source.name;
  };
  const tabsRef = useRef<HTMLDivElement>(null);
  const src = sources[active] ?? sources[0];
  const bytes = useMemo(() => (src ? decodeBase64(src.bytes) : new Uint8Array(0)), [src]);
  const shown = Math.min(bytes.length, HEX_MAX_BYTES);
  const hl = highlight && highlight.source === active ? highlight : null;
  const offDigits = Math.max(4, shown.toString(16).length);

  const lines = [];
  for (let line = 0; line < shown; line += 16) {
    const hexCells = [];
    const asciiCells = [];
    for (let i = line; i < Math.min(line + 16, shown); i++) {
      const b = bytes[i]!;
      const on = !!hl && i >= hl.start && i < hl.end;
      const cls = on ? 'pl-byte hl' : 'pl-byte';
      hexCells.push(
        <span key={i} role="gridcell" aria-selected={on} data-offset={i} className={cls + (i % 16 === 8 ? ' gap' : '')} onClick={() => onByte(active, i)}>
          {hex2(b)}
        </span>,
      );
      asciiCells.push(
        <span key={i} data-offset={i} className={cls} onClick={() => onByte(active, i)}>
          {b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.'}
        </span>,
      );
    }
    lines.push(
      <div key={line} role="row" className="pl-hex-line">
        <span role="rowheader" className="pl-hex-off">{line.toString(16).padStart(offDigits, '0')}</span>
        <span className="pl-hex-bytes">{hexCells}</span>
        <span className="pl-hex-ascii" aria-hidden="true">{asciiCells}</span>
      </div>,
    );
  }

  const onTabKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const n = sources.length;
    const next = (active + (e.key === 'ArrowRight' ? 1 : n - 1)) % n;
    onActive(next);
    tabsRef.current?.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
    e.preventDefault();
  };

  return (
    <div className="pl-hex-pane">
      <div className="pl-hex-scroll" role="region" aria-label={t('hex.label')} tabIndex={0}>
        {src ? (
          <div role="grid" aria-label={t('hex.bytesOf', { name: label(src) })} className="pl-hex" data-testid="hex">
            {lines}
          </div>
        ) : (
          <div className="pl-empty">{t('hex.none')}</div>
        )}
        {bytes.length > shown && <div className="pl-empty">{t('hex.truncated', { shown, total: bytes.length })}</div>}
      </div>
      {sources.length > 1 && (
        <div className="pl-tabs" role="tablist" aria-label={t('hex.sources')} ref={tabsRef} onKeyDown={onTabKey}>
          {sources.map((s, i) => (
            <button key={i} type="button" role="tab" aria-selected={i === active} tabIndex={i === active ? 0 : -1} onClick={() => onActive(i)}>
              {label(s)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

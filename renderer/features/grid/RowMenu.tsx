/**
 * The packet list's right-click menu, as Wireshark's: the packet's conversation as the display
 * filter (applied, or prepared in the filter bar), Follow Stream and the handshake view for its
 * stream, and Copy › Summary as Text (tab-separated) or as CSV.
 */
import { useTranslation } from 'react-i18next';
import type { Row } from '../../../electron/api/contract.js';
import { PopupMenu } from '../../shell/PopupMenu.js';
import { copyText } from '../../shell/clipboard.js';
import { conversationFilter } from '../find/conversation.js';

interface Props {
  row: Row;
  x: number;
  y: number;
  onClose(): void;
  onFilter(filter: string, apply: boolean): void;
  onFollow(): void;
  onHandshake(): void;
}

/** The row's columns as the list shows them (Time in seconds since the first packet), custom columns last. */
export function summaryCells(r: Row): string[] {
  return [String(r.no), r.time.toFixed(6), r.source, r.destination, r.protocol, String(r.length), r.info, ...(r.custom ?? [])];
}

export const summaryText = (r: Row): string => summaryCells(r).join('\t');
export const summaryCsv = (r: Row): string => summaryCells(r).map((c) => `"${c.replaceAll('"', '""')}"`).join(',');

export function RowMenu({ row, x, y, onClose, onFilter, onFollow, onHandshake }: Props) {
  const { t } = useTranslation();
  const conv = conversationFilter(row);
  const stream = row.tcpStream !== undefined || row.udpStream !== undefined;
  const act = (f: () => void) => () => {
    f();
    onClose();
  };
  return (
    <PopupMenu x={x} y={y} label={t('grid.menu', { no: row.no })} onClose={onClose}>
      <button type="button" role="menuitem" disabled={!conv} onClick={act(() => conv && onFilter(conv, true))}>{t('grid.filterConversation')}</button>
      <button type="button" role="menuitem" disabled={!conv} onClick={act(() => conv && onFilter(conv, false))}>{t('grid.prepareConversation')}</button>
      <button type="button" role="menuitem" disabled={!stream} onClick={act(onFollow)}>{t(row.udpStream !== undefined && row.tcpStream === undefined ? 'grid.followUdp' : 'grid.followTcp')}</button>
      <button type="button" role="menuitem" disabled={row.tcpStream === undefined} onClick={act(onHandshake)}>{t('grid.handshake')}</button>
      <button type="button" role="menuitem" onClick={act(() => void copyText(summaryText(row)))}>{t('grid.copySummary')}</button>
      <button type="button" role="menuitem" onClick={act(() => void copyText(summaryCsv(row)))}>{t('grid.copyCsv')}</button>
    </PopupMenu>
  );
}

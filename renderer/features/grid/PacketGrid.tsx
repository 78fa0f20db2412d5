/**
 * The packet list: ag-grid's Infinite Row Model over the engine's `rows` ranges, so the renderer
 * only ever holds the blocks in view (a million-packet file costs no more than a small one).
 * Sorting is the engine's (`sort`); colours are Wireshark's default rules (Row.color); during a
 * live capture (or while a file is still indexing) the list follows the newest row until the user
 * scrolls up, and follows again once they scroll back to the bottom.
 */
import { forwardRef, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AgGridReact } from 'ag-grid-react';
import {
  AllCommunityModule,
  ModuleRegistry,
  colorSchemeDark,
  colorSchemeLight,
  themeBalham,
  type BodyScrollEvent,
  type CellFocusedEvent,
  type ColDef,
  type GetRowIdParams,
  type GridApi,
  type GridReadyEvent,
  type IDatasource,
  type IGetRowsParams,
  type RowClassParams,
  type RowStyle,
  type SortModelItem,
} from 'ag-grid-community';
import type { ColumnId, Row, SessionApi, SessionInfo, SortDir } from '../../../electron/api/contract.js';
import { formatDateTime } from '../../i18n/index.js';
import { rowColors } from './coloring.js';
import { loadSetting, saveSetting } from '../../shell/settings.js';
import { customColField, customColId, type CustomColumn } from './custom-columns.js';

/** Column widths and order, as remembered (visibility is the Columns menu's, sort the engine's). */
interface SavedColumn {
  colId: string;
  width?: number;
}

ModuleRegistry.registerModules([AllCommunityModule]);

export type TimeFormat = 'relative' | 'delta' | 'absolute';
export const TIME_FORMATS: readonly TimeFormat[] = ['relative', 'delta', 'absolute'];
export const GRID_COLUMNS: readonly ColumnId[] = ['no', 'time', 'source', 'destination', 'protocol', 'length', 'info'];

export interface PacketGridHandle {
  /** Scrolls to a view index and selects the row there. */
  goToIndex(index: number): void;
  setColumnVisible(col: ColumnId, visible: boolean): void;
  focus(): void;
}

interface Props {
  api: SessionApi;
  session: SessionInfo;
  /** Rows in the view and whether that is final (from status events). */
  displayed: number;
  complete: boolean;
  /** Bumped when the view changes under the grid (filter applied): the cache is dropped. */
  viewVersion: number;
  live: boolean;
  timeFormat: TimeFormat;
  theme: 'light' | 'dark';
  /** Paint rows with Wireshark's colouring rules. */
  colorize: boolean;
  styleNonce: string | undefined;
  /** Where column widths and order are remembered. */
  storage: Storage | null;
  /** Custom columns (Apply as Column), after the built-in ones: their values come in Row.custom. */
  custom: readonly CustomColumn[];
  onSelect(row: Row | null): void;
  onError(message: string): void;
  /** A right click on a row (selected first): where the menu goes. */
  onRowMenu?(row: Row, x: number, y: number): void;
}

const BLOCK = 100;

export const PacketGrid = forwardRef<PacketGridHandle, Props>(function PacketGrid(props, ref) {
  const { t, i18n } = useTranslation();
  const gridApi = useRef<GridApi<Row> | null>(null);
  const [follow, setFollow] = useState(true);
  const followRef = useRef(true);
  const shortBlock = useRef(false);
  const sortKey = useRef('');
  const sortDone = useRef<Promise<boolean>>(Promise.resolve(true));
  const propsRef = useRef(props);
  propsRef.current = props;
  /** A row focused by the keyboard before its block had loaded. */
  const pendingFocus = useRef<number | null>(null);

  const theme = useMemo(
    () => themeBalham.withPart(props.theme === 'dark' ? colorSchemeDark : colorSchemeLight).withParams({ fontSize: 12, rowHeight: 22, headerHeight: 26 }),
    [props.theme],
  );

  const timeText = useCallback(
    (row: Row | undefined, fmt: TimeFormat): string => {
      if (!row) return '';
      if (fmt === 'absolute') return formatDateTime(i18n.language, row.epoch);
      return (fmt === 'delta' ? row.delta : row.time).toFixed(6);
    },
    [i18n.language],
  );

  const columnDefs = useMemo<ColDef<Row>[]>(
    () => [
      { colId: 'no', field: 'no', headerName: t('grid.col.no'), initialWidth: 80, type: 'rightAligned' },
      {
        colId: 'time',
        headerName: t('grid.col.time'),
        initialWidth: 150,
        valueGetter: (p) => timeText(p.data, props.timeFormat),
        type: 'rightAligned',
      },
      { colId: 'source', field: 'source', headerName: t('grid.col.source'), initialWidth: 150 },
      { colId: 'destination', field: 'destination', headerName: t('grid.col.destination'), initialWidth: 150 },
      { colId: 'protocol', field: 'protocol', headerName: t('grid.col.protocol'), initialWidth: 90 },
      { colId: 'length', field: 'length', headerName: t('grid.col.length'), initialWidth: 80, type: 'rightAligned' },
      { colId: 'info', field: 'info', headerName: t('grid.col.info'), initialFlex: 1, minWidth: 200 },
      // Sorted by the engine too (numbers as numbers), for views of up to 100,000 rows.
      ...props.custom.map((c, k): ColDef<Row> => ({
        colId: customColId(c.field),
        headerName: c.title,
        headerTooltip: c.field,
        initialWidth: 130,
        valueGetter: (p) => p.data?.custom?.[k] ?? '',
      })),
    ],
    [t, props.timeFormat, timeText, props.custom],
  );

  const defaultColDef = useMemo<ColDef<Row>>(() => ({ sortable: true, resizable: true, suppressHeaderMenuButton: true }), []);

  /** Asks the engine to sort when the grid's sort model changed; every block waits for it. */
  const ensureSorted = useCallback((model: SortModelItem[]): Promise<boolean> => {
    const first = model[0];
    const key = first ? `${first.colId}:${first.sort}` : '';
    if (key === sortKey.current) return sortDone.current;
    sortKey.current = key;
    const { api, session, onError } = propsRef.current;
    const dir: SortDir = first?.sort === 'desc' ? 'desc' : 'asc';
    // A custom column ("f:http.time") sorts by its field.
    const field = first ? customColField(first.colId) : null;
    const params = field !== null ? { session: session.id, column: 'custom' as const, field, dir } : { session: session.id, column: (first ? first.colId : null) as ColumnId | null, dir };
    sortDone.current = api.call('sort', params).then((r) => {
      if (!r.ok) onError(r.error.message);
      return r.ok;
    });
    return sortDone.current;
  }, []);

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (p: IGetRowsParams) => {
        const { api, session, onError } = propsRef.current;
        void ensureSorted(p.sortModel).then(async () => {
          const count = Math.min(1000, p.endRow - p.startRow);
          const r = await api.call('rows', { session: session.id, start: p.startRow, count });
          if (!r.ok) {
            onError(r.error.message);
            p.failCallback();
            return;
          }
          const { rows, displayed } = r.value;
          if (rows.length < count && p.startRow + rows.length < p.endRow && !r.value.complete) shortBlock.current = true;
          p.successCallback(rows, displayed);
          // A row focused before its block arrived (Ctrl+End, Page Down in a large file).
          const pending = pendingFocus.current;
          if (pending !== null && pending >= p.startRow && pending < p.startRow + rows.length) setTimeout(selectPending, 0);
        });
      },
    }),
    // The session is fixed for the grid's life (the grid is keyed by session); the view version
    // makes a new datasource, which drops every cached block.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [props.viewVersion, ensureSorted],
  );

  // Rows arriving (indexing, live capture): grow the row count, reload a block that was short,
  // and follow the end unless the user scrolled away.
  const lastCount = useRef(0);
  const lastRefresh = useRef(0);
  useEffect(() => {
    const g = gridApi.current;
    if (!g) return;
    if (props.displayed === lastCount.current && !shortBlock.current) return;
    lastCount.current = props.displayed;
    g.setRowCount(props.displayed, true);
    // A block that came back short is fetched again, at most twice a second: the engine serves
    // rows from the thread that is indexing, so refetching must not starve it.
    const now = performance.now();
    if (shortBlock.current && (props.complete || now - lastRefresh.current > 500)) {
      shortBlock.current = false;
      lastRefresh.current = now;
      g.refreshInfiniteCache();
    }
    if (props.live && followRef.current && props.displayed > 0) {
      g.ensureIndexVisible(props.displayed - 1, 'bottom');
    }
  }, [props.displayed, props.complete, props.live]);

  // Following pauses when the user scrolls up, and resumes when they come back to the end. The
  // grid's own scrolls (following) only ever go down, so they never pause it.
  const lastTop = useRef(0);
  const onBodyScroll = useCallback((e: BodyScrollEvent<Row>) => {
    if (e.direction !== 'vertical') return;
    const up = e.top < lastTop.current;
    lastTop.current = e.top;
    const atEnd = e.api.getLastDisplayedRowIndex() >= propsRef.current.displayed - 2;
    const next = atEnd ? true : up ? false : followRef.current;
    if (next !== followRef.current) {
      followRef.current = next;
      setFollow(next);
    }
  }, []);

  // The keyboard moves the selection with the focus (as Wireshark's list does); a row whose block
  // is still loading (Ctrl+End in a large file) is selected when it arrives.
  const onCellFocused = useCallback((e: CellFocusedEvent<Row>) => {
    if (e.rowIndex == null || e.rowPinned) return;
    const node = e.api.getDisplayedRowAtIndex(e.rowIndex);
    pendingFocus.current = node?.data ? null : e.rowIndex;
    if (node?.data && !node.isSelected()) node.setSelected(true, true);
  }, []);
  const selectPending = useCallback(() => {
    const g = gridApi.current;
    if (!g || pendingFocus.current === null) return;
    const node = g.getDisplayedRowAtIndex(pendingFocus.current);
    if (node?.data) {
      const index = pendingFocus.current;
      pendingFocus.current = null;
      node.setSelected(true, true);
      // The row was not drawn when it got the focus: give the browser's focus to its cell now,
      // so the arrows go on from there.
      const focused = g.getFocusedCell();
      if (focused && focused.rowIndex === index) setTimeout(() => g.setFocusedCell(index, focused.column), 0);
    }
  }, []);

  const onSelectionChanged = useCallback(() => {
    const row = gridApi.current?.getSelectedRows()[0] ?? null;
    propsRef.current.onSelect(row);
  }, []);

  const getRowStyle = useCallback(
    (p: RowClassParams<Row>): RowStyle | undefined => {
      const c = props.colorize && p.data ? rowColors(p.data.color) : undefined;
      return c ? { background: c.bg, color: c.fg } : undefined;
    },
    [props.colorize],
  );
  useEffect(() => gridApi.current?.redrawRows(), [props.colorize]);

  const goToIndexRef = useRef<(index: number) => void>(() => undefined);
  goToIndexRef.current = (index: number) => {
    const g = gridApi.current;
    if (!g) return;
    pendingFocus.current = index;
    g.ensureIndexVisible(index, 'middle');
    g.setFocusedCell(index, 'no');
    selectPending();
  };

  useImperativeHandle(ref, () => ({
    goToIndex(index: number) {
      goToIndexRef.current(index);
    },
    setColumnVisible(col: ColumnId, visible: boolean) {
      gridApi.current?.setColumnsVisible([col], visible);
    },
    focus() {
      const g = gridApi.current;
      if (!g) return;
      const idx = g.getSelectedNodes()[0]?.rowIndex ?? g.getFirstDisplayedRowIndex();
      if (idx != null && idx >= 0) g.setFocusedCell(idx, 'no');
    },
  }));

  const onGridReady = useCallback((e: GridReadyEvent<Row>) => {
    gridApi.current = e.api;
    lastCount.current = 0;
    const saved = loadSetting<SavedColumn[]>(propsRef.current.storage, 'columns', null, []).filter(
      (c) => c && typeof c.colId === 'string' && (GRID_COLUMNS.includes(c.colId as ColumnId) || c.colId.startsWith('f:')) && (c.width === undefined || (Number.isFinite(c.width) && c.width >= 30 && c.width <= 2000)),
    );
    if (saved.length) e.api.applyColumnState({ state: saved.map((c) => ({ colId: c.colId, ...(c.width ? { width: c.width } : {}) })), applyOrder: true });
  }, []);
  const saveColumns = useCallback(() => {
    const g = gridApi.current;
    if (!g) return;
    const state: SavedColumn[] = g.getColumnState().map((c) => ({ colId: c.colId, ...(c.flex ? {} : { width: c.width }) }));
    saveSetting(propsRef.current.storage, 'columns', state);
  }, []);

  return (
    <div className="pl-grid-wrap">
      <div
        className="pl-grid"
        data-testid="packet-grid"
        onKeyDownCapture={(e) => {
          // Home/End (with or without Ctrl) go to the first/last packet, as in Wireshark's list;
          // the target row's block may still have to load (it is selected when it arrives).
          if ((e.key !== 'Home' && e.key !== 'End') || e.altKey || e.shiftKey || !(e.target as HTMLElement).closest('.ag-body')) return;
          e.preventDefault();
          e.stopPropagation();
          const n = propsRef.current.displayed;
          if (n > 0) goToIndexRef.current(e.key === 'Home' ? 0 : n - 1);
        }}
      >
        <AgGridReact<Row>
          theme={theme}
          {...(props.styleNonce ? { styleNonce: props.styleNonce } : {})}
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={BLOCK}
          maxBlocksInCache={30}
          maxConcurrentDatasourceRequests={2}
          blockLoadDebounceMillis={80}
          infiniteInitialRowCount={Math.max(1, Math.min(props.displayed, BLOCK))}
          columnDefs={columnDefs}
          defaultColDef={defaultColDef}
          getRowId={(p: GetRowIdParams<Row>) => String(p.data.no)}
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          getRowStyle={getRowStyle}
          onGridReady={onGridReady}
          onBodyScroll={onBodyScroll}
          onCellFocused={onCellFocused}
          onModelUpdated={selectPending}
          onSelectionChanged={onSelectionChanged}
          preventDefaultOnContextMenu
          onCellContextMenu={(e) => {
            const ev = e.event as MouseEvent | null | undefined;
            if (!e.data || !ev) return;
            ev.preventDefault();
            if (!e.node.isSelected()) e.node.setSelected(true, true);
            propsRef.current.onRowMenu?.(e.data, ev.clientX, ev.clientY);
          }}
          onColumnMoved={(e) => e.finished && saveColumns()}
          onColumnResized={(e) => e.finished && e.source !== 'flex' && e.source !== 'api' && saveColumns()}
          localeText={{ loadingOoo: t('grid.loading'), noRowsToShow: t('grid.noRows') }}
          suppressDragLeaveHidesColumns
          animateRows={false}
        />
      </div>
      {props.live && !follow && (
        <button type="button" className="pl-follow" onClick={() => {
          followRef.current = true;
          setFollow(true);
          if (props.displayed > 0) gridApi.current?.ensureIndexVisible(props.displayed - 1, 'bottom');
        }}>
          {t('grid.resumeAutoScroll')}
        </button>
      )}
    </div>
  );
});

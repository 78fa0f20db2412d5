/**
 * The decode tree of the selected packet: one node per layer (labelled with its TCP/IP layer in
 * the current language, then the protocol's summary line), fields as Wireshark shows them,
 * expert items in their severity colour. An ARIA tree: arrows move and open/close, Home/End,
 * '*' expands everything under the focused node, the context-menu key (or right click) offers
 * "Apply as filter" / "Prepare as filter". A frame-number field ("[Response in frame: 25]") is a
 * link, as in Wireshark: double-click or Enter goes to that packet, and so does its menu item.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TreeNode } from '../../../electron/api/contract.js';
import { allParents, ancestors, expandOneLevel, filterFor, nodeAt, valueTextOf, visibleNodes, type NodePath } from './model.js';
import { copyText } from '../../shell/clipboard.js';
import { PopupMenu } from '../../shell/PopupMenu.js';

interface Props {
  tree: readonly TreeNode[];
  selected: NodePath | null;
  onSelect(path: NodePath | null): void;
  /** apply: true → apply now; false → put it in the filter bar. */
  onFilter(filter: string, apply: boolean): void;
  /** "Apply as Column": a custom column for the item's field. */
  onColumn?(field: string): void;
  /** Go to packet `no` (a frame-number field followed). */
  onGoTo?(no: number): void;
}

interface Menu {
  x: number;
  y: number;
  path: NodePath;
}

export function DecodeTree({ tree, selected, onSelect, onFilter, onGoTo, onColumn }: Props) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState<Set<NodePath>>(() => new Set());
  const [menu, setMenu] = useState<Menu | null>(null);
  const rootRef = useRef<HTMLUListElement>(null);

  // A selection made elsewhere (a byte clicked in the hex pane) is revealed.
  useEffect(() => {
    if (!selected) return;
    const need = ancestors(selected).filter((p) => !expanded.has(p));
    if (need.length) setExpanded((e) => new Set([...e, ...need]));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected]);

  const visible = useMemo(() => visibleNodes(tree, expanded), [tree, expanded]);
  const focusPath = selected && visible.some((v) => v.path === selected) ? selected : (visible[0]?.path ?? null);

  const focusNode = useCallback((path: NodePath) => {
    onSelect(path);
    requestAnimationFrame(() => rootRef.current?.querySelector<HTMLElement>(`[data-path="${path}"]`)?.focus());
  }, [onSelect]);

  const toggle = (path: NodePath, open?: boolean) =>
    setExpanded((e) => {
      const next = new Set(e);
      const isOpen = next.has(path);
      if (open ?? !isOpen) next.add(path);
      else next.delete(path);
      return next;
    });

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const i = visible.findIndex((v) => v.path === focusPath);
    const cur = visible[i];
    if (!cur) return;
    const hasKids = !!cur.node.children?.length;
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        if (visible[i + 1]) focusNode(visible[i + 1]!.path);
        break;
      case 'ArrowUp':
        if (i > 0) focusNode(visible[i - 1]!.path);
        break;
      case 'ArrowRight':
        if (hasKids && !expanded.has(cur.path)) toggle(cur.path, true);
        else if (hasKids) focusNode(`${cur.path}.0`);
        break;
      case 'ArrowLeft':
        if (hasKids && expanded.has(cur.path)) toggle(cur.path, false);
        else if (cur.parent) focusNode(cur.parent);
        break;
      case 'Home':
        if (visible[0]) focusNode(visible[0].path);
        break;
      case 'End':
        if (visible.length) focusNode(visible[visible.length - 1]!.path);
        break;
      case 'Enter':
        if (cur.node.goTo && onGoTo) onGoTo(cur.node.goTo);
        else if (hasKids) toggle(cur.path);
        break;
      case ' ':
        if (hasKids) toggle(cur.path);
        break;
      case '*': {
        const sub = allParents(cur.node.children ?? []).map((p) => `${cur.path}.${p}`);
        setExpanded((ex) => new Set([...ex, cur.path, ...sub]));
        break;
      }
      case 'ContextMenu': {
        const el = rootRef.current?.querySelector<HTMLElement>(`[data-path="${cur.path}"]`)?.getBoundingClientRect();
        setMenu({ x: el ? el.left + 24 : 40, y: el ? el.bottom : 40, path: cur.path });
        break;
      }
      default:
        handled = false;
    }
    if (e.key === 'F10' && e.shiftKey) {
      const el = rootRef.current?.querySelector<HTMLElement>(`[data-path="${cur.path}"]`)?.getBoundingClientRect();
      setMenu({ x: el ? el.left + 24 : 40, y: el ? el.bottom : 40, path: cur.path });
      handled = true;
    }
    if (handled) e.preventDefault();
  };

  const onContextMenu = (e: MouseEvent, path: NodePath) => {
    e.preventDefault();
    onSelect(path);
    setMenu({ x: e.clientX, y: e.clientY, path });
  };

  const closeMenu = useCallback(() => {
    if (!menu) return;
    setMenu(null);
    focusNode(menu.path);
  }, [menu, focusNode]);

  const menuNode = menu ? nodeAt(tree, menu.path) : undefined;
  const menuFilter = menuNode ? filterFor(menuNode) : null;
  const menuGoTo = menuNode?.goTo && onGoTo ? menuNode.goTo : null;

  return (
    <div className="pl-tree-pane" onClick={() => setMenu(null)}>
      <div className="pl-pane-toolbar" role="toolbar" aria-label={t('tree.toolbar')}>
        <button type="button" onClick={() => setExpanded(new Set(allParents(tree)))}>{t('tree.expandAll')}</button>
        <button type="button" onClick={() => setExpanded(new Set())}>{t('tree.collapseAll')}</button>
        <button type="button" onClick={() => setExpanded((e) => expandOneLevel(tree, e))}>{t('tree.expandLevel')}</button>
      </div>
      {tree.length === 0 ? (
        <div className="pl-empty">{t('tree.none')}</div>
      ) : (
        <ul className="pl-tree" role="tree" aria-label={t('tree.label')} ref={rootRef} onKeyDown={onKeyDown}>
          {visible.map(({ path, node, depth }) => {
            const kids = !!node.children?.length;
            const isSel = path === selected;
            const text = node.generated && !node.label.startsWith('[') ? `[${node.label}]` : node.label;
            return (
              <li
                key={path}
                role="treeitem"
                data-path={path}
                data-field={node.field || undefined}
                aria-level={depth + 1}
                aria-selected={isSel}
                aria-expanded={kids ? expanded.has(path) : undefined}
                tabIndex={path === focusPath ? 0 : -1}
                className={`pl-node${isSel ? ' selected' : ''}${node.severity ? ` sev-${node.severity}` : ''}${node.generated ? ' generated' : ''}${node.goTo && onGoTo ? ' pl-link' : ''}`}
                data-goto={node.goTo && onGoTo ? node.goTo : undefined}
                title={node.goTo && onGoTo ? t('tree.goToHint', { no: node.goTo }) : undefined}
                style={{ paddingLeft: `${depth * 16 + 4}px` }}
                onClick={(e) => {
                  e.stopPropagation();
                  setMenu(null);
                  onSelect(path);
                }}
                onDoubleClick={() => {
                  if (node.goTo && onGoTo) onGoTo(node.goTo);
                  else if (kids) toggle(path);
                }}
                onContextMenu={(e) => onContextMenu(e, path)}
              >
                <span className="pl-twisty" aria-hidden="true" onClick={(e) => { e.stopPropagation(); if (kids) toggle(path); onSelect(path); }}>
                  {kids ? (expanded.has(path) ? '▾' : '▸') : ''}
                </span>
                {node.layer && <span className={`pl-layer layer-${node.layer}`}>{t(`layer.${node.layer}`)}</span>}
                <span className="pl-label">{text}</span>
              </li>
            );
          })}
        </ul>
      )}
      {menu && (
        <PopupMenu x={menu.x} y={menu.y} label={t('tree.label')} onClose={closeMenu}>
          <button type="button" role="menuitem" disabled={!menuFilter} onClick={() => { if (menuFilter) onFilter(menuFilter, true); setMenu(null); }}>
            {t('tree.applyAsFilter')}
          </button>
          <button type="button" role="menuitem" disabled={!menuFilter} onClick={() => { if (menuFilter) onFilter(menuFilter, false); setMenu(null); }}>
            {t('tree.prepareAsFilter')}
          </button>
          {onColumn && (
            <button type="button" role="menuitem" disabled={!menuNode?.field} onClick={() => { if (menuNode?.field) onColumn(menuNode.field); setMenu(null); }}>
              {t('tree.applyAsColumn')}
            </button>
          )}
          {/* Wireshark's Copy › Description / Field Name / Value / As Filter. */}
          {menuNode && (
            <>
              <button type="button" role="menuitem" onClick={() => { void copyText(menuNode.label); setMenu(null); }}>{t('tree.copyDescription')}</button>
              <button type="button" role="menuitem" disabled={!menuNode.field} onClick={() => { void copyText(menuNode.field); setMenu(null); }}>{t('tree.copyFieldName')}</button>
              <button type="button" role="menuitem" disabled={valueTextOf(menuNode) === null} onClick={() => { void copyText(valueTextOf(menuNode) ?? ''); setMenu(null); }}>{t('tree.copyValue')}</button>
              <button type="button" role="menuitem" disabled={!menuFilter} onClick={() => { if (menuFilter) void copyText(menuFilter); setMenu(null); }}>{t('tree.copyAsFilter')}</button>
            </>
          )}
          {menuGoTo !== null && (
            <button type="button" role="menuitem" onClick={() => { onGoTo!(menuGoTo); setMenu(null); }}>
              {t('tree.goToPacket', { no: menuGoTo })}
            </button>
          )}
        </PopupMenu>
      )}
    </div>
  );
}


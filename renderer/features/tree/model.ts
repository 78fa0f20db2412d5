/**
 * Pure helpers over a packet's decode tree: node paths, which nodes are visible under an expand
 * state, the deepest node covering a byte (clicking in the hex pane), and the filter a node makes.
 */
import type { TreeNode } from '../../../electron/api/contract.js';

/** A node's path: its indexes from the root, joined by '.' ("0", "2.1.4"). */
export type NodePath = string;

export interface VisibleNode {
  path: NodePath;
  node: TreeNode;
  depth: number;
  parent: NodePath | null;
}

export function nodeAt(tree: readonly TreeNode[], path: NodePath): TreeNode | undefined {
  let list: readonly TreeNode[] | undefined = tree;
  let node: TreeNode | undefined;
  for (const part of path.split('.')) {
    node = list?.[Number(part)];
    if (!node) return undefined;
    list = node.children;
  }
  return node;
}

/** The nodes a reader sees, in order, given the set of expanded paths. */
export function visibleNodes(tree: readonly TreeNode[], expanded: ReadonlySet<NodePath>): VisibleNode[] {
  const out: VisibleNode[] = [];
  const walk = (list: readonly TreeNode[], prefix: string, depth: number, parent: NodePath | null) => {
    list.forEach((node, i) => {
      const path = prefix ? `${prefix}.${i}` : String(i);
      out.push({ path, node, depth, parent });
      if (node.children?.length && expanded.has(path)) walk(node.children, path, depth + 1, path);
    });
  };
  walk(tree, '', 0, null);
  return out;
}

/** Every path that has children (for "expand all"). */
export function allParents(tree: readonly TreeNode[]): NodePath[] {
  const out: NodePath[] = [];
  const walk = (list: readonly TreeNode[], prefix: string) =>
    list.forEach((node, i) => {
      const path = prefix ? `${prefix}.${i}` : String(i);
      if (node.children?.length) {
        out.push(path);
        walk(node.children, path);
      }
    });
  walk(tree, '');
  return out;
}

/** "Expand one level": expand every collapsed parent whose own parent is shown expanded. */
export function expandOneLevel(tree: readonly TreeNode[], expanded: ReadonlySet<NodePath>): Set<NodePath> {
  const next = new Set(expanded);
  for (const v of visibleNodes(tree, expanded)) if (v.node.children?.length && !expanded.has(v.path)) next.add(v.path);
  return next;
}

/** The paths of a node's ancestors (to reveal it). */
export function ancestors(path: NodePath): NodePath[] {
  const parts = path.split('.');
  const out: NodePath[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join('.'));
  return out;
}

/**
 * The deepest, smallest node of data source `source` whose bytes include `offset` — what
 * Wireshark selects when a byte is clicked.
 */
export function nodeForByte(tree: readonly TreeNode[], source: number, offset: number): NodePath | null {
  let best: { path: NodePath; len: number; depth: number } | null = null;
  const walk = (list: readonly TreeNode[], prefix: string, depth: number) =>
    list.forEach((node, i) => {
      const path = prefix ? `${prefix}.${i}` : String(i);
      if (node.source === source && node.length > 0 && offset >= node.offset && offset < node.offset + node.length) {
        if (!best || node.length < best.len || (node.length === best.len && depth > best.depth)) best = { path, len: node.length, depth };
      }
      if (node.children) walk(node.children, path, depth + 1);
    });
  walk(tree, '', 0);
  return (best as { path: NodePath } | null)?.path ?? null;
}

/** The display filter a node stands for ("tcp.srcport == 51234", or "tcp" for a protocol). */
/**
 * The value an item shows (what Copy › Value copies): its label after the field's name ("64" of
 * "Time to Live: 64"), else its filter value; null for an item that shows none (a protocol, a
 * text item without a name).
 */
export function valueTextOf(node: TreeNode): string | null {
  const label = node.label.replace(/^\[(.*)\]$/, '$1');
  const at = label.indexOf(': ');
  if (at > 0 && node.field && node.layer === undefined) return label.slice(at + 2);
  if (node.filterValue !== undefined && node.filterValue !== '') return node.filterValue.replace(/^"(.*)"$/, '$1');
  return null;
}

export function filterFor(node: TreeNode): string | null {
  if (!node.field) return null;
  if (node.filterValue === undefined || node.filterValue === '') return node.field;
  return `${node.field} == ${node.filterValue}`;
}

/**
 * A context menu at a point (the details' and the packet list's right-click menus): its items are
 * buttons with role="menuitem"; the first takes the focus, ↑/↓ move between them, Escape closes
 * it, and it stays inside the window (opened near the bottom or right edge, it goes up or left).
 */
import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';

interface Props {
  x: number;
  y: number;
  label?: string;
  onClose(): void;
  children: ReactNode;
}

export function PopupMenu({ x, y, label, onClose, children }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    if (r.bottom > window.innerHeight) el.style.top = `${Math.max(0, window.innerHeight - r.height - 2)}px`;
    if (r.right > window.innerWidth) el.style.left = `${Math.max(0, window.innerWidth - r.width - 2)}px`;
  }, [x, y]);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]:not(:disabled)')?.focus();
  }, [x, y]);
  // A click anywhere else closes it, and so does Escape wherever the focus is: a key pressed
  // before the first item has taken the focus still reaches the window.
  useEffect(() => {
    const away = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    const escape = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      onClose();
    };
    window.addEventListener('mousedown', away, true);
    window.addEventListener('keydown', escape, true);
    return () => {
      window.removeEventListener('mousedown', away, true);
      window.removeEventListener('keydown', escape, true);
    };
  }, [onClose]);
  return (
    <div
      className="pl-menu"
      role="menu"
      aria-label={label}
      ref={ref}
      style={{ left: x, top: y }}
      onKeyDown={(e) => {
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not(:disabled)') ?? [])];
          const at = items.indexOf(document.activeElement as HTMLElement);
          items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
          e.preventDefault();
        }
      }}
    >
      {children}
    </div>
  );
}

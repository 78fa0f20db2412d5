/**
 * A toolbar dropdown (the Columns menu, the colour legend): a <details> whose body opens under its
 * summary and closes as a menu does — on Escape (the focus goes back to the summary) and on a
 * click anywhere outside it.
 */
import { useEffect, useRef, type ReactNode } from 'react';

export function Dropdown({ summary, children }: { summary: ReactNode; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const away = (e: MouseEvent) => {
      const el = ref.current;
      if (el?.open && !el.contains(e.target as Node)) el.open = false;
    };
    const escape = (e: KeyboardEvent) => {
      const el = ref.current;
      if (e.key !== 'Escape' || !el?.open) return;
      el.open = false;
      el.querySelector('summary')?.focus();
      e.stopPropagation();
    };
    window.addEventListener('mousedown', away, true);
    window.addEventListener('keydown', escape, true);
    return () => {
      window.removeEventListener('mousedown', away, true);
      window.removeEventListener('keydown', escape, true);
    };
  }, []);
  return (
    <details className="pl-dropdown" ref={ref}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}

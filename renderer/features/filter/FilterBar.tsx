/**
 * The display filter bar: checked by the engine as the user types (green valid, red invalid with
 * the message and where), applied with Enter, field-name completion from the registry, a history
 * of applied filters (remembered), and Clear.
 */
import { forwardRef, useEffect, useImperativeHandle, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionApi } from '../../../electron/api/contract.js';
import { addToHistory, completionPrefix, loadHistory, saveHistory, spliceCompletion } from './model.js';

export interface FilterBarHandle {
  focus(): void;
}

interface Props {
  api: SessionApi;
  value: string;
  onChange(text: string): void;
  /** The filter now applied to the grid ('' for none). */
  applied: string;
  onApply(text: string): void;
  disabled: boolean;
  storage: Storage | null;
}

type Check = { state: 'empty' } | { state: 'checking' } | { state: 'valid' } | { state: 'invalid'; message: string; start?: number; end?: number };

interface Suggestion {
  name: string;
  description: string;
}

export const FilterBar = forwardRef<FilterBarHandle, Props>(function FilterBar({ api, value, onChange, applied, onApply, disabled, storage }, ref) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [check, setCheck] = useState<Check>({ state: 'empty' });
  const [history, setHistory] = useState<string[]>(() => loadHistory(storage));
  const [list, setList] = useState<{ kind: 'completion' | 'history'; items: Suggestion[] } | null>(null);
  const [active, setActive] = useState(0);
  const seq = useRef(0);

  useImperativeHandle(ref, () => ({
    focus() {
      input.current?.focus();
      input.current?.select();
    },
  }));

  // Check as the user types (the latest answer wins).
  useEffect(() => {
    const n = ++seq.current;
    if (value.trim() === '') {
      setCheck({ state: 'empty' });
      return;
    }
    setCheck({ state: 'checking' });
    const timer = setTimeout(() => {
      void api.call('checkFilter', { filter: value }).then((r) => {
        if (n !== seq.current) return;
        if (!r.ok) setCheck({ state: 'invalid', message: r.error.message });
        else if (r.value.ok) setCheck({ state: 'valid' });
        else setCheck({ state: 'invalid', message: r.value.message ?? '', ...(r.value.start !== undefined ? { start: r.value.start } : {}), ...(r.value.end !== undefined ? { end: r.value.end } : {}) });
      });
    }, 120);
    return () => clearTimeout(timer);
  }, [api, value]);

  const completionSeq = useRef(0);
  const complete = (text: string, caret: number) => {
    const prefix = completionPrefix(text, caret);
    const mine = ++completionSeq.current;
    if (!prefix) {
      setList(null);
      return;
    }
    // Until the engine answers, the list on screen narrows to what still matches, so a Tab typed
    // right after a key never takes a name the text no longer starts.
    setList((l) => {
      if (!l || l.kind !== 'completion') return l;
      const items = l.items.filter((i) => i.name.toLowerCase().startsWith(prefix.toLowerCase()) && i.name !== prefix);
      return items.length ? { kind: 'completion', items } : null;
    });
    setActive(0);
    void api.call('fields', { prefix, limit: 30 }).then((r) => {
      if (mine !== completionSeq.current) return; // a later keystroke asked again
      if (r.ok && r.value.length && !(r.value.length === 1 && r.value[0]!.name === prefix)) {
        setList({ kind: 'completion', items: r.value });
        setActive(0);
      } else setList(null);
    });
  };

  const apply = (text: string) => {
    setList(null);
    if (check.state === 'invalid' && text === value) return;
    if (text.trim()) {
      const h = addToHistory(history, text.trim());
      setHistory(h);
      saveHistory(storage, h);
    }
    onApply(text.trim());
  };

  const accept = (item: Suggestion) => {
    if (!list) return;
    if (list.kind === 'history') {
      onChange(item.name);
      setList(null);
      return;
    }
    const caret = input.current?.selectionStart ?? value.length;
    const { text, caret: at } = spliceCompletion(value, caret, item.name);
    onChange(text);
    setList(null);
    requestAnimationFrame(() => input.current?.setSelectionRange(at, at));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (list && list.items.length) {
      if (e.key === 'ArrowDown') {
        setActive((a) => (a + 1) % list.items.length);
        e.preventDefault();
        return;
      }
      if (e.key === 'ArrowUp') {
        setActive((a) => (a + list.items.length - 1) % list.items.length);
        e.preventDefault();
        return;
      }
      if (e.key === 'Tab' || (e.key === 'Enter' && list.kind === 'history')) {
        accept(list.items[active]!);
        e.preventDefault();
        return;
      }
      if (e.key === 'Escape') {
        setList(null);
        e.preventDefault();
        return;
      }
    } else if (e.key === 'ArrowDown' && history.length) {
      setList({ kind: 'history', items: history.map((h) => ({ name: h, description: '' })) });
      setActive(0);
      e.preventDefault();
      return;
    }
    if (e.key === 'Enter') {
      apply(value);
      e.preventDefault();
    }
  };

  const cls = check.state === 'valid' ? 'valid' : check.state === 'invalid' ? 'invalid' : '';
  const where = check.state === 'invalid' && check.start !== undefined ? t('filter.at', { pos: check.start + 1 }) : '';
  const listId = 'pl-filter-list';
  return (
    <div className="pl-filter">
      <div className="pl-filter-row">
        <label htmlFor="pl-filter-input" className="pl-filter-label">{t('filter.label')}</label>
        <div className="pl-filter-box">
          <input
            id="pl-filter-input"
            ref={input}
            className={`pl-filter-input ${cls}`}
            type="text"
            role="combobox"
            aria-expanded={!!list}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-invalid={check.state === 'invalid'}
            aria-describedby="pl-filter-msg"
            {...(list ? { 'aria-activedescendant': `${listId}-${active}` } : {})}
            spellCheck={false}
            autoComplete="off"
            placeholder={t('filter.placeholder')}
            value={value}
            disabled={disabled}
            onChange={(e) => {
              onChange(e.target.value);
              complete(e.target.value, e.target.selectionStart ?? e.target.value.length);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => setTimeout(() => setList(null), 150)}
          />
          {list && (
            <ul id={listId} role="listbox" className="pl-filter-list" aria-label={list.kind === 'history' ? t('filter.history') : t('filter.completions')}>
              {list.items.map((s, i) => (
                <li key={s.name} id={`${listId}-${i}`} role="option" aria-selected={i === active} className={i === active ? 'active' : ''} onMouseDown={(e) => { e.preventDefault(); accept(s); }}>
                  <span className="pl-opt-name">{s.name}</span>
                  {s.description && <span className="pl-opt-desc">{s.description}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
        <button
          type="button"
          title={t('filter.history')}
          aria-label={t('filter.history')}
          disabled={disabled || history.length === 0}
          onClick={() => {
            setList(list?.kind === 'history' ? null : { kind: 'history', items: history.map((h) => ({ name: h, description: '' })) });
            setActive(0);
            input.current?.focus();
          }}
        >
          ▾
        </button>
        <button type="button" disabled={disabled || check.state === 'invalid'} onClick={() => apply(value)}>{t('filter.apply')}</button>
        <button type="button" disabled={disabled || (value === '' && applied === '')} onClick={() => { onChange(''); if (applied) onApply(''); input.current?.focus(); }}>
          {t('filter.clear')}
        </button>
      </div>
      <div id="pl-filter-msg" className={`pl-filter-msg ${cls}`} role="status" data-testid="filter-message">
        {check.state === 'invalid' ? `${where}${check.message}` : applied ? t('filter.applied', { filter: applied }) : ''}
      </div>
    </div>
  );
});

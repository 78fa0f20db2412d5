/**
 * The toolbar's Columns menu: the built-in columns shown or hidden, the custom columns (each
 * removable), and a field name to add as a column (checked by the parent against the registry).
 * Escape or a click outside closes it.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnId } from '../../../electron/api/contract.js';
import { GRID_COLUMNS } from './PacketGrid.js';
import type { CustomColumn } from './custom-columns.js';
import { Dropdown } from '../../shell/Dropdown.js';

interface Props {
  hidden: readonly ColumnId[];
  onToggle(col: ColumnId, visible: boolean): void;
  custom: readonly CustomColumn[];
  /** Adds a column for `field`; resolves to an error message, or null when it was added. */
  onAdd(field: string): Promise<string | null>;
  onRemove(field: string): void;
}

export function ColumnsMenu({ hidden, onToggle, custom, onAdd, onRemove }: Props) {
  const { t } = useTranslation();
  const [field, setField] = useState('');
  const [error, setError] = useState('');
  return (
    <Dropdown summary={t('toolbar.columns')}>
      <div className="pl-dropdown-body" role="group" aria-label={t('toolbar.columns')}>
        {GRID_COLUMNS.map((c) => (
          <label key={c} className="pl-check">
            <input type="checkbox" checked={!hidden.includes(c)} onChange={(e) => onToggle(c, e.target.checked)} />
            {t(`grid.col.${c}`)}
          </label>
        ))}
        <div className="pl-custom-cols" role="group" aria-label={t('columns.custom')}>
          <div className="pl-muted">{t('columns.custom')}</div>
          {custom.map((c) => (
            <div key={c.field} className="pl-custom-col">
              <span title={c.field}>{c.title}</span>
              <code>{c.field}</code>
              <button type="button" aria-label={t('columns.remove', { name: c.title })} onClick={() => onRemove(c.field)}>×</button>
            </div>
          ))}
          <form
            className="pl-custom-add"
            onSubmit={(e) => {
              e.preventDefault();
              const f = field.trim();
              if (!f) return;
              void onAdd(f).then((msg) => {
                setError(msg ?? '');
                if (msg === null) setField('');
              });
            }}
          >
            <input aria-label={t('columns.field')} placeholder={t('columns.placeholder')} spellCheck={false} value={field} onChange={(e) => setField(e.target.value)} />
            <button type="submit">{t('columns.add')}</button>
          </form>
          {error && <div role="alert" className="pl-filter-msg invalid">{error}</div>}
        </div>
      </div>
    </Dropdown>
  );
}

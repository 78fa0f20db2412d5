/**
 * Analyze › Enabled Protocols…: every protocol with a box to switch it off, and under it its
 * heuristics (the guesses that claim a payload on any port), as Wireshark's dialog lists them; a
 * search narrows the list; Enable all / Disable all act on what the search shows. OK hands the
 * choice to the parent, which remembers it and reads the capture again with it.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnabledProtocols, SessionApi } from '../../../electron/api/contract.js';
import { useCall } from '../conversations/use-call.js';
import { knownOnly, matching, toggled } from './model.js';

interface Props {
  api: SessionApi;
  value: Required<EnabledProtocols>;
  /** Whether the session is a live capture (the choice applies when it is captured again). */
  live: boolean;
  onApply(value: Required<EnabledProtocols>): void;
  onClose(): void;
}

export function EnabledProtocolsDialog({ api, value, live, onApply, onClose }: Props) {
  const { t } = useTranslation();
  const call = useCall(api, 'protocolChoices', {}, 'protocols');
  const choices = call.value?.protocols ?? null;
  const error = call.error?.message ?? null;
  const [draft, setDraft] = useState(value);
  const [search, setSearch] = useState('');
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => searchRef.current?.focus(), []);

  const shown = choices ? matching(choices, search) : [];
  const setAll = (on: boolean) => {
    let d = draft;
    for (const c of shown) {
      if (c.toggle) d = { ...d, disabled: toggled(d.disabled, c.name, !on) };
      for (const h of c.heuristics) d = { ...d, disabledHeuristics: toggled(d.disabledHeuristics, h.name, !on) };
    }
    setDraft(d);
  };

  return (
    <div className="pl-dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="pl-dialog pl-enabled-protocols" role="dialog" aria-modal="true" aria-labelledby="pl-enabled-protocols-h">
        <h2 id="pl-enabled-protocols-h">{t('enabledProtocols.title')}</h2>
        <p className="pl-muted">{t('enabledProtocols.explain')}</p>
        {error && <p className="pl-warn" role="alert">{error}</p>}
        <input
          ref={searchRef}
          type="search"
          aria-label={t('enabledProtocols.search')}
          placeholder={t('enabledProtocols.search')}
          spellCheck={false}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <ul className="pl-protocol-list" aria-label={t('enabledProtocols.list')}>
          {shown.map((c) => (
            <li key={c.name}>
              <label className="pl-check">
                <input
                  type="checkbox"
                  disabled={!c.toggle}
                  checked={!draft.disabled.includes(c.name)}
                  onChange={(e) => setDraft({ ...draft, disabled: toggled(draft.disabled, c.name, !e.target.checked) })}
                />
                <span className="pl-protocol-name">{c.name}</span> <span className="pl-muted">{c.description}</span>
              </label>
              {c.heuristics.length > 0 && (
                <ul>
                  {c.heuristics.map((h) => (
                    <li key={h.name}>
                      <label className="pl-check">
                        <input
                          type="checkbox"
                          checked={!draft.disabledHeuristics.includes(h.name)}
                          onChange={(e) => setDraft({ ...draft, disabledHeuristics: toggled(draft.disabledHeuristics, h.name, !e.target.checked) })}
                        />
                        {h.description} <code>{h.name}</code>
                      </label>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
          {choices && shown.length === 0 && <li className="pl-muted">{t('enabledProtocols.noMatch')}</li>}
        </ul>
        {live && <p className="pl-muted">{t('enabledProtocols.live')}</p>}
        <div className="pl-dialog-buttons">
          <button type="button" onClick={() => setAll(true)} disabled={!choices}>{t('enabledProtocols.enableAll')}</button>
          <button type="button" onClick={() => setAll(false)} disabled={!choices}>{t('enabledProtocols.disableAll')}</button>
          <span className="pl-spacer" />
          <button type="button" onClick={() => onApply(choices ? knownOnly(draft, choices) : draft)} disabled={!choices}>{t('enabledProtocols.ok')}</button>
          <button type="button" onClick={onClose}>{t('enabledProtocols.cancel')}</button>
        </div>
      </div>
    </div>
  );
}

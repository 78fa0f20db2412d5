/**
 * The bottom panel: one tab per analysis view (handshake ladder, follow stream, conversations,
 * expert info). The views are written separately under renderer/features/<name>/index.tsx; each
 * is loaded on first use, and a view whose folder is not there yet simply has no tab.
 */
import { useEffect, useState, type ComponentType, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ANALYSIS_VIEWS, type AnalysisViewName, type AnalysisViewProps } from './analysis-mount.js';

type Loaded = Partial<Record<AnalysisViewName, ComponentType<AnalysisViewProps>>>;

async function loadView(name: AnalysisViewName): Promise<ComponentType<AnalysisViewProps> | null> {
  try {
    const m = (await import(`../features/${name}/index.tsx`)) as { default?: unknown; View?: unknown };
    const c = m.default ?? m.View;
    return typeof c === 'function' || (typeof c === 'object' && c !== null) ? (c as ComponentType<AnalysisViewProps>) : null;
  } catch {
    return null;
  }
}

interface Props extends AnalysisViewProps {
  tab: AnalysisViewName | null;
  onTab(tab: AnalysisViewName | null): void;
}

export function AnalysisPanel({ tab, onTab, ...view }: Props) {
  const { t } = useTranslation();
  const [views, setViews] = useState<Loaded>({});

  useEffect(() => {
    let live = true;
    void Promise.all(ANALYSIS_VIEWS.map(async (n) => [n, await loadView(n)] as const)).then((all) => {
      if (!live) return;
      const out: Loaded = {};
      for (const [n, c] of all) if (c) out[n] = c;
      setViews(out);
    });
    return () => {
      live = false;
    };
  }, []);

  const names = ANALYSIS_VIEWS.filter((n) => views[n]);
  if (names.length === 0) return null;
  const Active = tab ? views[tab] : undefined;

  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = tab ? names.indexOf(tab) : -1;
    const next = names[(i + (e.key === 'ArrowRight' ? 1 : names.length - 1) + names.length) % names.length]!;
    onTab(next);
    e.preventDefault();
  };

  return (
    <section className={`pl-analysis${Active ? ' open' : ''}`} aria-label={t('analysisTabs.label')}>
      <div className="pl-tabs" role="tablist" aria-label={t('analysisTabs.label')} onKeyDown={onKey}>
        {names.map((n) => (
          <button
            key={n}
            type="button"
            role="tab"
            id={`pl-an-tab-${n}`}
            aria-selected={tab === n}
            aria-controls="pl-an-panel"
            tabIndex={tab === n || (!tab && n === names[0]) ? 0 : -1}
            onClick={() => onTab(tab === n ? null : n)}
          >
            {t(`analysisTabs.${n}`)}
          </button>
        ))}
      </div>
      {Active && tab && (
        <div className="pl-analysis-body" role="tabpanel" id="pl-an-panel" aria-labelledby={`pl-an-tab-${tab}`}>
          <Active {...view} />
        </div>
      )}
    </section>
  );
}

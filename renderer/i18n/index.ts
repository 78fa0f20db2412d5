/**
 * i18next for the renderer: English and Simplified Chinese. Each namespace is a JSON file under
 * locales/<folder>/<ns>.json ('common' is the main window's, 'analysis' the analysis views'),
 * bundled by esbuild's glob import and loaded on demand. The chosen language is remembered in
 * localStorage; numbers and dates are formatted with Intl for the current language.
 */
import i18next, { type BackendModule, type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'zh-CN', name: '简体中文' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];
export const NAMESPACES = ['common', 'analysis'] as const;
const STORAGE_KEY = 'packetloom.language';

/** Folder under locales/ for a language code. */
export function localeFolder(lng: string): 'en' | 'zh' {
  return lng.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function initialLanguage(storage: Storage | null, navigatorLanguage: string | undefined): Language {
  const saved = storage?.getItem(STORAGE_KEY);
  if (saved && LANGUAGES.some((l) => l.code === saved)) return saved as Language;
  return navigatorLanguage && localeFolder(navigatorLanguage) === 'zh' ? 'zh-CN' : 'en';
}

const backend: BackendModule = {
  type: 'backend',
  init() {},
  read(lng, ns, callback) {
    import(`./locales/${localeFolder(lng)}/${ns}.json`).then(
      (m: { default: Record<string, unknown> }) => callback(null, m.default),
      (err: unknown) => callback(err instanceof Error ? err.message : String(err), false),
    );
  },
};

export async function initI18n(storage: Storage | null, navigatorLanguage: string | undefined): Promise<I18n> {
  const lng = initialLanguage(storage, navigatorLanguage);
  await i18next
    .use(backend)
    .use(initReactI18next)
    .init({
      lng,
      fallbackLng: 'en',
      supportedLngs: LANGUAGES.map((l) => l.code),
      load: 'currentOnly',
      ns: [...NAMESPACES],
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      react: { useSuspense: false },
      returnNull: false,
    });
  i18next.on('languageChanged', (l) => {
    try {
      storage?.setItem(STORAGE_KEY, l);
    } catch {
      /* storage full or disabled: the choice just is not remembered */
    }
    document.documentElement.lang = l;
  });
  document.documentElement.lang = lng;
  return i18next;
}

/** Intl formatters for a language (cached). */
const numberFormats = new Map<string, Intl.NumberFormat>();
export function formatNumber(lng: string, n: number, opts?: Intl.NumberFormatOptions): string {
  const key = lng + JSON.stringify(opts ?? {});
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(lng, opts)));
  return f.format(n);
}

export function formatPercent(lng: string, fraction: number): string {
  return formatNumber(lng, fraction, { style: 'percent', maximumFractionDigits: 0 });
}

/** An absolute packet time (seconds since the epoch) as a local date and time with microseconds. */
export function formatDateTime(lng: string, epochSec: number): string {
  const ms = Math.floor(epochSec * 1000);
  const d = new Date(ms);
  if (!Number.isFinite(d.getTime())) return String(epochSec);
  const base = new Intl.DateTimeFormat(lng, {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  }).format(d);
  const micros = Math.round((epochSec - Math.floor(epochSec)) * 1e6) % 1e6;
  return `${base}.${String(micros).padStart(6, '0')}`;
}

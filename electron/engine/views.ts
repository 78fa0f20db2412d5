/**
 * The session's tables and views beyond rows and packets: filled in as they are written.
 */
import type { Session } from './session.js';

export const sessionViews: Partial<Record<string, (s: Session, p: Record<string, unknown>) => unknown>> = {};

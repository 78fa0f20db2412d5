/**
 * A tap: listeners a dissector hands what it saw to (Wireshark's tap_queue_packet), for the
 * follows and the statistics. Dissectors check `active` first, so a tap nobody listens to costs
 * one length test per packet.
 */
export class Tap<T> {
  private readonly listeners: ((d: T) => void)[] = [];

  get active(): boolean {
    return this.listeners.length > 0;
  }

  /** Adds a listener; returns the function that removes it. */
  add(fn: (d: T) => void): () => void {
    this.listeners.push(fn);
    return () => {
      const i = this.listeners.indexOf(fn);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  emit(d: T): void {
    for (const fn of this.listeners) fn(d);
  }
}

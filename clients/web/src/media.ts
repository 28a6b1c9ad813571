// What the device can do, read from CSS media queries (never from the user agent).
import { useSyncExternalStore } from "react";

/** Touch screens and narrow windows: no drag and drop there, a tap does the work. */
export const TOUCH_QUERY = "(pointer: coarse), (max-width: 760px)";

/** Whether a media query matches now; follows it when it changes (rotation, resizing). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (changed) => {
      if (typeof window === "undefined" || !window.matchMedia) return () => {};
      const list = window.matchMedia(query);
      list.addEventListener("change", changed);
      return () => list.removeEventListener("change", changed);
    },
    () => (typeof window !== "undefined" && window.matchMedia ? window.matchMedia(query).matches : false),
    () => false,
  );
}

/** A touch screen or a narrow window, where the board offers tapping instead of dragging. */
export function useTouchLayout(): boolean {
  return useMediaQuery(TOUCH_QUERY);
}

/**
 * Counts the entries the page adds to the session history while a test runs. `history.length`
 * cannot: Chromium keeps at most 50 entries, so once a test file has moved around enough, a new
 * entry leaves the length unchanged and an "adds no entry" check could not fail. The portal adds
 * entries only through `history.pushState` (its hash routing), so counting those calls is exact.
 */
const originalPushState = history.pushState;

export function watchHistory(): { readonly pushed: number; stop(): void } {
  const pushState = history.pushState;
  let pushed = 0;
  history.pushState = function (this: History, ...args: Parameters<History['pushState']>) {
    pushed++;
    return pushState.apply(this, args);
  };
  return {
    get pushed() {
      return pushed;
    },
    stop() {
      history.pushState = pushState;
    },
  };
}

/** Puts the browser's own `pushState` back, whatever watchers a test left (call it in `afterEach`). */
export function stopWatchingHistory(): void {
  history.pushState = originalPushState;
}

/**
 * Requests take turns: one request's work per turn of the event loop, first come first served.
 *
 * A search is synchronous work of a few milliseconds. Left alone, Node runs the handlers of
 * every connection with a request ready in one turn of its event loop, and accepts only one
 * new connection per turn; with 64 busy keep-alive clients a turn lasted half a second and a
 * new connection waited up to ten seconds to be accepted (measured with a plain `http` server
 * too). Handling one request per turn keeps turns as short as one request, so new connections
 * are accepted at once and every request waits its place in one queue.
 *
 * @returns a function whose promise resolves when the caller's turn has come
 */
export function takeTurns(): () => Promise<void> {
  const waiting: (() => void)[] = [];
  let scheduled = false;
  const runNext = () => {
    waiting.shift()?.();
    // Scheduled from inside a turn, the next one runs after the event loop has polled again.
    if (waiting.length > 0) setImmediate(runNext);
    else scheduled = false;
  };
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (!scheduled) {
        scheduled = true;
        setImmediate(runNext);
      }
    });
}

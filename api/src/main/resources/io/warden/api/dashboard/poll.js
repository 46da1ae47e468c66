// Polling, for the pages whose APIs have no stream topic: a load now and every interval until the
// page closes; an answer arriving after that is dropped, not drawn on the next page.
import {fill, h} from './dom.js?v=@VERSION@';

/**
 * Calls request() now and every ms, then show(answer), or failed(error) when it fails; neither once
 * stopped. Returns {now, stop}: now loads at once (after a change), stop is the page's cleanup.
 */
export function poll(ms, request, show, failed) {
  let stopped = false;
  const now = () => request().then((answer) => !stopped && show(answer)).catch((e) => !stopped && failed(e));
  now();
  const timer = setInterval(now, ms);
  return {now, stop: () => { stopped = true; clearInterval(timer); }};
}

/** A failed() for poll that shows the error in box, in place of what it showed. */
export const showError = (box) => (e) => fill(box, h('p', {class: 'error', role: 'alert'}, e.message));

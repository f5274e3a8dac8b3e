import { heightMessage } from './protocol';

/**
 * In an iframe, tells the parent page how tall the game's content is whenever it changes, so an
 * optional host script can size the frame (see protocol.ts for why targetOrigin '*' is fine for a
 * height and nothing else). Does nothing outside a frame. Returns a function that stops it.
 */
export function reportHeight(element: HTMLElement, win: Window = window): () => void {
  if (win.parent === win) return () => undefined;
  let last = -1;
  const send = () => {
    const message = heightMessage(element.getBoundingClientRect().height);
    if (message.height === last) return;
    last = message.height;
    win.parent.postMessage(message, '*');
  };
  const observer = new ResizeObserver(send);
  observer.observe(element);
  send();
  return () => observer.disconnect();
}

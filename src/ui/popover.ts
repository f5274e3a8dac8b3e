import type { Attachment } from 'svelte/attachments';

const FOCUSABLE = 'input, select, textarea, button, a[href], [tabindex]:not([tabindex="-1"])';

/**
 * For a panel a button opens in place (settings, the severity levels, a confirmation): focus moves
 * into it when it opens (its [autofocus] control, else its first control, else the panel itself,
 * which then needs tabindex="-1"), Escape closes it, and when it closes focus goes back to the
 * control that opened it, unless the learner has already moved focus somewhere else.
 */
export function popover(close: () => void): Attachment<HTMLElement> {
  return (node) => {
    const active = document.activeElement;
    const opener = active instanceof HTMLElement && !node.contains(active) ? active : undefined;
    const target = node.querySelector<HTMLElement>('[autofocus]') ?? node.querySelector<HTMLElement>(FOCUSABLE) ?? node;
    target.focus();
    const onKeydown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      close();
    };
    node.addEventListener('keydown', onKeydown);
    return () => {
      node.removeEventListener('keydown', onKeydown);
      const now = document.activeElement;
      const focusLost = now === null || now === document.body || node.contains(now);
      if (focusLost && opener?.isConnected) opener.focus();
    };
  };
}

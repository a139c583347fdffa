// Drag-to-resize between panes. Markup contract: a `.splitter` sits between two flex items;
// dragging it sets the flex-basis of the item before it, the item after it takes the rest.
// Arrow keys do the same for keyboard users.

const MIN_PANE_PX = 120;
const KEY_STEP_PX = 24;

export function initSplitters(root = document) {
  for (const splitter of root.querySelectorAll('.splitter')) {
    const horizontal = splitter.getAttribute('aria-orientation') === 'horizontal';
    const before = splitter.previousElementSibling;
    const after = splitter.nextElementSibling;
    const size = (el) => (horizontal ? el.getBoundingClientRect().height : el.getBoundingClientRect().width);

    const resizeBy = (delta, startSize) => {
      const total = startSize + size(after);
      const next = Math.min(Math.max(startSize + delta, MIN_PANE_PX), total - MIN_PANE_PX);
      before.style.flexBasis = `${next}px`;
    };

    splitter.addEventListener('pointerdown', (down) => {
      down.preventDefault();
      const start = horizontal ? down.clientY : down.clientX;
      const startSize = size(before);
      splitter.setPointerCapture(down.pointerId);
      splitter.classList.add('dragging');
      const move = (e) => resizeBy((horizontal ? e.clientY : e.clientX) - start, startSize);
      const up = () => {
        splitter.classList.remove('dragging');
        splitter.removeEventListener('pointermove', move);
        splitter.removeEventListener('pointerup', up);
        splitter.removeEventListener('pointercancel', up);
      };
      splitter.addEventListener('pointermove', move);
      splitter.addEventListener('pointerup', up);
      splitter.addEventListener('pointercancel', up);
    });

    splitter.addEventListener('keydown', (e) => {
      const keys = horizontal ? { ArrowUp: -1, ArrowDown: 1 } : { ArrowLeft: -1, ArrowRight: 1 };
      if (e.key in keys) {
        e.preventDefault();
        resizeBy(keys[e.key] * KEY_STEP_PX, size(before));
      }
    });
  }
}

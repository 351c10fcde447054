/* Cảnh giác: the progress page. Best scores from this device's storage, and a button that clears everything.
 * Needs core.js (loaded before it). */
(() => {
  'use strict';

  const { Store, strings, $make, $button, register } = window.CanhGiac;

  /** The progress page: best scores from this device, and a button that clears everything. */
  class Progress {
    static get moduleName() { return 'cg-progress'; }

    constructor($root) {
      this.$root = $root;
      this.t = strings($root);
    }

    init() {
      const $clear = $button('cg-progress__clear', this.t.clear_progress, 'clear');
      this.$status = $make('p', 'cg-progress__status');
      this.$status.setAttribute('role', 'status');
      $clear.addEventListener('click', () => {
        Store.clear();
        this.fill();
        this.$status.textContent = this.t.cleared;
      });
      this.$root.append($clear, this.$status);
      this.fill();
      this.$root.classList.add('cg-progress--ready');
      // The scores are showing: the "needs JavaScript" notice no longer applies.
      for (const $note of document.querySelectorAll('[data-cg-no-js]')) $note.hidden = true;
    }

    fill() {
      for (const $score of this.$root.querySelectorAll('[data-lesson-score]')) {
        const p = Store.read($score.dataset.lessonScore);
        const done = p && p.total > 0;
        $score.textContent = done ? p.best + '/' + p.total : this.t.progress_none;
        $score.classList.toggle('cg-progress__score--none', !done);
      }
    }
  }

  register(Progress);
})();

/* Cảnh giác: the quiz. Check buttons, immediate feedback, a score, retries and opt-in progress.
 * Needs core.js (loaded before it). Without this script the quiz reads as a worksheet with answers in <details>.
 * Other modules (the SCORM adapter) follow a quiz through events on its element, which bubble to the document:
 * cg-quiz:ready (detail.restore(state) puts saved answers back), cg-quiz:state (detail.state, after every check
 * or retry) and cg-quiz:finish (detail.right, detail.total, detail.state). A state is { answers: { id: "a,c" } };
 * a module that starts after the quiz restores one by dispatching cg-quiz:restore (detail.state) on its element. */
(() => {
  'use strict';

  const { LOCAL, SESSION, Store, strings, shuffled, $make, $button, register } = window.CanhGiac;
  const LETTERS = 'ABCDEFGHIJ';
  // State classes removed again when a question is reset.
  const MARKS = ['option--chosen', 'option--right', 'option--wrong', 'step--right', 'step--wrong',
    'feedback-item--chosen'].map((m) => 'cg-quiz__' + m);
  const VERDICT_STRING = { right: 'correct', partly: 'partly', wrong: 'incorrect' };

  /** A quiz: Check buttons, immediate feedback, a score, retries and opt-in progress. */
  class Quiz {
    static get moduleName() { return 'cg-quiz'; }

    constructor($root) {
      this.$root = $root;
      this.t = strings($root);
      this.id = $root.dataset.lesson || $root.dataset.quiz;
      this.$questions = Array.from($root.querySelectorAll('.cg-quiz__question'));
    }

    init() {
      const t = this.t;
      const $root = this.$root;
      for (const $q of this.$questions) {
        $q.tabIndex = -1;
        const $feedback = $make('p', 'cg-quiz__feedback');
        $feedback.tabIndex = -1;
        $feedback.hidden = true;
        $q.querySelector('.cg-quiz__fieldset').after($button('cg-quiz__check', t.check, 'check'), $feedback);
        this.shuffle($q);
      }

      this.$result = $make('div', 'cg-quiz__result');
      this.$result.hidden = true;
      this.$score = $make('p', 'cg-quiz__score');
      this.$missed = $button('cg-quiz__retry cg-quiz__retry--missed', t.retry_missed, 'missed');
      const $actions = $make('p', 'cg-quiz__actions');
      $actions.append(this.$missed, $button('cg-quiz__retry', t.retry_all, 'all'));
      this.$result.append(this.$score, $actions);

      const uid = 'cg-remember-' + ($root.dataset.quiz || this.id);
      const $remember = $make('p', 'cg-quiz__remember');
      this.$keep = $make('input');
      this.$keep.type = 'checkbox';
      this.$keep.id = uid;
      this.$keep.checked = Store.get(LOCAL, this.id) !== null;
      this.$keep.setAttribute('aria-describedby', uid + '-help');
      const $label = $make('label', '', t.remember);
      $label.htmlFor = uid;
      const $help = $make('span', 'cg-quiz__hint', t.remember_help);
      $help.id = uid + '-help';
      $remember.append(this.$keep, $label, $help);

      this.$live = $make('div', 'cg-visually-hidden');
      this.$live.setAttribute('aria-live', 'polite');
      $root.append(this.$result, $remember, this.$live);

      $root.addEventListener('click', (event) => {
        const $b = event.target.closest('[data-action]');
        if (!$b) return;
        if ($b.dataset.action === 'check') this.check($b.closest('.cg-quiz__question'));
        else this.reset($b.dataset.action === 'all');
      });
      $root.addEventListener('change', (event) => {
        if (event.target === this.$keep) this.remember();
        else this.changed(event.target.closest('.cg-quiz__question'));
      });
      $root.addEventListener('cg-quiz:restore', (event) => this.restore(event.detail && event.detail.state));
      $root.classList.add('cg-quiz--ready');
      this.emit('ready', { restore: (state) => this.restore(state), state: () => this.state() });
    }

    emit(name, detail) {
      this.$root.dispatchEvent(new CustomEvent('cg-quiz:' + name, { bubbles: true, detail }));
    }

    /** The answers checked so far: option keys ("a,c", "true") or, for order questions, positions by step. */
    state() {
      const answers = {};
      for (const $q of this.$questions) {
        if (!$q.classList.contains('cg-quiz__question--answered')) continue;
        if ($q.dataset.kind === 'order') {
          const $steps = Array.from($q.querySelectorAll('.cg-quiz__step'));
          $steps.sort(($a, $b) => $a.dataset.step - $b.dataset.step);
          answers[$q.dataset.question] = $steps.map(($li) => $li.querySelector('select').value).join(',');
        } else {
          answers[$q.dataset.question] = Array.from($q.querySelectorAll('.cg-quiz__options input'))
            .filter(($i) => $i.checked).map(($i) => $i.value).join(',');
        }
      }
      return { answers };
    }

    /** Put saved answers back and check them again, without moving focus or announcing anything. */
    restore(state) {
      const answers = (state && state.answers) || {};
      for (const $q of this.$questions) {
        const value = answers[$q.dataset.question];
        if (typeof value !== 'string' || $q.classList.contains('cg-quiz__question--answered')) continue;
        const parts = value.split(',');
        if ($q.dataset.kind === 'order') {
          for (const $li of $q.querySelectorAll('.cg-quiz__step')) {
            $li.querySelector('select').value = parts[+$li.dataset.step] || '';
          }
        } else {
          for (const $i of $q.querySelectorAll('.cg-quiz__options input')) $i.checked = parts.indexOf($i.value) >= 0;
        }
        this.changed($q);
        this.check($q, true);
      }
    }

    /** Shuffle options (or steps) and re-letter options, answer key and scenario feedback to match. */
    shuffle($q) {
      if ($q.dataset.shuffle !== 'true') return;
      const $list = $q.querySelector('.cg-quiz__options, .cg-quiz__steps');
      const items = Array.from($list.children);
      if (!$q.cgPrinted) $q.cgPrinted = printedOrder($q, items);
      let order = shuffled(items);
      // Never show the steps of an order question already in their right order.
      for (let n = 0; n < 9 && $q.dataset.kind === 'order' && order.every(($li, i) => +$li.dataset.step === i); n++) {
        order = shuffled(items);
      }
      $list.append(...order);
      const $feedbackList = $q.querySelector('.cg-quiz__feedback-list');
      const $key = $q.querySelector('.cg-quiz__key strong');
      const right = [];
      order.forEach(($li, i) => {
        const $letter = $li.querySelector('.cg-quiz__letter');
        const $input = $li.querySelector('input');
        if (!$letter || !$input) return;
        $letter.textContent = LETTERS[i] + '.';
        if ($input.hasAttribute('data-correct')) right.push($li.querySelector('label').textContent.trim());
        const $fb = $feedbackList && $feedbackList.querySelector('[data-option="' + $input.value + '"]');
        if ($fb) {
          $fb.firstElementChild.textContent = LETTERS[i] + '.';
          $feedbackList.append($fb);
        }
      });
      if ($key && right.length) {
        const $p = $key.parentNode;
        $p.textContent = '';
        $p.append($key, ' ' + right.join('; '));
      }
    }

    changed($q) {
      if (!$q) return;
      for (const $li of $q.querySelectorAll('.cg-quiz__option')) {
        $li.classList.toggle(MARKS[0], $li.querySelector('input').checked);
      }
      const $feedback = $q.querySelector('.cg-quiz__feedback');
      if (!$q.classList.contains('cg-quiz__question--answered')) $feedback.hidden = true;
    }

    check($q, quiet) {
      const t = this.t;
      const mark = ($el, name) => $el.classList.add('cg-quiz__' + name);
      let verdict;
      if ($q.dataset.kind === 'order') {
        const $selects = Array.from($q.querySelectorAll('select'));
        const values = $selects.map(($s) => $s.value);
        if (values.indexOf('') >= 0 || new Set(values).size < values.length) return this.notice($q, t.order_incomplete);
        verdict = 'right';
        for (const $s of $selects) {
          const ok = $s.value === $s.dataset.correct;
          mark($s.closest('li'), ok ? 'step--right' : 'step--wrong');
          if (!ok) verdict = 'wrong';
        }
      } else {
        const $inputs = Array.from($q.querySelectorAll('.cg-quiz__options input'));
        const $chosen = $inputs.filter(($i) => $i.checked);
        if (!$chosen.length) return this.notice($q, t.choose_first);
        const correct = ($i) => $i.hasAttribute('data-correct');
        verdict = $inputs.every(($i) => $i.checked === correct($i)) ? 'right'
          : $chosen.every(correct) ? 'partly' : 'wrong';
        for (const $i of $inputs) {
          if (correct($i)) mark($i.closest('li'), 'option--right');
          else if ($i.checked) mark($i.closest('li'), 'option--wrong');
        }
        for (const $i of $chosen) {
          const $fb = $q.querySelector('.cg-quiz__feedback-list [data-option="' + $i.value + '"]');
          if ($fb) mark($fb, 'feedback-item--chosen');
        }
      }
      $q.querySelector('.cg-quiz__fieldset').disabled = true;
      $q.classList.add('cg-quiz__question--answered', 'cg-quiz__question--' + (verdict === 'right' ? 'right' : 'wrong'));
      $q.querySelector('.cg-quiz__answer').open = true;
      const $feedback = this.feedback($q, t[VERDICT_STRING[verdict]], verdict);
      if (!quiet) $feedback.focus();
      $q.querySelector('.cg-quiz__check').hidden = true;
      const $explanation = $q.querySelector('.cg-quiz__explanation');
      let message = $feedback.textContent + ' ' + ($explanation ? $explanation.textContent.trim() : '');
      const done = this.$questions.every(($x) => $x.classList.contains('cg-quiz__question--answered'));
      if (done) message += ' ' + this.finish();
      if (!quiet) this.say(message);
      if (done && !quiet) this.showScore();
      this.emit('state', { state: this.state() });
    }

    feedback($q, text, kind) {
      const $feedback = $q.querySelector('.cg-quiz__feedback');
      $feedback.className = 'cg-quiz__feedback cg-quiz__feedback--' + kind;
      $feedback.textContent = text;
      $feedback.hidden = false;
      return $feedback;
    }

    // Not answered yet (nothing chosen, or positions missing): say so, keep focus on the button.
    notice($q, text) {
      this.say(this.feedback($q, text, 'notice').textContent);
    }

    say(text) {
      // Empty the live region first so that the same message twice is announced twice.
      this.$live.textContent = '';
      window.setTimeout(() => { this.$live.textContent = text; }, 100);
    }

    finish() {
      const total = this.$questions.length;
      const right = this.$questions.filter(($q) => $q.classList.contains('cg-quiz__question--right')).length;
      const text = this.t.score.replace('{right}', right).replace('{total}', total);
      this.$score.textContent = text;
      this.$missed.hidden = right === total;
      this.$result.hidden = false;
      const before = Store.read(this.id);
      const best = before && before.total === total && before.best > right ? before.best : right;
      Store.set(this.$keep.checked ? LOCAL : SESSION, this.id, { best, total });
      this.emit('finish', { right, total, state: this.state() });
      return text;
    }

    /** The score sits below the last question's explanation: bring it into view (smoothly unless the reader
     *  asked for less motion) and give it focus, so it is seen and read out. */
    showScore() {
      const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      this.$score.tabIndex = -1;
      this.$score.focus({ preventScroll: true });
      this.$result.scrollIntoView({ block: 'center', behavior: still ? 'auto' : 'smooth' });
    }

    /** Start again: every question, or only the missed ones; focus the first of them. */
    reset(all) {
      const $list = this.$questions.filter(($q) => all || !$q.classList.contains('cg-quiz__question--right'));
      for (const $q of $list) {
        $q.classList.remove('cg-quiz__question--answered', 'cg-quiz__question--right', 'cg-quiz__question--wrong');
        for (const name of MARKS) {
          for (const $el of $q.querySelectorAll('.' + name)) $el.classList.remove(name);
        }
        for (const $i of $q.querySelectorAll('.cg-quiz__fieldset input')) $i.checked = false;
        for (const $s of $q.querySelectorAll('.cg-quiz__fieldset select')) $s.value = '';
        $q.querySelector('.cg-quiz__fieldset').disabled = false;
        $q.querySelector('.cg-quiz__answer').open = false;
        $q.querySelector('.cg-quiz__feedback').hidden = true;
        $q.querySelector('.cg-quiz__check').hidden = false;
        this.shuffle($q);
      }
      this.$result.hidden = true;
      if ($list.length) $list[0].focus();
      this.emit('state', { state: this.state() });
    }

    /** Opt in or out of keeping progress after the browser closes: move it between the storage areas. */
    remember() {
      const [from, to] = this.$keep.checked ? [SESSION, LOCAL] : [LOCAL, SESSION];
      Store.set(to, this.id, Store.get(from, this.id) || Store.get(to, this.id) || {});
      Store.remove(from, this.id);
    }
  }

  /** The page's own order of a question (the same as the printed handbook's worksheet), to restore for printing. */
  const printedOrder = ($q, items) => {
    const $feedbackList = $q.querySelector('.cg-quiz__feedback-list');
    const $key = $q.querySelector('.cg-quiz__key');
    const letter = ($el) => ($el ? $el.textContent : null);
    return {
      items: items.map(($li) => [$li, letter($li.querySelector('.cg-quiz__letter'))]),
      feedback: $feedbackList ? Array.from($feedbackList.children).map(($li) => [$li, letter($li.firstElementChild)]) : [],
      key: $key ? Array.from($key.childNodes).map(($n) => $n.cloneNode(true)) : [],
    };
  };

  /** Put every shuffled question back in the page's order: a printout matches the handbook and its answer key. */
  const unshuffle = () => {
    for (const $q of document.querySelectorAll('.cg-quiz__question')) {
      const saved = $q.cgPrinted;
      if (!saved) continue;
      const $list = $q.querySelector('.cg-quiz__options, .cg-quiz__steps');
      for (const [$li, text] of saved.items) {
        $list.append($li);
        const $letter = $li.querySelector('.cg-quiz__letter');
        if ($letter && text !== null) $letter.textContent = text;
      }
      for (const [$li, text] of saved.feedback) {
        $li.parentNode.append($li);
        if (text !== null) $li.firstElementChild.textContent = text;
      }
      const $key = $q.querySelector('.cg-quiz__key');
      if ($key && saved.key.length) $key.replaceChildren(...saved.key.map(($n) => $n.cloneNode(true)));
    }
  };

  // A printout matches the handbook and its answer key: restore the page's order before printing.
  window.addEventListener('beforeprint', unshuffle);
  // Some print paths (a PDF export) switch to print media without a beforeprint event.
  if (window.matchMedia) {
    const $print = window.matchMedia('print');
    if ($print.addEventListener) $print.addEventListener('change', (event) => event.matches && unshuffle());
  }

  register(Quiz);
})();

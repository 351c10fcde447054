/* Cảnh giác: "Listen", the lesson read aloud by the phone's own voice (Web Speech API), loaded by search.js on the
 * first press. Sentence by sentence, section by section (a section starts at each heading of level 2), in the
 * page's language (<html lang>), the sentence being read highlighted (CSS Custom Highlight API, else a class on
 * its block). Pause, resume, next section, slower, stop. Stops when the page is left, pauses when it is hidden; the
 * quick exit cancels the speech (exit.js). Only a voice on the phone is used (localService): the text is sent
 * nowhere and nothing is downloaded. Without a voice for the language it says so, and how to add one.
 * Pause is a cancel and resume says the sentence again: speechSynthesis.pause() does nothing on Android. */
(() => {
  'use strict';

  if ((window.CanhGiacTools || {}).listen) return;   // loaded twice (two quick presses): the first one stays

  // Styled by tools.css, in the strings of tools.<lang>.js: search.js loads both before this module.
  const strings = () => window.CanhGiacToolStrings || {};

  const synth = window.speechSynthesis;
  const LANG = (document.documentElement.lang || 'en').toLowerCase().replace('_', '-');
  const PRIMARY = LANG.split('-')[0];
  const SLOW = 0.7;
  const VOICE_WAIT_MS = 2000;    // voices load late in Chrome: wait for voiceschanged, this long at most
  const HIGHLIGHT = 'cg-listen';
  const READING = 'cg-listen-reading';
  const BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, caption, figcaption';
  // Not read: trainer notes and answers (details), the quiz, card sets, source markers, what is hidden or printed.
  const SKIP = 'details, .cg-quiz, .cg-cards, .cg-cite, .cg-tools, .cg-lesson__sources, .cg-print-footer, ' +
    '.headerlink, [aria-hidden="true"], .cg-visually-hidden, [hidden], script, style, button, select, input, textarea';

  const norm = (lang) => (lang || '').toLowerCase().replace('_', '-');

  /** The phone's voices, once loaded (an empty list after VOICE_WAIT_MS when there are none). */
  const voices = () => new Promise((resolve) => {
    const now = synth.getVoices();
    if (now.length) return resolve(now);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      synth.removeEventListener('voiceschanged', finish);
      resolve(synth.getVoices());
    };
    synth.addEventListener('voiceschanged', finish);
    window.setTimeout(finish, VOICE_WAIT_MS);
  });

  /** A voice on the phone for the page's language: the exact tag first, the phone's default among equals. */
  const pick = (list) => {
    const local = list.filter((v) => v.localService !== false);
    const exact = local.filter((v) => norm(v.lang) === LANG);
    const pool = exact.length ? exact : local.filter((v) => norm(v.lang).split('-')[0] === PRIMARY);
    return pool.find((v) => v.default) || pool[0] || null;
  };

  /** The sentences of one block: the text said, and the ranges of the text nodes it comes from. */
  const sentences = ($block) => {
    const nodes = [];
    const walker = document.createTreeWalker($block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const $parent = node.parentElement;
      if ($parent.closest(BLOCKS) === $block && !$parent.closest(SKIP)) nodes.push(node);
    }
    let text = '';
    const starts = nodes.map((node) => {
      const at = text.length;
      text += node.data;
      return at;
    });
    const parts = [];
    const add = (start, end) => {
      const said = text.slice(start, end).replace(/\s+/g, ' ').trim();
      if (!/[\p{L}\p{N}]/u.test(said)) return;
      // One range per text node read (a source marker between two is left out), without the spaces around.
      const ranges = [];
      nodes.forEach((node, i) => {
        const from = Math.max(start, starts[i]) - starts[i];
        const to = Math.min(end, starts[i] + node.data.length) - starts[i];
        if (to <= from || !node.data.slice(from, to).trim()) return;
        const lead = node.data.slice(from, to).search(/\S/);
        const trail = node.data.slice(from, to).length - node.data.slice(from, to).trimEnd().length;
        const range = document.createRange();
        range.setStart(node, from + lead);
        range.setEnd(node, to - trail);
        ranges.push(range);
      });
      parts.push({ text: said, ranges, $block });
    };
    if (window.Intl && Intl.Segmenter) {
      for (const s of new Intl.Segmenter(LANG, { granularity: 'sentence' }).segment(text)) add(s.index, s.index + s.segment.length);
    } else {
      const re = /[^.!?…]+[.!?…]*\s*/g;
      for (let m = re.exec(text); m; m = re.exec(text)) add(m.index, m.index + m[0].length);
    }
    return parts;
  };

  /** The lesson as sections of sentences; a level-2 heading starts a section. */
  const lesson = () => {
    const $article = document.querySelector('article') || document.querySelector('main') || document.body;
    const sections = [[]];
    for (const $block of $article.querySelectorAll(BLOCKS)) {
      if ($block.closest(SKIP)) continue;
      if ($block.tagName === 'H2' && sections[sections.length - 1].length) sections.push([]);
      sections[sections.length - 1].push(...sentences($block));
    }
    return sections.filter((s) => s.length);
  };

  const make = (text, action) => {
    const $b = document.createElement('button');
    $b.type = 'button';
    $b.className = 'cg-tools__button';
    $b.textContent = text;
    $b.dataset.listen = action;
    return $b;
  };

  let player = null;

  const start = ($button, $root) => {
    const t = strings();   // in the page's language
    const $status = $root.querySelector('.cg-tools__status');
    const say = (text) => { $status.textContent = text || ''; };
    if (!synth || !window.SpeechSynthesisUtterance) return say(t.listen_no_voice);   // a browser that cannot speak
    if (player) return player.play();

    const $panel = document.createElement('div');
    $panel.className = 'cg-tools__panel';
    $panel.setAttribute('role', 'group');
    $panel.setAttribute('aria-label', $button.textContent.trim());
    const $pause = make(t.listen_pause, 'pause');
    const $next = make(t.listen_next, 'next');
    const $slower = make(t.listen_slower, 'slower');
    $slower.setAttribute('aria-pressed', 'false');
    const $stop = make(t.listen_stop, 'stop');
    $panel.append($pause, $next, $slower, $stop);
    $panel.hidden = true;
    $root.insertBefore($panel, $status);

    let sections = [];
    let si = 0;
    let ki = 0;
    let state = 'stopped';   // 'playing', 'paused', 'stopped'
    let generation = 0;      // utterances of an older generation were cancelled: their events are ignored
    let voice = null;
    let current = null;      // keeps the utterance alive until it ends (Chrome drops events of collected ones)
    const leaving = () => document.documentElement.classList.contains('cg-exiting');

    const unmark = () => {
      if (window.CSS && CSS.highlights) CSS.highlights.delete(HIGHLIGHT);
      for (const $el of document.querySelectorAll('.' + READING)) $el.classList.remove(READING);
    };
    const mark = (part) => {
      unmark();
      if (window.CSS && CSS.highlights && window.Highlight) {
        CSS.highlights.set(HIGHLIGHT, new Highlight(...part.ranges));
      } else {
        part.$block.classList.add(READING);
      }
      const box = part.$block.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) part.$block.scrollIntoView({ block: 'center' });
    };

    const silence = () => {
      generation += 1;
      current = null;
      synth.cancel();
    };

    const stop = (focus) => {
      silence();
      state = 'stopped';
      unmark();
      $panel.hidden = true;
      $button.hidden = false;
      $button.setAttribute('aria-expanded', 'false');
      if (focus) $button.focus();
    };

    const speak = () => {
      if (leaving()) return stop(false);
      const part = sections[si][ki];
      const mine = generation;
      mark(part);
      const u = new SpeechSynthesisUtterance(part.text);
      u.voice = voice;
      u.lang = (voice.lang || LANG).replace('_', '-');
      u.rate = $slower.getAttribute('aria-pressed') === 'true' ? SLOW : 1;
      u.onend = () => {
        if (mine !== generation || state !== 'playing') return;
        if (leaving()) return stop(false);
        ki += 1;
        if (ki >= sections[si].length) {
          si += 1;
          ki = 0;
          if (si >= sections.length) {
            stop(true);
            say(t.listen_done);
            return;
          }
          say((t.listen_reading || '').replace('{n}', si + 1).replace('{total}', sections.length));
        }
        speak();
      };
      u.onerror = (event) => {
        if (mine !== generation || (event && (event.error === 'interrupted' || event.error === 'canceled'))) return;
        stop(true);
      };
      current = u;
      synth.speak(u);
    };

    const play = () => {
      if (state === 'stopped') {
        sections = lesson();
        si = 0;
        ki = 0;
        if (!sections.length) return;
        $button.hidden = true;
        $button.setAttribute('aria-expanded', 'true');
        $panel.hidden = false;
        $pause.focus();
      }
      state = 'playing';
      $pause.textContent = t.listen_pause;
      say((t.listen_reading || '').replace('{n}', si + 1).replace('{total}', sections.length));
      silence();
      speak();
    };
    const pause = () => {
      if (state !== 'playing') return;
      state = 'paused';
      silence();
      $pause.textContent = t.listen_resume;
    };

    $panel.addEventListener('click', (event) => {
      const $b = event.target.closest('button');
      if (!$b) return;
      const action = $b.dataset.listen;
      if (action === 'pause') {
        if (state === 'playing') pause(); else play();
      } else if (action === 'next') {
        if (si + 1 >= sections.length) return stop(true);
        si += 1;
        ki = 0;
        play();
      } else if (action === 'slower') {
        $slower.setAttribute('aria-pressed', String($slower.getAttribute('aria-pressed') !== 'true'));
        if (state === 'playing') play();   // the sentence again, at the new speed
      } else if (action === 'stop') {
        stop(true);
        say('');
      }
    });
    window.addEventListener('pagehide', () => stop(false));
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') pause();
    });

    $button.setAttribute('aria-controls', $panel.id = 'cg-listen-panel');
    player = {
      play: () => voices().then((list) => {
        voice = pick(list);
        if (!voice) {
          say(t.listen_no_voice);
          return;
        }
        say('');
        play();
      }),
    };
    return player.play();
  };

  window.CanhGiacTools = Object.assign(window.CanhGiacTools || {}, { listen: start });
})();

/* Cảnh giác: the SCORM 1.2 adapter. Added only to the pages of SCORM packages (site/download/), never to the site.
 * Finds the LMS's API the standard way (window.parent chain, then window.opener), reports the lesson status, the
 * quiz score and the time spent, and keeps the learner's answers in cmi.suspend_data so that they resume where they
 * were. Without an LMS it does nothing: the page works as on the website. Talks to the quiz only through the
 * events quiz.js dispatches (cg-quiz:ready, cg-quiz:state, cg-quiz:finish). */
(() => {
  'use strict';

  const script = document.currentScript;
  const passMark = Math.max(0, Math.min(100, Number(script && script.dataset.passMark) || 0));
  const MAX_SUSPEND = 4096; // SCORM 1.2: cmi.suspend_data holds at most 4096 characters
  const DONE = ['passed', 'failed', 'completed'];

  // ADL's algorithm: climb the frames (at most 500) looking for `API`, then do the same from the opener.
  const seek = (win) => {
    for (let tries = 0; win && tries < 500; tries++) {
      try {
        if (win.API) return win.API;
      } catch (error) { /* a frame of another origin: keep climbing */ }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  };
  let api = seek(window);
  if (!api && window.opener) api = seek(window.opener);
  if (!api || String(api.LMSInitialize('')) !== 'true') return;

  const started = Date.now();
  let open = true;
  const get = (name) => String(api.LMSGetValue(name) || '');
  const set = (name, value) => open && api.LMSSetValue(name, String(value));
  const commit = () => open && api.LMSCommit('');

  // cmi.core.session_time is a CMITimespan: HHHH:MM:SS.SS.
  const timespan = (ms) => {
    const cs = Math.round(ms / 10);
    const pad = (n, w) => String(n).padStart(w, '0');
    const h = Math.min(9999, Math.floor(cs / 360000));
    const m = Math.floor(cs / 6000) % 60;
    const s = Math.floor(cs / 100) % 60;
    return pad(h, 4) + ':' + pad(m, 2) + ':' + pad(s, 2) + '.' + pad(cs % 100, 2);
  };

  let status = get('cmi.core.lesson_status');
  if (DONE.indexOf(status) < 0) {
    status = 'incomplete';
    set('cmi.core.lesson_status', status);
  }
  // Ask the LMS to keep this attempt's data, so the next launch resumes it (cmi.core.entry = "resume").
  set('cmi.core.exit', 'suspend');
  commit();

  let saved = null;
  try {
    saved = JSON.parse(get('cmi.suspend_data') || 'null');
  } catch (error) {
    saved = null; // not ours, or damaged: start afresh
  }

  const save = (state) => {
    const text = JSON.stringify({ v: 1, quiz: state });
    if (text.length > MAX_SUSPEND) return; // never send the LMS more than it may keep
    set('cmi.suspend_data', text);
    commit();
  };

  const quizzes = document.querySelectorAll('[data-module="cg-quiz"]');
  if (quizzes.length) {
    // Quizzes start when the DOM is ready, which may be before or after this script runs: restore either way.
    const resume = saved && saved.v === 1 && saved.quiz;
    document.addEventListener('cg-quiz:ready', (event) => {
      if (resume) event.detail.restore(resume);
    });
    for (const $quiz of quizzes) {
      if (resume && $quiz.hasAttribute('data-cg-init')) {
        $quiz.dispatchEvent(new CustomEvent('cg-quiz:restore', { detail: { state: resume } }));
      }
    }
    document.addEventListener('cg-quiz:state', (event) => save(event.detail.state));
    document.addEventListener('cg-quiz:finish', (event) => {
      const { right, total } = event.detail;
      const score = total ? Math.round((100 * right) / total) : 0;
      set('cmi.core.score.min', 0);
      set('cmi.core.score.max', 100);
      set('cmi.core.score.raw', score);
      status = score >= passMark ? 'passed' : 'failed';
      set('cmi.core.lesson_status', status);
      save(event.detail.state);
    });
  } else {
    // A lesson without a quiz is complete once the reader reaches the end of the page.
    const complete = () => {
      if (DONE.indexOf(status) >= 0) return;
      status = 'completed';
      set('cmi.core.lesson_status', status);
      commit();
    };
    const watch = () => {
      const $article = document.querySelector('article') || document.body;
      const $end = document.createElement('div');
      $end.setAttribute('aria-hidden', 'true');
      $end.style.height = '1px';
      $article.appendChild($end);
      if (!('IntersectionObserver' in window)) {
        const check = () => {
          if ($end.getBoundingClientRect().top <= window.innerHeight) complete();
        };
        window.addEventListener('scroll', check, { passive: true });
        check();
        return;
      }
      new IntersectionObserver((entries, observer) => {
        if (entries.some((e) => e.isIntersecting)) {
          complete();
          observer.disconnect();
        }
      }).observe($end);
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch);
    else watch();
  }

  // Leaving: the time spent, then LMSFinish, once. pagehide covers closing, reloading, leaving and the LMS removing
  // the frame; beforeunload is for browsers without it. A phone may kill a page in the background without either,
  // so the time so far is also committed whenever the page is hidden.
  const spent = () => set('cmi.core.session_time', timespan(Date.now() - started));
  const finish = () => {
    if (!open) return;
    spent();
    commit();
    open = false;
    api.LMSFinish('');
  };
  window.addEventListener('pagehide', finish);
  window.addEventListener('beforeunload', finish);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden' && open) {
      spent();
      commit();
    }
  });
})();

/* Cảnh giác: the search dialog, per language. Loaded by search.js the first time the reader opens the search,
 * with MiniSearch (vendored) and this language's index (search-index.<lang>.js, a script that fills
 * window.CanhGiacSearchIndex, so it works from file:// too), each added as a script, once.
 * Accent-insensitive: every text is indexed twice, exact (lower case) and folded (NFD, marks removed, đ→d);
 * a query matches the folded fields, and sections that also match its exact spelling rank first.
 * Results are built from DOM text nodes (page text is never parsed as HTML). No framework, no other module. */
(() => {
  'use strict';

  const script = document.currentScript;
  if (!script) return;
  const ASSETS = new URL('./', script.src);       // .../assets/canhgiac/
  const ROOT = new URL('../../', ASSETS);         // the site root: index URLs are relative to it
  const LANG = (document.documentElement.lang || 'vi').slice(0, 2);
  const MAX_RESULTS = 30;
  const PER_PAGE = 3;

  /** Lower case, decomposed, marks removed, đ→d: "Đường dây nóng" -> "duong day nong" (canhgiac.search.fold). */
  const fold = (text) => text.replace(/[đĐ]/g, 'd').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  /** `fold` one character at a time, keeping positions, so a match in the folded text marks the same letters. */
  const foldKeep = (text) => {
    let out = '';
    for (const ch of text) {
      const f = fold(ch);
      out += f.length === ch.length ? f : ch;
    }
    return out;
  };
  const lower = (term) => term.toLowerCase();
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  const load = (src) => new Promise((resolve, reject) => {
    const $s = document.createElement('script');
    $s.src = src;
    $s.async = true;
    $s.onload = resolve;
    $s.onerror = () => reject(new Error('not loaded: ' + src));
    document.head.append($s);
  });

  const make = (tag, className, text) => {
    const $el = document.createElement(tag);
    if (className) $el.className = className;
    if (text) $el.textContent = text;
    return $el;
  };

  // A word is a run of letters, digits and _, in the index (canhgiac.search) as in queries.
  const WORD_SPLIT = /[^\p{L}\p{N}_]+/u;
  const BATCH = 3;     // shards loaded at a time after the first, until there are enough results:
  const ENOUGH = 10;   // a screenful; the reader may ask for the other shards

  /* The engine, made the first time the search opens: MiniSearch over the sections loaded so far. A small index
   * is one file with every section; a large one is a directory (word -> shards holding it, as a hex bit mask)
   * and shards of whole pages, loaded as searches need them. */
  let engine = null;

  const add = (e, shard, data) => {
    e.index.addAll(data.sections.map((s, i) => {
      const id = shard + ':' + i;
      e.sections.set(id, [data.pages[s[0]], s]);
      return { id, t: data.pages[s[0]][1], s: s[2], x: s[3] };
    }));
    e.loaded.add(shard);
  };

  const build = () => {
    const data = window.CanhGiacSearchIndex[LANG];
    const index = new window.MiniSearch({
      fields: ['t', 's', 'x', 'tf', 'sf', 'xf'],
      storeFields: [],
      tokenize: (text) => text.split(WORD_SPLIT),
      extractField: (doc, field) => (field === 'id' ? doc.id : doc[field.charAt(0)]),
      processTerm: (term, field) => (field && field.length === 2 ? fold(term) : lower(term)),
    });
    const e = { index, sections: new Map(), loaded: new Set(), words: data.words || null,
      keys: data.words ? Object.keys(data.words).sort() : [] };
    if (data.sections) add(e, 'all', data);
    return e;
  };

  const open = () => {
    if (!engine) {
      const ready = window.CanhGiacSearchIndex && window.CanhGiacSearchIndex[LANG] ? Promise.resolve()
        : load(new URL('search-index.' + LANG + '.js', ASSETS).href);
      engine = Promise.all([window.MiniSearch ? null : load(new URL('vendor/minisearch.min.js', ASSETS).href), ready])
        .then(build);
      engine.catch(() => { engine = null; });   // a failed download may be retried on the next open
    }
    return engine;
  };

  /** The shards that hold every word of the query (the last word may be unfinished), in order. */
  const shardsFor = (e, query) => {
    if (!e.words) return [];
    const words = fold(query).split(WORD_SPLIT).filter(Boolean);
    let all = null;
    words.forEach((word, i) => {
      let mask = 0n;
      if (i < words.length - 1) {
        if (e.words[word]) mask = BigInt('0x' + e.words[word]);
      } else {
        let lo = 0;
        let hi = e.keys.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (e.keys[mid] < word) lo = mid + 1;
          else hi = mid;
        }
        for (let k = lo; k < e.keys.length && e.keys[k].startsWith(word); k++) mask |= BigInt('0x' + e.words[e.keys[k]]);
      }
      all = all === null ? mask : all & mask;
    });
    const out = [];
    for (let k = 0; all && all >> BigInt(k); k++) if ((all >> BigInt(k)) & 1n) out.push(k);
    return out;
  };

  const loadShard = (e, k) => {
    const key = LANG + '.' + k;
    const got = window.CanhGiacSearchIndex[key] ? Promise.resolve()
      : load(new URL('search-index.' + key + '.js', ASSETS).href);
    return got.then(() => {
      if (!e.loaded.has(k)) add(e, k, window.CanhGiacSearchIndex[key]);
    });
  };

  const search = (e, query) => {
    const last = (term, i, terms) => i === terms.length - 1;   // the word being typed may be unfinished
    const found = e.index.search({
      combineWith: 'OR',
      queries: [
        { queries: [query], fields: ['tf', 'sf', 'xf'], combineWith: 'AND', processTerm: fold, prefix: last,
          boost: { tf: 3, sf: 2, xf: 1 } },
        { queries: [query], fields: ['t', 's', 'x'], combineWith: 'AND', processTerm: lower, prefix: last,
          boost: { t: 4.5, s: 3, x: 1.5 } },
      ],
    });
    const perPage = new Map();
    const out = [];
    for (const r of found) {
      const page = e.sections.get(r.id)[0][0];
      const n = perPage.get(page) || 0;
      if (n >= PER_PAGE) continue;
      perPage.set(page, n + 1);
      out.push(r);
      if (out.length >= MAX_RESULTS) break;
    }
    return out;
  };

  /** A pattern for the words to mark: the whole query as a phrase where the text has it, else each word. */
  const wordsPattern = (words) => new RegExp('(^|[^\\p{L}\\p{N}])(' + words + ')(?![\\p{L}\\p{N}])', 'gu');
  const marker = (query, terms, text) => {
    const words = fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (words.length > 1) {
      const phrase = wordsPattern(words.map(escape).join('[^\\p{L}\\p{N}]+'));
      const has = phrase.test(foldKeep(text));
      phrase.lastIndex = 0;
      if (has) return phrase;
    }
    // document terms found by prefix ("nguo" -> "nguoi") are whole words: mark them whole
    return terms.length ? wordsPattern(terms.map(escape).join('|')) : null;
  };

  /** `text` as DOM nodes, each match of `pattern` (on the folded text) wrapped in <mark>. */
  const highlighted = ($into, text, pattern) => {
    const folded = foldKeep(text);
    let pos = 0;
    if (pattern) {
      pattern.lastIndex = 0;
      for (const m of folded.matchAll(pattern)) {
        const start = m.index + m[1].length;
        $into.append(document.createTextNode(text.slice(pos, start)), make('mark', '', text.slice(start, start + m[2].length)));
        pos = start + m[2].length;
      }
    }
    $into.append(document.createTextNode(text.slice(pos)));
  };

  /** About 200 characters of `text` around the first match, cut at spaces. */
  const snippet = (text, pattern) => {
    if (text.length <= 200) return text;
    if (pattern) pattern.lastIndex = 0;
    const m = pattern ? pattern.exec(foldKeep(text)) : null;
    let start = m ? Math.max(0, m.index - 60) : 0;
    if (start > 0) start = text.indexOf(' ', start) + 1 || start;
    let end = Math.min(text.length, start + 200);
    if (end < text.length && text.lastIndexOf(' ', end) > start) end = text.lastIndexOf(' ', end);
    return (start > 0 ? '… ' : '') + text.slice(start, end) + (end < text.length ? ' …' : '');
  };

  class Search {
    constructor($control) {
      this.$control = $control;
      try {
        this.t = JSON.parse($control.getAttribute('data-i18n')) || {};
      } catch (error) {
        this.t = {};
      }
    }

    dialog() {
      if (this.$dialog) return this.$dialog;
      const t = this.t;
      const $d = make('dialog', 'cg-search');
      $d.setAttribute('aria-labelledby', 'cg-search-title');
      const $bar = make('div', 'cg-search__bar');
      $bar.setAttribute('role', 'search');
      const $label = make('label', 'cg-search__label', t.label);
      $label.id = 'cg-search-title';
      $label.htmlFor = 'cg-search-input';
      const $input = make('input', 'cg-search__input');
      Object.assign($input, { type: 'search', id: 'cg-search-input', autocomplete: 'off', spellcheck: false,
        placeholder: t.placeholder || '' });
      $input.setAttribute('autocapitalize', 'off');
      $input.setAttribute('aria-describedby', 'cg-search-status');
      const $close = make('button', 'cg-search__close', t.close);
      $close.type = 'button';
      $bar.append($label, $input, $close);
      const $note = make('p', 'cg-search__note');   // offline: what the search can reach
      $note.hidden = true;
      const $status = make('p', 'cg-search__status');
      $status.id = 'cg-search-status';
      $status.setAttribute('role', 'status');
      const $results = make('ol', 'cg-search__results');
      $results.setAttribute('aria-labelledby', 'cg-search-title');
      $d.append($bar, $note, $status, $results);
      document.body.append($d);

      $input.addEventListener('input', () => {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.run(), 120);
      });
      $input.addEventListener('keydown', (event) => {
        const $first = $results.querySelector('a');
        if (event.key === 'Escape') {   // a search field would only clear itself: close, as everywhere else
          event.preventDefault();
          $d.close();
        } else if (event.key === 'ArrowDown' && $first) {
          event.preventDefault();
          $first.focus();
        } else if (event.key === 'Enter') {   // the first result of what is typed now, not of a moment ago
          event.preventDefault();
          this.run().then(() => {
            const $now = $results.querySelector('a');
            if ($now) $now.click();
          });
        }
      });
      $results.addEventListener('keydown', (event) => {
        const $links = Array.from($results.querySelectorAll('a'));
        const i = $links.indexOf(document.activeElement);
        if (i < 0 || !['ArrowDown', 'ArrowUp'].includes(event.key)) return;
        event.preventDefault();
        if (event.key === 'ArrowUp' && i === 0) $input.focus();
        else ($links[i + (event.key === 'ArrowDown' ? 1 : -1)] || $links[i]).focus();
      });
      // a result on this same page only moves to its anchor: close the dialog so the section is in view
      $results.addEventListener('click', (event) => {
        if (event.target.closest('a')) $d.close();
      });
      $close.addEventListener('click', () => $d.close());
      $d.addEventListener('click', (event) => {
        if (event.target === $d) $d.close();   // a tap on the backdrop
      });
      $d.addEventListener('close', () => this.$control.focus());
      Object.assign(this, { $dialog: $d, $input, $note, $status, $results });
      return $d;
    }

    show() {
      const $d = this.dialog();
      if (!$d.open) $d.showModal();
      this.$input.focus();
      if (!window.MiniSearch || !window.CanhGiacSearchIndex) this.$status.textContent = this.t.loading;
      this.offline();
      open().then(() => this.run(), () => {
        this.$status.textContent = navigator.onLine === false ? this.t.offline_none : this.t.failed;
      });
    }

    /** Offline, say how many pages of this language are saved on this phone (the results may lead only there). */
    offline() {
      const $note = this.$note;
      $note.hidden = navigator.onLine !== false || !window.caches;
      if ($note.hidden) return;
      fetch(new URL('offline.' + LANG + '.json', ASSETS).href)   // kept by the service worker since it installed
        .then((response) => response.json())
        .then((list) => Promise.all(list.urls.filter((u) => u.endsWith('.html'))
          .map((u) => caches.match(new URL(u, ROOT).href, { ignoreSearch: true }))))
        .then((kept) => {
          $note.textContent = this.plural(this.t.offline, kept.filter(Boolean).length);
        }, () => {
          $note.hidden = true;
        });
    }

    /** Search for what the box holds now (in every shard that may answer it when `everything`); resolves once
     * the results are shown. */
    run(everything) {
      clearTimeout(this.timer);
      const query = this.$input.value.trim();
      if (!engine) return Promise.resolve();
      const current = () => query === this.$input.value.trim();
      return engine.then(async (e) => {
        let pending = shardsFor(e, query).filter((k) => !e.loaded.has(k));
        let found = search(e, query);
        let rounds = 0;
        while (pending.length && (everything || found.length < ENOUGH)) {
          if (!this.$results.childElementCount) this.$status.textContent = this.t.loading;
          const batch = everything ? pending.length : (rounds++ ? BATCH : 1);   // one shard often suffices
          await Promise.all(pending.slice(0, batch).map((k) => loadShard(e, k)));
          if (!current()) return;
          pending = pending.filter((k) => !e.loaded.has(k));
          found = search(e, query);
        }
        if (!current()) return;   // typed on meanwhile
        this.$results.replaceChildren();
        this.$results.dataset.query = query;
        if (!query) {
          this.$status.textContent = '';
          return;
        }
        this.$status.textContent = found.length ? this.count(found.length) : this.t.none;
        for (const r of found) this.$results.append(this.item(e, r, query));
        if (pending.length) {   // more lessons may hold the words: search them only when asked
          const $li = make('li', 'cg-search__result');
          const $more = make('button', 'cg-search__more', this.t.more);
          $more.type = 'button';
          $more.addEventListener('click', () => this.run(true).then(() => {
            const $next = this.$results.querySelectorAll('a')[found.length];
            if ($next) $next.focus();
          }));
          $li.append($more);
          this.$results.append($li);
        }
      }).catch((error) => {   // a shard that did not load (offline): say so, the next search tries again
        console.error(error);
        this.$status.textContent = this.t.failed;
      });
    }

    /** "1 result", "3 results": the catalog's plural form for the page's language (CLDR category), else `other`. */
    count(n) {
      return this.plural(this.t.results, n);
    }

    /** One of a text's plural forms ({one: "{n} page", other: "{n} pages"}) for `n`, by the language's CLDR
     * category (Intl.PluralRules), else the `other` form. */
    plural(forms, n) {
      let category = 'other';
      try {
        category = new Intl.PluralRules(document.documentElement.lang || LANG).select(n);
      } catch (error) { /* a language tag the browser does not know: the `other` form */ }
      return ((forms || {})[category] || (forms || {}).other || '{n}').replace('{n}', n);
    }

    item(e, result, query) {
      const [[url, pageTitle], [, anchor, title, text]] = e.sections.get(result.id);
      const terms = Array.from(new Set(result.terms.map(fold))).sort((a, b) => b.length - a.length);
      const mark = (t) => marker(query, terms, t);
      const $li = make('li', 'cg-search__result');
      const $a = make('a', 'cg-search__link');
      $a.href = new URL(url + (anchor ? '#' + anchor : ''), ROOT).href;
      const $title = make('span', 'cg-search__page');
      highlighted($title, pageTitle, mark(pageTitle));
      $a.append($title);
      if (title && title !== pageTitle) {
        const $section = make('span', 'cg-search__section');
        highlighted($section, title, mark(title));
        $a.append($section);
      }
      $li.append($a);
      if (text) {
        const $p = make('p', 'cg-search__snippet');
        const pattern = mark(text);
        highlighted($p, snippet(text, pattern), pattern);
        $li.append($p);
      }
      return $li;
    }
  }

  const dialogs = new Map();
  /** Open the search for a header control (search.js calls this on every click). */
  const open$ = ($control) => {
    if (!dialogs.has($control)) dialogs.set($control, new Search($control));
    dialogs.get($control).show();
  };
  window.CanhGiacSearch = Object.freeze({ fold, open: open$ });
})();

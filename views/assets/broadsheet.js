// Broadsheet's own script, loaded after htmx. htmx makes the requests; this adds what markup
// alone cannot say: the history rule, autocomplete, the `/` shortcut and scrolling to the
// first match. Listeners sit on `document` because a history restore replaces the body.
(() => {
  'use strict';

  /** How long a result set must stay on screen before the next change gets its own entry. */
  const LOOKED_AT_MS = 1000;
  const SUGGEST_DELAY_MS = 120;

  // Shows what only works with this script (keyboard hints).
  document.documentElement.classList.add('js');

  const searchForm = () => document.getElementById('search-form');
  const searchBox = () => document.getElementById('q');
  const suggestionList = () => document.getElementById('q-suggestions');

  // ---------------------------------------------------------------------------------------
  // History. Typing replaces the current entry (hx-replace-url). Once results have been on
  // screen for a second, or after Enter, a link, a new order or Back, the form switches to
  // hx-push-url so the next change gets a new entry; once that entry exists it switches back.
  // ---------------------------------------------------------------------------------------

  let lookedAtTimer;
  /** Enter was pressed or the order was chosen: the next change gets its own entry. */
  let submitted = false;
  /** The order was chosen from the select, a deliberate step like following a sort link. */
  let orderChosen = false;

  function setHistoryMode(mode) {
    const form = searchForm();
    if (!form) return;
    if (mode === 'push') {
      form.removeAttribute('hx-replace-url');
      form.setAttribute('hx-push-url', 'true');
    } else {
      form.removeAttribute('hx-push-url');
      form.setAttribute('hx-replace-url', 'true');
    }
  }

  function startLookedAtTimer() {
    clearTimeout(lookedAtTimer);
    // `data-looked-at-ms` on the form overrides the delay (tests set it to wait for conditions).
    const delay = Number(searchForm()?.dataset.lookedAtMs) || LOOKED_AT_MS;
    lookedAtTimer = setTimeout(() => setHistoryMode('push'), delay);
  }

  document.addEventListener(
    'submit',
    (event) => {
      if (event.target !== searchForm()) return;
      submitted = true;
      closeSuggestions({ forget: true });
    },
    true,
  );

  document.addEventListener(
    'input',
    (event) => {
      if (event.target instanceof HTMLSelectElement && event.target.name === 'sort' && event.target.form === searchForm()) orderChosen = true;
    },
    true,
  );

  document.addEventListener('htmx:config:request', (event) => {
    const ctx = event.detail.ctx;
    if (ctx.sourceElement !== searchForm()) return;
    if (orderChosen) {
      // A new order gets its own history entry, as a link would.
      orderChosen = false;
      submitted = true;
      ctx.push = 'true';
      ctx.replace = null;
    }
    // Leave out empty fields and the default order so the address bar holds a tidy URL.
    // Every name is re-appended in turn, which keeps the fields' order.
    const body = ctx.request.body;
    for (const name of [...new Set(body.keys())]) {
      const values = body.getAll(name).filter((value) => typeof value !== 'string' || value.trim() !== '');
      body.delete(name);
      if (name === 'sort' && values.length === 1 && values[0] === 'relevance') continue;
      for (const value of values) body.append(name, value);
    }
  });

  document.addEventListener('htmx:before:request', () => clearTimeout(lookedAtTimer));

  document.addEventListener('htmx:before:history:update', (event) => {
    const action = event.detail.history;
    // Pressing Enter on the search already on screen must not add a duplicate entry.
    if (action.type === 'push' && action.path === location.pathname + location.search) action.type = 'replace';
  });

  document.addEventListener('htmx:after:history:update', (event) => {
    if (event.detail.sourceElement === searchForm() && event.detail.history.type === 'push') setHistoryMode('replace');
  });

  document.addEventListener('htmx:after:swap', (event) => {
    const ctx = event.detail.ctx;
    const form = searchForm();
    if (!form) return;
    if (ctx.sourceElement === form) {
      if (submitted) setHistoryMode('push');
      else startLookedAtTimer();
    } else {
      // A facet, tag, page or timeline link, or a history restore: the user chose this set.
      syncFormWithAddress();
      setHistoryMode('push');
      if (ctx.sourceElement instanceof Element && ctx.sourceElement.closest('#search-tips')) revealResults();
    }
    submitted = false;
  });

  /**
   * An example followed from the search tips leaves the page where it is, next to the tips,
   * unless that hides the results (an open panel on a phone): then the results come into view.
   */
  function revealResults() {
    const results = document.getElementById('results');
    const summary = document.getElementById('result-summary');
    if (!results || !summary) return;
    if (results.getBoundingClientRect().top < window.innerHeight - 120) return;
    // Bring the count to a third of the way down: the results below it, the tips still in sight.
    window.scrollBy({ top: summary.getBoundingClientRect().top - window.innerHeight / 3 });
  }

  /** After a link changed the search, the visible fields show it too. */
  function syncFormWithAddress() {
    const form = searchForm();
    if (!form) return;
    const params = new URLSearchParams(location.search);
    for (const name of ['q', 'from', 'to']) {
      const field = form.elements.namedItem(name);
      if (field instanceof HTMLInputElement && field !== document.activeElement) field.value = params.get(name) ?? '';
    }
    const sort = form.elements.namedItem('sort');
    if (sort instanceof HTMLSelectElement) sort.value = params.get('sort') ?? 'relevance';
  }

  document.addEventListener('htmx:error', (event) => {
    const error = event.detail.error;
    if (error && error.name === 'AbortError') return;
    const summary = document.getElementById('result-summary');
    if (summary) summary.textContent = 'The search could not reach the server. Try again in a moment.';
  });

  // ---------------------------------------------------------------------------------------
  // Autocomplete: the ARIA combobox pattern over GET /api/suggest.
  // ---------------------------------------------------------------------------------------

  let suggestTimer;
  let suggestAbort;
  let activeIndex = -1;

  document.addEventListener('input', (event) => {
    if (event.target !== searchBox() || !suggestionList()) return;
    clearTimeout(suggestTimer);
    suggestTimer = setTimeout(fetchSuggestions, SUGGEST_DELAY_MS);
  });

  async function fetchSuggestions() {
    const input = searchBox();
    if (!input) return;
    const q = input.value;
    suggestAbort?.abort();
    if (q.trim() === '') {
      closeSuggestions({ forget: true });
      return;
    }
    const abort = new AbortController();
    suggestAbort = abort;
    try {
      const response = await fetch(`/api/suggest?${new URLSearchParams({ q })}`, {
        signal: abort.signal,
        headers: { Accept: 'application/json' },
      });
      if (!response.ok) return closeSuggestions({ forget: true });
      const { suggestions } = await response.json();
      // Drop answers to text that is no longer in the box.
      if (input.value !== q || document.activeElement !== input) return;
      showSuggestions(q, Array.isArray(suggestions) ? suggestions : []);
    } catch (error) {
      if (error.name !== 'AbortError') closeSuggestions({ forget: true });
    }
  }

  function showSuggestions(typed, suggestions) {
    const list = suggestionList();
    const input = searchBox();
    if (!list || !input) return;
    list.replaceChildren(
      ...suggestions.map((text, index) => {
        const option = document.createElement('li');
        option.id = `q-option-${index}`;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.dataset.value = text;
        // The part already typed stays plain; the completion is bold. Text nodes only.
        if (text.toLowerCase().startsWith(typed.toLowerCase())) {
          const completion = document.createElement('b');
          completion.textContent = text.slice(typed.length);
          option.append(document.createTextNode(text.slice(0, typed.length)), completion);
        } else {
          option.textContent = text;
        }
        return option;
      }),
    );
    activeIndex = -1;
    input.removeAttribute('aria-activedescendant');
    if (suggestions.length === 0) return closeSuggestions({ forget: true });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  /** Hides the list; the options stay for ArrowDown to reopen unless `forget` is set. */
  function closeSuggestions({ forget = false } = {}) {
    clearTimeout(suggestTimer);
    suggestAbort?.abort();
    const list = suggestionList();
    const input = searchBox();
    activeIndex = -1;
    if (list) {
      list.hidden = true;
      if (forget) list.replaceChildren();
      for (const option of list.children) option.setAttribute('aria-selected', 'false');
    }
    if (input) {
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }
  }

  function setActive(index) {
    const list = suggestionList();
    const input = searchBox();
    if (!list || !input) return;
    activeIndex = index;
    [...list.children].forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
    const option = list.children[index];
    if (option) {
      input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function choose(value) {
    const input = searchBox();
    const form = searchForm();
    if (!input) return;
    input.value = value;
    closeSuggestions({ forget: true });
    // Choosing is like pressing Enter: search now (htmx takes the submit when present).
    if (form) form.requestSubmit();
    else input.form?.requestSubmit();
  }

  document.addEventListener('keydown', (event) => {
    const input = searchBox();
    const list = suggestionList();
    if (input && list && event.target === input) {
      // Keys that finish an input method's composition are not ours.
      if (event.isComposing) return;
      const options = [...list.children];
      const open = !list.hidden && options.length > 0;
      if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && options.length > 0 && !event.altKey) {
        event.preventDefault();
        if (!open) {
          list.hidden = false;
          input.setAttribute('aria-expanded', 'true');
        }
        const step = event.key === 'ArrowDown' ? 1 : -1;
        const start = activeIndex === -1 ? (step === 1 ? -1 : options.length) : activeIndex;
        setActive((start + step + options.length) % options.length);
      } else if (event.key === 'Enter' && open && activeIndex >= 0) {
        event.preventDefault();
        choose(options[activeIndex].dataset.value);
      } else if (event.key === 'Escape' && open) {
        // Only close the list; a second Escape clears the box as browsers do.
        event.preventDefault();
        closeSuggestions();
      }
      return;
    }
    if (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isEditable(event.target)) {
      const box = searchBox();
      if (!box) return;
      event.preventDefault();
      box.focus();
      box.select();
    }
  });

  document.addEventListener('mousedown', (event) => {
    // Keep focus in the box while an option is clicked.
    if (event.target instanceof Element && event.target.closest('#q-suggestions')) event.preventDefault();
  });

  document.addEventListener('click', (event) => {
    const option = event.target instanceof Element ? event.target.closest('#q-suggestions [role="option"]') : null;
    if (option) choose(option.dataset.value);
  });

  document.addEventListener('focusout', (event) => {
    if (event.target === searchBox()) closeSuggestions();
  });

  function isEditable(target) {
    return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  // ---------------------------------------------------------------------------------------
  // Page start
  // ---------------------------------------------------------------------------------------

  // The results a page was loaded with count as looked at after a second, like any others.
  if (searchForm()) startLookedAtTimer();

  // Article pages: bring the first highlighted word into view, unless the URL names a place.
  const firstMatch = document.getElementById('first-match');
  if (firstMatch && !location.hash) {
    const box = firstMatch.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) firstMatch.scrollIntoView({ block: 'center' });
  }
})();

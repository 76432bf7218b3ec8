// Roster console behaviour.
//
// Loaded with `defer` right after htmx. The page has no inline script or
// style (CSP: script-src 'self'; style-src 'self'), so everything here works
// through event delegation on `document`, data-* attributes and classList:
// no eval, no inline handlers, no style manipulation. htmx itself is
// configured by <meta name="htmx-config"> in the document head.
(function () {
  'use strict';

  var doc = document;

  function byId(id) {
    return id ? doc.getElementById(id) : null;
  }

  function closestEl(node, selector) {
    var el = node && node.nodeType === 1 ? node : node && node.parentElement;
    return el ? el.closest(selector) : null;
  }

  // ---------------------------------------------------------------- toasts

  // How long each kind of toast stays before it dismisses itself.
  var TOAST_MS = { success: 5000, info: 6000, error: 10000 };

  function dismissToast(toast) {
    if (!toast || !toast.parentNode) return;
    toast.classList.add('opacity-0', 'translate-y-2');
    setTimeout(function () {
      if (toast.parentNode) toast.parentNode.removeChild(toast);
    }, 200);
  }

  // scheduleToast starts the auto-dismiss timer of a toast once; hovering or
  // focusing the toast pauses it so that it can be read or closed.
  function scheduleToast(toast) {
    if (toast.hasAttribute('data-toast-scheduled')) return;
    toast.setAttribute('data-toast-scheduled', '');
    var ms = TOAST_MS[toast.getAttribute('data-kind')] || 6000;
    var timer = null;
    function start() {
      clearTimeout(timer);
      timer = setTimeout(function () { dismissToast(toast); }, ms);
    }
    function stop() {
      clearTimeout(timer);
    }
    toast.addEventListener('mouseenter', stop);
    toast.addEventListener('mouseleave', start);
    toast.addEventListener('focusin', stop);
    toast.addEventListener('focusout', start);
    start();
  }

  function scanToasts() {
    var region = byId('toasts');
    if (!region) return;
    var found = region.querySelectorAll('[data-toast]');
    for (var i = 0; i < found.length; i++) scheduleToast(found[i]);
  }

  // showErrorToast adds an error toast built from the layout's
  // <template id="toast-template">, for failures without a server toast.
  function showErrorToast(message) {
    var region = byId('toasts');
    var tpl = byId('toast-template');
    if (!region || !tpl || !tpl.content) return;
    var frag = tpl.content.cloneNode(true);
    var toast = frag.querySelector('[data-toast]');
    var text = frag.querySelector('[data-toast-message]');
    if (!toast || !text) return;
    text.textContent = message;
    region.appendChild(frag);
    scheduleToast(toast);
  }

  var STATUS_MESSAGES = {
    400: 'The request was not valid.',
    401: 'Your session has ended. Please sign in again.',
    403: 'You do not have permission to do that.',
    404: 'That item no longer exists.',
    409: 'That change conflicts with the current state. Reload and try again.',
    413: 'That upload is too large.',
    422: 'Some of the values are not valid.',
    429: 'Too many requests. Wait a moment and try again.'
  };

  function messageForStatus(status) {
    return STATUS_MESSAGES[status] || 'Something went wrong. Please try again.';
  }

  // Error responses (4xx/5xx) go into #toasts instead of the target: the
  // server answers htmx errors with a toast fragment. Two exceptions: a
  // response the server explicitly retargets (HX-Retarget), and a 422 that is
  // not a toast (a form re-rendered with its field errors) swap normally.
  doc.addEventListener('htmx:beforeSwap', function (evt) {
    var d = evt.detail;
    if (!d || !d.isError) return;
    var xhr = d.xhr;
    var body = typeof d.serverResponse === 'string' ? d.serverResponse : '';
    var isToast = body.indexOf('data-toast') !== -1;
    if (xhr && xhr.getResponseHeader('HX-Retarget')) {
      d.shouldSwap = true;
      return;
    }
    if (xhr && xhr.status === 422 && !isToast) {
      d.shouldSwap = true;
      return;
    }
    var region = byId('toasts');
    if (isToast && region) {
      d.shouldSwap = true;
      d.target = region;
      d.swapOverride = 'beforeend';
      d.selectOverride = 'unset';
      return;
    }
    d.shouldSwap = false;
    showErrorToast(messageForStatus(xhr ? xhr.status : 0));
  });

  doc.addEventListener('htmx:sendError', function () {
    showErrorToast('Could not reach the server. Check your connection and try again.');
  });

  doc.addEventListener('htmx:timeout', function () {
    showErrorToast('The server took too long to answer. Please try again.');
  });

  doc.addEventListener('htmx:load', scanToasts);
  doc.addEventListener('htmx:afterSettle', scanToasts);

  // After a swap that brought back field errors, move focus to the first one.
  // An outerHTML swap detaches the old target: look the new one up by id.
  doc.addEventListener('htmx:afterSwap', function (evt) {
    var target = evt.detail && evt.detail.target;
    if (target && !target.isConnected) target = byId(target.id);
    if (!target || !target.querySelector) return;
    var invalid = target.querySelector('[aria-invalid="true"]');
    if (invalid && typeof invalid.focus === 'function') invalid.focus();
  });

  // ---------------------------------------------------------- confirmation

  var pendingConfirm = null;

  // askConfirm shows the layout's <dialog id="confirm-dialog"> and calls
  // onConfirm when the user confirms. It returns false when there is no
  // usable dialog, so that the caller can fall back.
  function askConfirm(question, label, onConfirm) {
    var dlg = byId('confirm-dialog');
    if (!dlg || typeof dlg.showModal !== 'function') return false;
    var message = dlg.querySelector('[data-confirm-message]');
    var ok = dlg.querySelector('[data-confirm-ok]');
    if (message) message.textContent = question;
    if (ok) ok.textContent = label || 'Confirm';
    dlg.returnValue = '';
    pendingConfirm = onConfirm;
    if (!dlg.open) dlg.showModal();
    return true;
  }

  // `close` does not bubble: listen in the capture phase so that a dialog
  // replaced by a history restore still works.
  doc.addEventListener('close', function (evt) {
    var dlg = evt.target;
    if (!dlg || dlg.id !== 'confirm-dialog') return;
    var cb = pendingConfirm;
    pendingConfirm = null;
    if (dlg.returnValue === 'confirm' && cb) cb();
  }, true);

  function confirmLabel(el) {
    var holder = closestEl(el, '[data-confirm-label]');
    return holder ? holder.getAttribute('data-confirm-label') : '';
  }

  // htmx requests on elements with hx-confirm (or data-confirm).
  doc.addEventListener('htmx:confirm', function (evt) {
    var d = evt.detail;
    if (!d) return;
    var question = d.question;
    if (!question) {
      var holder = closestEl(d.elt, '[data-confirm]');
      question = holder ? holder.getAttribute('data-confirm') : '';
    }
    if (!question) return;
    var started = askConfirm(question, confirmLabel(d.elt), function () {
      d.issueRequest(true);
    });
    if (started) evt.preventDefault();
  });

  // Plain (non-htmx) forms with data-confirm. htmx forms have already had
  // their submit cancelled by htmx (defaultPrevented) and go through
  // htmx:confirm above.
  doc.addEventListener('submit', function (evt) {
    var form = evt.target;
    if (evt.defaultPrevented || !form || form.tagName !== 'FORM') return;
    var submitter = evt.submitter || null;
    var question = form.getAttribute('data-confirm') ||
      (submitter && submitter.getAttribute('data-confirm')) || '';
    if (!question) return;
    if (form.hasAttribute('data-confirmed')) {
      form.removeAttribute('data-confirmed');
      return;
    }
    var label = (submitter && submitter.getAttribute('data-confirm-label')) || confirmLabel(form);
    var started = askConfirm(question, label, function () {
      form.setAttribute('data-confirmed', '');
      if (typeof form.requestSubmit === 'function') {
        if (submitter && submitter.form === form) form.requestSubmit(submitter);
        else form.requestSubmit();
      } else {
        form.submit();
      }
    });
    if (started) evt.preventDefault();
  });

  // ------------------------------------------------- toggles, dialogs, copy

  // setExpanded shows or hides the element a [data-toggle] button controls.
  function setExpanded(button, open) {
    var panel = byId(button.getAttribute('data-toggle'));
    if (!panel) return;
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
    panel.classList.toggle('hidden', !open);
  }

  function closeToggles(except, clickTarget) {
    var open = doc.querySelectorAll('[data-toggle][aria-expanded="true"]');
    for (var i = 0; i < open.length; i++) {
      var btn = open[i];
      if (btn === except) continue;
      var panel = byId(btn.getAttribute('data-toggle'));
      if (clickTarget && (btn.contains(clickTarget) || (panel && panel.contains(clickTarget)))) continue;
      setExpanded(btn, false);
    }
  }

  function flashLabel(button, text) {
    var label = button.querySelector('[data-copy-label]') || button;
    if (!label.hasAttribute('data-original-label')) {
      label.setAttribute('data-original-label', label.textContent);
    }
    label.textContent = text;
    setTimeout(function () {
      label.textContent = label.getAttribute('data-original-label');
      label.removeAttribute('data-original-label');
    }, 2000);
  }

  // copyFrom copies a button's data-copy text. Without the async clipboard
  // (plain http outside localhost) it selects the field named by
  // data-copy-select and uses the legacy copy command.
  function copyFrom(button) {
    var text = button.getAttribute('data-copy');
    if (!text) return;
    function fallback() {
      var field = byId(button.getAttribute('data-copy-select'));
      var copied = false;
      if (field && typeof field.select === 'function') {
        field.focus();
        field.select();
        try {
          copied = doc.execCommand('copy');
        } catch (e) {
          copied = false;
        }
      }
      flashLabel(button, copied ? 'Copied' : 'Press Ctrl+C to copy');
    }
    if (navigator.clipboard && typeof navigator.clipboard.writeText === 'function') {
      navigator.clipboard.writeText(text).then(function () {
        flashLabel(button, 'Copied');
      }, fallback);
    } else {
      fallback();
    }
  }

  doc.addEventListener('click', function (evt) {
    var target = evt.target;

    var close = closestEl(target, '[data-toast-close]');
    if (close) {
      dismissToast(closestEl(close, '[data-toast]'));
      return;
    }

    var toggle = closestEl(target, '[data-toggle]');
    if (toggle) {
      var open = toggle.getAttribute('aria-expanded') !== 'true';
      closeToggles(toggle, null);
      setExpanded(toggle, open);
      return;
    }
    closeToggles(null, target);

    var opener = closestEl(target, '[data-dialog-open]');
    if (opener) {
      var dlg = byId(opener.getAttribute('data-dialog-open'));
      if (dlg && typeof dlg.showModal === 'function' && !dlg.open) {
        evt.preventDefault();
        dlg.showModal();
      }
      return;
    }

    var closer = closestEl(target, '[data-dialog-close]');
    if (closer) {
      var parent = closestEl(closer, 'dialog');
      if (parent) {
        evt.preventDefault();
        parent.close();
      }
      return;
    }

    var copy = closestEl(target, '[data-copy]');
    if (copy) {
      evt.preventDefault();
      copyFrom(copy);
    }
  });

  doc.addEventListener('keydown', function (evt) {
    if (evt.key !== 'Escape') return;
    var open = doc.querySelectorAll('[data-toggle][aria-expanded="true"]');
    if (!open.length) return;
    closeToggles(null, null);
    if (typeof open[0].focus === 'function') open[0].focus();
  });

  // ------------------------------------------------------- page dialog (#modal)
  //
  // A page may render <dialog id="modal" data-modal><div id="modal-body">:
  // links and forms load a dialog's content into #modal-body (hx-target or
  // the server's HX-Retarget) and the dialog opens after the swap. The server
  // closes it with the client event "roster-modal-close" (HX-Trigger).

  function openModal(body) {
    var dlg = closestEl(body, 'dialog[data-modal]');
    if (!dlg || typeof dlg.showModal !== 'function') return;
    if (!dlg.open) dlg.showModal();
    var field = body.querySelector('input:not([type="hidden"]):not([type="checkbox"]):not([type="file"]):not([readonly]), select, textarea');
    if (field && typeof field.focus === 'function') field.focus();
  }

  doc.addEventListener('htmx:afterSwap', function (evt) {
    var target = evt.detail && evt.detail.target;
    if (target && target.id === 'modal-body') openModal(target);
  });

  // Links inside [data-modal-links] (the row menus) load into the dialog
  // with htmx; without JavaScript they open their page, as [data-page]
  // links always do.
  doc.addEventListener('click', function (evt) {
    if (evt.defaultPrevented || evt.button !== 0 || evt.ctrlKey || evt.metaKey || evt.shiftKey || evt.altKey) return;
    var link = closestEl(evt.target, 'a[href]');
    if (!link || link.hasAttribute('data-page') || !closestEl(link, '[data-modal-links]') || !byId('modal-body') || !window.htmx) return;
    evt.preventDefault();
    window.htmx.ajax('GET', link.getAttribute('href'), { source: link, target: '#modal-body', swap: 'innerHTML' });
  });

  doc.addEventListener('roster-modal-close', function () {
    var open = doc.querySelectorAll('dialog[data-modal][open]');
    for (var i = 0; i < open.length; i++) open[i].close();
  });

  // A closed dialog drops its content, so that its ids do not linger.
  doc.addEventListener('close', function (evt) {
    var dlg = evt.target;
    if (!dlg || !dlg.hasAttribute || !dlg.hasAttribute('data-modal')) return;
    var body = byId('modal-body');
    if (body && dlg.contains(body)) body.textContent = '';
  }, true);

  // A click on the backdrop (the dialog element itself) closes it.
  doc.addEventListener('click', function (evt) {
    var t = evt.target;
    if (t && t.tagName === 'DIALOG' && t.hasAttribute('data-modal') && t.open) t.close();
  });

  // Confirmation asked by the clicked button of a form (data-confirm on the
  // submitter, its label from the nearest data-confirm-label): the row menus
  // are one form with one button per action.
  doc.addEventListener('htmx:confirm', function (evt) {
    var d = evt.detail;
    if (evt.defaultPrevented || !d || d.question) return;
    var trig = d.triggeringEvent;
    var sub = trig && trig.submitter;
    if (!sub || !sub.getAttribute('data-confirm')) return;
    var started = askConfirm(sub.getAttribute('data-confirm'), confirmLabel(sub), function () {
      d.issueRequest(true);
    });
    if (started) evt.preventDefault();
  });

  // ------------------------------------------------ disclosure menus, popovers
  //
  // Menus are <details data-menu> and the rows' <details class="rm"> (they
  // open without JavaScript too); here they close on an outside click, on
  // Escape, and once an item is chosen. Status popovers (button.st) show on
  // hover and focus by CSS; a tap toggles aria-expanded for touch screens.
  // Rows carry classes, not data attributes, to stay small.

  var MENUS = 'details[data-menu],details.rm';
  var POPS = 'button.st';

  function closeMenus(keep) {
    var open = doc.querySelectorAll('details[data-menu][open],details.rm[open]');
    for (var i = 0; i < open.length; i++) {
      if (open[i] !== keep) open[i].removeAttribute('open');
    }
  }

  function closePops(keep) {
    var open = doc.querySelectorAll(POPS + '[aria-expanded="true"]');
    for (var i = 0; i < open.length; i++) {
      if (open[i] !== keep) open[i].setAttribute('aria-expanded', 'false');
    }
  }

  doc.addEventListener('click', function (evt) {
    var menu = closestEl(evt.target, MENUS);
    closeMenus(menu);
    if (menu && closestEl(evt.target, '.mi')) {
      setTimeout(function () { menu.removeAttribute('open'); }, 0);
    }
    var pop = closestEl(evt.target, POPS);
    closePops(pop);
    if (pop) pop.setAttribute('aria-expanded', pop.getAttribute('aria-expanded') === 'true' ? 'false' : 'true');
  });

  doc.addEventListener('keydown', function (evt) {
    if (evt.key !== 'Escape') return;
    var menu = doc.querySelector('details[data-menu][open],details.rm[open]');
    if (menu) {
      menu.removeAttribute('open');
      var summary = menu.querySelector('summary');
      if (summary) summary.focus();
    }
    closePops(null);
  });

  // ------------------------------------------------------------ row selection
  //
  // Row checkboxes belong to the bulk form (form="pv-bulk"); the header box
  // selects the whole page, the bar counts the selection and the bulk
  // buttons wait for one.

  function syncSelection() {
    var boxes = doc.querySelectorAll('input[name="ids"][form="pv-bulk"]');
    var n = 0;
    for (var i = 0; i < boxes.length; i++) if (boxes[i].checked) n++;
    var all = doc.querySelector('[data-select-all]');
    if (all) {
      all.checked = boxes.length > 0 && n === boxes.length;
      all.indeterminate = n > 0 && n < boxes.length;
    }
    var label = doc.querySelector('[data-selected-count]');
    if (label) {
      if (!label.hasAttribute('data-empty-text')) label.setAttribute('data-empty-text', label.textContent);
      label.textContent = n === 0 ? label.getAttribute('data-empty-text') : n.toLocaleString('en-US') + ' selected';
    }
    var bulk = doc.querySelectorAll('[data-bulk]');
    for (var j = 0; j < bulk.length; j++) bulk[j].disabled = n === 0;
  }

  doc.addEventListener('change', function (evt) {
    var t = evt.target;
    if (!t || t.tagName !== 'INPUT') return;
    if (t.hasAttribute('data-select-all')) {
      var boxes = doc.querySelectorAll('input[name="ids"][form="pv-bulk"]');
      for (var i = 0; i < boxes.length; i++) boxes[i].checked = t.checked;
      syncSelection();
    } else if (t.name === 'ids' && t.getAttribute('form') === 'pv-bulk') {
      syncSelection();
    }
  });

  // --------------------------------------------- revealed fields and counters
  //
  // [data-reveal] panels show while one of the checkboxes naming them
  // (data-reveals="<id>") is ticked; they are visible without JavaScript.
  // textarea[data-count-max] keeps its [data-counter-of] counter current.

  function syncReveals() {
    var panels = doc.querySelectorAll('[data-reveal][id]');
    for (var i = 0; i < panels.length; i++) {
      var boxes = doc.querySelectorAll('[data-reveals="' + panels[i].id + '"]');
      var on = false;
      for (var j = 0; j < boxes.length; j++) if (boxes[j].checked) on = true;
      panels[i].hidden = !on;
    }
  }

  function syncCounter(area) {
    var out = doc.querySelector('[data-counter-of="' + area.id + '"]');
    if (!out) return;
    var max = parseInt(area.getAttribute('data-count-max'), 10) || 0;
    var n = Array.from(area.value).length;
    out.textContent = n.toLocaleString('en-US') + ' / ' + max.toLocaleString('en-US');
    out.classList.toggle('text-red-600', max > 0 && n > max);
    out.classList.toggle('font-medium', max > 0 && n > max);
  }

  doc.addEventListener('change', function (evt) {
    var t = evt.target;
    if (t && t.hasAttribute && t.hasAttribute('data-reveals')) syncReveals();
  });

  doc.addEventListener('input', function (evt) {
    var t = evt.target;
    if (t && t.tagName === 'TEXTAREA' && t.hasAttribute('data-count-max')) syncCounter(t);
  });

  // input[type=file][data-preview="<img id>"] shows the chosen image (read as
  // a data: URL, which the CSP allows for images).
  doc.addEventListener('change', function (evt) {
    var t = evt.target;
    if (!t || t.type !== 'file' || !t.hasAttribute('data-preview') || !window.FileReader) return;
    var img = byId(t.getAttribute('data-preview'));
    var file = t.files && t.files[0];
    if (!img || !file || !/^image\/(png|jpeg|webp)$/.test(file.type)) return;
    var reader = new FileReader();
    reader.onload = function () {
      img.src = reader.result;
      img.hidden = false;
      var ph = img.parentNode && img.parentNode.querySelector('[data-preview-placeholder]');
      if (ph) ph.hidden = true;
    };
    reader.readAsDataURL(file);
  });

  // ------------------------------------------------------------- long bios
  //
  // A row shows a bio's excerpt; one that ends in "…" opens the whole bio
  // (fetched from the row's /bio, so rows stay small) on click, Enter or
  // Space. The markup carries nothing for it: this makes those excerpts
  // focusable buttons.

  function syncBios() {
    var ps = doc.querySelectorAll('#pv-rows p.pv-bio:not([data-bio])');
    for (var i = 0; i < ps.length; i++) {
      var p = ps[i];
      p.setAttribute('data-bio', '');
      if (p.textContent.slice(-1) !== '\u2026') continue;
      p.setAttribute('tabindex', '0');
      p.setAttribute('role', 'button');
      p.setAttribute('aria-expanded', 'false');
      p.setAttribute('title', 'Show the whole bio');
    }
  }

  function openBio(p) {
    var row = closestEl(p, 'tr[id^="participant-"]');
    var bar = byId('pv-bulk');
    var m = bar && /\/events\/(\d+)\//.exec(bar.getAttribute('action') || '');
    if (!row || !m || !window.htmx) return;
    var url = '/events/' + m[1] + '/users/' + row.id.slice('participant-'.length) + '/bio';
    window.htmx.ajax('GET', url, { source: p, target: closestEl(p, 'td'), swap: 'innerHTML' });
  }

  doc.addEventListener('click', function (evt) {
    var p = evt.target && closestEl(evt.target, 'p.pv-bio[role="button"]');
    if (p) openBio(p);
  });
  doc.addEventListener('keydown', function (evt) {
    var p = evt.target;
    if (!p || !p.matches || !p.matches('p.pv-bio[role="button"]')) return;
    if (evt.key === 'Enter' || evt.key === ' ') {
      evt.preventDefault();
      openBio(p);
    }
  });

  // ---------------------------------------------------------- local times
  //
  // [data-local-span data-start data-end] holds a span of time written in
  // the event's time zone; the attendee reads it in their own (the server's
  // text stays as the title and as the no-script fallback).

  function localTimes() {
    if (!window.Intl || !Intl.DateTimeFormat) return;
    var spans = doc.querySelectorAll('[data-local-span]:not([data-localised])');
    if (!spans.length) return;
    var day = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' };
    var tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    // The page's language (the attendee's), else the browser's.
    var locale = doc.documentElement.lang || undefined;
    for (var i = 0; i < spans.length; i++) {
      var el = spans[i];
      var start = new Date(el.getAttribute('data-start'));
      var end = new Date(el.getAttribute('data-end'));
      if (isNaN(start) || isNaN(end)) continue;
      var sameDay = start.toDateString() === end.toDateString();
      var endFmt = sameDay ? { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' } : Object.assign({ timeZoneName: 'short' }, day);
      el.textContent = new Intl.DateTimeFormat(locale, day).format(start) + ' – ' + new Intl.DateTimeFormat(locale, endFmt).format(end);
      el.setAttribute('data-localised', '');
    }
    var notes = doc.querySelectorAll('[data-tz-note]');
    for (var j = 0; j < notes.length; j++) {
      if (tz && tz !== notes[j].getAttribute('data-event-tz')) {
        // data-tz-text is the sentence in the page's language, with {local}.
        var says = notes[j].getAttribute('data-tz-text') ||
          'Times in your time zone ({local}); the event runs in ' + notes[j].getAttribute('data-event-tz') + '.';
        notes[j].textContent = says.replace('{local}', tz);
      }
    }
  }


  // ------------------------------------------------ classroom pickers
  //
  // A [data-filter-list] field hides the entries ([data-filter-item]) of the
  // list it names that do not contain its text (case and accents ignored).
  // A [data-role-select] hides its form's course fields for Admin, who
  // enters every course.

  function fold(s) {
    return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  doc.addEventListener('input', function (evt) {
    var field = evt.target;
    if (!field || !field.hasAttribute || !field.hasAttribute('data-filter-list')) return;
    var list = byId(field.getAttribute('data-filter-list'));
    if (!list) return;
    var q = fold(field.value.trim());
    var items = list.querySelectorAll('[data-filter-item]');
    var shown = 0;
    for (var i = 0; i < items.length; i++) {
      var hit = q === '' || fold(items[i].textContent).indexOf(q) !== -1;
      items[i].classList.toggle('hidden', !hit);
      if (hit) shown++;
    }
    var none = list.querySelector('[data-filter-none]');
    if (none) none.classList.toggle('hidden', shown !== 0);
  });

  function syncRoleSelects() {
    var selects = doc.querySelectorAll('select[data-role-select]');
    for (var i = 0; i < selects.length; i++) {
      var form = closestEl(selects[i], 'form');
      if (!form) continue;
      var admin = selects[i].value === 'admin';
      var fields = form.querySelectorAll('[data-courses-field]');
      for (var j = 0; j < fields.length; j++) fields[j].classList.toggle('hidden', admin);
      var notes = form.querySelectorAll('[data-admin-note]');
      for (var k = 0; k < notes.length; k++) notes[k].classList.toggle('hidden', !admin);
    }
  }

  doc.addEventListener('change', function (evt) {
    if (evt.target && evt.target.hasAttribute && evt.target.hasAttribute('data-role-select')) syncRoleSelects();
  });

  function refresh() {
    syncRoleSelects();
    syncSelection();
    syncReveals();
    syncBios();
    localTimes();
  }

  doc.addEventListener('htmx:load', refresh);
  doc.addEventListener('htmx:afterSettle', refresh);
  refresh();

  scanToasts();
})();

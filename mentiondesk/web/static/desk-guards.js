// mentiondesk desk: no double submits, no typed text lost unasked (a submit or a link that
// would drop it asks first), and the saved-reply picker that fills a reply box. Needs
// desk-core.js first (base.html).
(function () {
  "use strict";

  var md = window.mentiondesk;

  // Boxes a person writes in; not a login name, quicker typed again than asked about.
  var TYPED = "textarea, input[type=text], input[type=search], " +
    "input:not([type]):not([autocomplete=username])";

  // Text in a box that the page would lose: not what the box held as loaded, or for a
  // draft's box (data-stored) not the draft as saved, so text kept after a refusal counts.
  function unsent(el) {
    var saved = "stored" in el.dataset ? el.dataset.stored : el.defaultValue;
    return !el.disabled && !sameText(el.value, saved);
  }

  // Unsent text in any box but `form`'s own (which goes with it): leaving loses it.
  function typedElsewhere(form) {
    return Array.from(document.querySelectorAll(TYPED)).some(function (el) {
      return (!form || el.form !== form) && unsent(el);
    });
  }

  // One question for a submit: a one-key shortcut's (data-key-confirm, while the key sends
  // it), the action's own (data-confirm), and whether to drop unsent text elsewhere on the
  // page (a note typed, then Resolve), in one dialog, never two.
  function question(form, submitter) {
    var asks = [form.dataset.keyed ? form.dataset.keyConfirm : ""];
    asks.push((submitter && submitter.dataset.confirm) || form.dataset.confirm);
    if (typedElsewhere(form)) asks.push(md.STRINGS.unsent);
    return asks.filter(Boolean).join("\n\n");
  }

  // A link that loads another page in this tab (the language switch, the menu) with text
  // typed on this one asks first; a new tab, a download or a #part of this page loses nothing.
  function guardLinks() {
    document.addEventListener("click", function (event) {
      var link = event.target instanceof Element && event.target.closest("a[href]");
      if (!link || event.defaultPrevented || event.button !== 0) return;
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      if ((link.target && link.target !== "_self") || link.hasAttribute("download")) return;
      var to = new URL(link.href, window.location.href), here = window.location;
      if (to.hash && to.pathname === here.pathname && to.search === here.search) return;
      if (typedElsewhere(null) && !window.confirm(md.STRINGS.unsent)) event.preventDefault();
    });
  }

  function guardForms() {
    document.addEventListener("submit", function (event) {
      if (event.defaultPrevented) return;  // held back by another handler: not sent
      var form = event.target, ask = question(form, event.submitter);
      if (ask && !window.confirm(ask)) { event.preventDefault(); return; }
      if (form.dataset.sent) { event.preventDefault(); return; }  // no double post
      form.dataset.sent = "1";
      setTimeout(function () {
        form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
      }, 0);
    });
  }

  function sameText(a, b) {
    return a.replace(/\r\n?/g, "\n").trim() === b.replace(/\r\n?/g, "\n").trim();
  }

  // Text the agent wrote: not empty, not the draft as stored, not a saved reply as picked.
  function ownText(area, select) {
    if (!area.value.trim() || sameText(area.value, area.dataset.stored || "")) return false;
    return !Array.from(select.options).some(function (o) {
      return o.value && sameText(area.value, o.dataset.text);
    });
  }

  // Replaced as if typed, so Ctrl+Z brings the old text back; setRangeText where the
  // browser has no insertText (no undo there, but never markup: a value).
  function replaceText(area, text) {
    area.focus();
    area.select();
    if (!document.execCommand("insertText", false, text) || !sameText(area.value, text)) {
      area.setRangeText(text, 0, area.value.length, "end");
      area.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }

  // Keys that move the choice of a closed select (arrows, Home/End, pages, type-ahead).
  // Not Space, F4 or Alt/Meta+arrows: those open the list, and a choice made inside it
  // is deliberate; its keys (Enter too) go to the popup and never reach the select.
  function movesClosedSelect(event) {
    if (event.altKey || event.metaKey) return false;
    if (/^(Arrow(Up|Down|Left|Right)|Home|End|PageUp|PageDown)$/.test(event.key)) return true;
    return event.key.length === 1 && event.key !== " " && !event.ctrlKey;
  }

  // A saved reply goes into its box with no page load (the form's GET is the fallback
  // without JavaScript); nothing is sent: the agent edits and sends as usual. A pick with the
  // mouse or inside the opened list acts at once; arrowing through the closed select acts
  // only on Enter or the button, and text the agent wrote is replaced only once they say yes
  // (typed text is never lost silently).
  function savedPickers() {
    document.querySelectorAll("form.saved-picker").forEach(function (form) {
      var select = form.querySelector("select"), keyed = false;
      function putInBox(event) {
        if (event) event.preventDefault();
        var option = select.selectedOptions[0], area = document.querySelector(form.dataset.box);
        if (!option || !option.value || !area) return;
        if (!sameText(area.value, option.dataset.text)) {
          if (ownText(area, select) && !window.confirm(md.STRINGS.replaceTyped)) return;
          replaceText(area, option.dataset.text);
        }
        area.focus();
      }
      select.addEventListener("pointerdown", function () { keyed = false; });
      select.addEventListener("keydown", function (event) {
        if (event.key === "Tab") return;
        keyed = movesClosedSelect(event);
        if (event.key === "Enter") { event.preventDefault(); form.requestSubmit(); }
      });
      select.addEventListener("change", function () { if (!keyed) putInBox(null); });
      form.addEventListener("submit", putInBox);
    });
  }

  // guardForms' submit listener goes first of the parts' (desk-core.js runs the starts in
  // order): the others (desk-queue.js, desk-notices.js) see a submit it held back as such.
  md.ready(function () {
    savedPickers();
    guardForms();
    guardLinks();
  });
})();

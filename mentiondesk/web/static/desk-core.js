// mentiondesk desk, its script in parts by concern (base.html loads them `defer`, in order):
// this shared core, then desk-counts.js (live timers, character counts), desk-guards.js (no
// double submits, no typed text lost unasked, the saved-reply picker), desk-queue.js (the
// queue's keyboard shortcuts) and desk-notices.js (notices said, focus back to a draft).
// Loaded from /static (the Content-Security-Policy forbids inline script). What the parts
// share is this one namespace, window.mentiondesk; nothing else is global.
(function () {
  "use strict";

  var md = window.mentiondesk = {
    // The page's words for what these scripts write, in the page's language: i18n.JS_STRINGS,
    // sent by the server in <body data-strings> (base.html), so there is one copy to translate.
    // Read when the page has loaded: the parts look a word up in md.STRINGS when they write it.
    STRINGS: {},
    fill: fill,
    duration: duration,
    ready: ready
  };

  function loadStrings() {
    try {
      md.STRINGS = JSON.parse(document.body.dataset.strings || "{}");
    } catch (e) { /* a broken blob leaves the words empty; the rest still works */ }
  }

  // A text's {name} fields filled from `values` (the catalog's placeholders, i18n.py).
  function fill(text, values) {
    return String(text || "").replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? String(values[name]) : all;
    });
  }

  // As the server writes it (Locale.duration), in the page's units: "3h 05m", "3 h 05 min";
  // rounded to the unit shown, as wording.duration rounds (the overdue colour reads seconds).
  function duration(s) {
    s = Math.max(0, s);
    if (Math.round(s) < 60) return fill(md.STRINGS.seconds, { s: Math.round(s) });
    var minutes = Math.round(s / 60);
    if (minutes < 60) return fill(md.STRINGS.minutes, { m: minutes });
    if (minutes < 1440) {
      var m = minutes % 60;
      return fill(md.STRINGS.hours, { h: Math.floor(minutes / 60), m: (m < 10 ? "0" : "") + m });
    }
    var hours = Math.round(s / 3600);
    return fill(md.STRINGS.days, { d: Math.floor(hours / 24), h: hours % 24 });
  }

  // Each part's start, run once the page has loaded, in the order the parts registered (the
  // order base.html loads them): one listener, as when the script was one file, so a submit's
  // listeners still run in the order they were added (guardForms' first).
  var starts = [];
  function ready(start) {
    starts.push(start);
  }

  document.addEventListener("DOMContentLoaded", function () {
    loadStrings();
    starts.forEach(function (start) { start(); });
  });
})();

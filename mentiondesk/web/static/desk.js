// mentiondesk desk: live timers, character counts, keyboard shortcuts, no double submits,
// no typed text lost unasked.
// Loaded from /static (the Content-Security-Policy forbids inline script).
(function () {
  "use strict";

  // The page's words for what this script writes, in the page's language: i18n.JS_STRINGS,
  // sent by the server in <body data-strings> (base.html), so there is one copy to translate.
  var STRINGS = {};
  function loadStrings() {
    try {
      STRINGS = JSON.parse(document.body.dataset.strings || "{}");
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
    if (Math.round(s) < 60) return fill(STRINGS.seconds, { s: Math.round(s) });
    var minutes = Math.round(s / 60);
    if (minutes < 60) return fill(STRINGS.minutes, { m: minutes });
    if (minutes < 1440) {
      var m = minutes % 60;
      return fill(STRINGS.hours, { h: Math.floor(minutes / 60), m: (m < 10 ? "0" : "") + m });
    }
    var hours = Math.round(s / 3600);
    return fill(STRINGS.days, { d: Math.floor(hours / 24), h: hours % 24 });
  }

  function tickTimers() {
    var now = Date.now();
    document.querySelectorAll(".timer[data-since]").forEach(function (el) {
      var since = Date.parse(el.dataset.since);
      if (isNaN(since)) return;
      var waited = (now - since) / 1000, sla = Number(el.dataset.sla) || 3600;
      var overdue = waited >= sla, dueSoon = !overdue && waited >= sla * 0.75;
      el.textContent = duration(waited);
      el.classList.toggle("overdue", overdue);
      el.classList.toggle("due-soon", dueSoon);
      // The urgency its colour shows, in words for a screen reader (_macros.html's timer).
      var say = el.nextElementSibling;
      var words = overdue ? STRINGS.overdue : dueSoon ? STRINGS.dueSoon : "";
      if (say && say.matches(".timer-urgency") && say.textContent !== words) {
        say.textContent = words;
      }
    });
  }

  // A reply's length as its platform counts it, by the server's rules (reply_limits.py):
  // data-rule "x" or "mastodon" counts a link as 23, "x" weighs a code point outside X's
  // light ranges 2, and data-prefix is the @handle every Mastodon reply starts with.
  var LINK = 23, TRAILING = /[.,:;!?'")\]}]+$/u;
  // A link with its scheme, or (X only) a bare domain: reply_limits._LINK. No lookbehind
  // (a parse error for the whole script in Safari before 16.4): the character before a bare
  // domain is matched as group 2 instead, and the link starts after it.
  // A link ends at the first character twitter-text does not allow in a URL path, as
  // reply_limits._URL: text in another script right after it (Thai, Arabic, CJK) counts.
  var URL_PATH = "[a-z0-9\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u024f\\u0253\\u0254\\u0256\\u0257" +
    "\\u0259\\u025b\\u0263\\u0268\\u026f\\u0272\\u0289\\u028b\\u02bb\\u0300-\\u036f\\u1e00-\\u1eff" +
    "\\u0400-\\u04ff!*';:=+,.$\\/%#\\[\\]\\-\\u2013_~@|&?()]+";
  var LINKS = new RegExp("(https?:\\/\\/)" + URL_PATH +
    "|(^|[^\\p{L}\\p{N}_@.\\/:-])(?=(?:[\\p{L}\\p{N}_-]+\\.)+[a-z]{2,}(?![\\p{L}\\p{N}_-]))" + URL_PATH,
    "giu");
  // @user@domain, counted as @user (reply_limits._REMOTE); group 1 is the character before.
  var REMOTE = /(^|[^\p{L}\p{N}_@])@([\p{L}\p{N}_]+)@[\p{L}\p{N}_.-]*[\p{L}\p{N}_]/gu;
  var X_LIGHT = [[0, 4351], [8192, 8205], [8208, 8223], [8242, 8247]];

  function plainLength(text, rule) {
    if (rule === "mastodon") return Array.from(text.replace(REMOTE, "$1@$2")).length;
    return Array.from(text).reduce(function (sum, char) {
      var point = char.codePointAt(0);
      return sum + (X_LIGHT.some(function (r) { return point >= r[0] && point <= r[1]; }) ? 1 : 2);
    }, 0);
  }

  // Whether `text` mentions the handle of `prefix` ("@ana "), as models/_replies.py reads it:
  // "@ana_souza" and "support@ana.example" do not mention @ana.
  function mentions(text, prefix) {
    var handle = prefix.trim().replace(/[\\^$.*+?()[\]{}|\/]/g, "\\$&");
    var word = "[\\p{L}\\p{N}_]";
    var found = "(?:^|[^\\p{L}\\p{N}_@/])" + handle + "(?![.-]*" + word + "|@" + word + ")";
    return new RegExp(found, "iu").test(text);
  }

  function platformLength(text, rule, prefix) {
    text = text.trim();
    if (prefix && !mentions(text, prefix)) text = prefix + text;
    if (rule !== "x" && rule !== "mastodon") return Array.from(text).length;
    if (rule === "x") text = text.normalize("NFC");
    var total = 0, at = 0;
    for (var found of text.matchAll(LINKS)) {
      if (!found[1] && rule !== "x") continue;  // a bare domain is a link on X only
      var start = found.index + (found[2] || "").length;  // after the character before it
      // Punctuation after it is text.
      var link = found[0].slice(start - found.index).replace(TRAILING, "");
      total += plainLength(text.slice(at, start), rule);
      total += found[1] ? LINK : Math.max(LINK, Array.from(link).length);
      at = start + link.length;
    }
    return total + plainLength(text.slice(at), rule);
  }

  function countChars(area) {
    var bar = area.form && area.form.querySelector(".count");
    if (!bar) return;
    var n = platformLength(area.value, area.dataset.rule, area.dataset.prefix || "");
    var limit = Number(area.dataset.limit);
    // Grouped as the page's language writes numbers, like the limit beside it: 1.234 / 10.000.
    bar.querySelector(".count-n").textContent = n.toLocaleString(document.documentElement.lang);
    bar.classList.toggle("over", n > limit);
    // Said once as the text goes over the limit (and cleared back under it), not the count
    // itself: a live count reads its figure out to a screen reader after every key.
    var say = area.form.querySelector(".count-say"), over = String(n > limit);
    if (say && say.dataset.over !== over) {
      say.dataset.over = over;
      say.textContent = n > limit ? STRINGS.tooLong : "";
    }
    // The platform would refuse it (and the desk does too): shorten first, saving still works.
    var approve = area.form.querySelector("button[value=approve]");
    if (approve) {
      approve.disabled = n > limit;
      approve.title = n > limit ? STRINGS.tooLong : "";
    }
  }

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
    if (typedElsewhere(form)) asks.push(STRINGS.unsent);
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
      if (typedElsewhere(null) && !window.confirm(STRINGS.unsent)) event.preventDefault();
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
          if (ownText(area, select) && !window.confirm(STRINGS.replaceTyped)) return;
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

  // A key pressed while a control has focus is that control's: Enter on the Filter button
  // submits the filters and on a link follows it, it must not open the selected case.
  var INTERACTIVE = "a[href], button, input, select, textarea, summary, label, iframe, " +
    "[contenteditable], [role=button], [role=link], [role=menuitem], [role=tab], " +
    "[role=checkbox], [role=textbox], [role=combobox], [tabindex]:not([tabindex='-1'])";

  function ownsKeys(target) {
    return target instanceof Element &&
      (target.isContentEditable || target.closest(INTERACTIVE) !== null);
  }

  function isClipped(el) {
    return el.scrollHeight > el.clientHeight + 1;
  }

  // A post or draft cut off by the row's height says so (a fade and "… more", in CSS).
  function markClipped(items) {
    items.forEach(function (item) {
      item.querySelectorAll(".text, .draft").forEach(function (el) {
        var clipped = isClipped(el);
        el.classList.toggle("clipped", clipped);
        if (clipped) el.dataset.more = STRINGS.more;
      });
    });
  }

  // After Approve or Reject (its key or its button) the queue loads again without the row: the
  // row now in its place is chosen and focused, so `j` or Tab goes on from there, not from
  // the top of the page. Kept for the next page of this tab only (taken by whatever page
  // loads next), briefly.
  var PLACE = "mentiondesk.queuePlace";
  function keepPlace(index) {
    try {
      var place = { path: location.pathname, at: index, t: Date.now() };
      sessionStorage.setItem(PLACE, JSON.stringify(place));
    } catch (e) { /* no storage: the page opens with no row chosen, as before */ }
  }
  function takePlace() {
    try {
      var kept = JSON.parse(sessionStorage.getItem(PLACE) || "null");
      sessionStorage.removeItem(PLACE);
      if (kept && kept.path === location.pathname && Date.now() - kept.t < 60000) return kept.at;
    } catch (e) { /* a broken entry chooses nothing */ }
    return -1;
  }

  // The case page's "← Queue" goes back to the queue as this tab last showed it (filters, the
  // page size "Show more" chose), not to the whole queue: working through one reason's cases,
  // each opened and answered, does not start over. Only the query is kept, under /queue.
  var QUEUE_AT = "mentiondesk.queueAt";
  function queueCrumb() {
    try {
      if (location.pathname === "/queue") {
        sessionStorage.setItem(QUEUE_AT, location.search);
        return;
      }
      var search = sessionStorage.getItem(QUEUE_AT);
      if (!search || search.charAt(0) !== "?") return;  // the whole queue, or none seen
      document.querySelectorAll('.crumbs a[href="/queue"]').forEach(function (a) {
        a.setAttribute("href", "/queue" + search);
      });
    } catch (e) { /* no storage: "← Queue" is the whole queue, as before */ }
  }

  // The one-key shortcuts can be turned off (WCAG 2.1.4: speech input and stray keys), for
  // this browser; on by default, as the hint beside the filters says.
  var KEYS_OFF = "mentiondesk.keysOff";
  function keysOn() {
    try { return localStorage.getItem(KEYS_OFF) !== "1"; } catch (e) { return true; }
  }
  function keysSwitch() {
    var box = document.getElementById("keys-on");
    if (!box) return;
    box.checked = keysOn();
    box.addEventListener("change", function () {
      try {
        if (box.checked) localStorage.removeItem(KEYS_OFF);
        else localStorage.setItem(KEYS_OFF, "1");
      } catch (e) { /* no storage: the switch holds for this page only */ }
      document.body.classList.toggle("keys-off", !box.checked);
    });
    document.body.classList.toggle("keys-off", !box.checked);
  }

  // A notice in the page as loaded (base.html's #notice: "MD-000086: reply approved: it is on
  // its way.") is not announced by a screen reader: its live region is filled again once the
  // page has loaded, which is. Not where focus goes to a box the notice or its own error
  // describes (a refused text, a case number not found): that box's description says it.
  // A region marked data-say-on-load (People's new password) is said the same way.
  function sayAgain(region) {
    var kept = Array.from(region.childNodes);  // its markup too: a heading, the password
    region.style.minHeight = region.offsetHeight + "px";  // the page does not move meanwhile
    region.replaceChildren();
    setTimeout(function () {
      region.replaceChildren.apply(region, kept);
      region.style.minHeight = "";
    }, 100);
  }

  function sayNotice() {
    var notice = document.getElementById("notice");
    if (notice && !document.querySelector("[autofocus][aria-describedby]")) sayAgain(notice);
    document.querySelectorAll("[data-say-on-load]").forEach(sayAgain);
  }

  // A draft's button (Save draft, Reject, Approve, Restore, Send again) loads the case page
  // again: focus goes back to that draft's heading (its kind and status), not to the page's
  // top, so the keyboard goes on from where it was; the notice saying how it went is said
  // politely (sayNotice). A rejected draft folded with the earlier ones: they are opened.
  // Kept for the next page only, as the queue's place is; not where a refused box has taken
  // focus itself (autofocus).
  var DRAFT_AT = "mentiondesk.draftPlace";
  function keepDraftPlace() {
    document.addEventListener("submit", function (event) {
      if (event.defaultPrevented) return;  // a confirm declined: the page stays
      var action = (event.submitter && event.submitter.getAttribute("formaction")) ||
        event.target.getAttribute("action") || "";
      var found = /^\/drafts\/(\d+)\//.exec(action);
      if (!found) return;
      try {
        var place = { path: location.pathname, draft: found[1], t: Date.now() };
        sessionStorage.setItem(DRAFT_AT, JSON.stringify(place));
      } catch (e) { /* no storage: the page opens at its top, as before */ }
    });
  }

  function focusDraft() {
    var kept = null;
    try {
      kept = JSON.parse(sessionStorage.getItem(DRAFT_AT) || "null");
      sessionStorage.removeItem(DRAFT_AT);
    } catch (e) { return; }
    if (!kept || kept.path !== location.pathname || Date.now() - kept.t > 60000) return;
    var head = document.getElementById("draft-" + kept.draft + "-head");
    if (!head || document.querySelector("[autofocus]")) return;
    var folded = head.closest("details:not([open])");
    if (folded) folded.open = true;
    head.focus({ preventScroll: true });
    head.scrollIntoView({ block: "center" });
  }

  function queueKeys(place) {
    var queue = document.getElementById("queue");
    var items = Array.from(document.querySelectorAll("#queue > .item"));
    if (!queue || !items.length) return;
    // Nothing is selected until the person chooses a row (j/k, a click, focus in it): a
    // stray `a` or `r` right after the page loads approves or rejects nothing.
    var index = -1, keyed = null;
    function select(i, scroll) {
      index = Math.max(0, Math.min(items.length - 1, i));
      items.forEach(function (el, j) {
        el.classList.toggle("selected", j === index);
        if (j === index) el.setAttribute("aria-current", "true");
        else el.removeAttribute("aria-current");
      });
      markClipped(items);  // the selected row shows all of its post and draft
      if (scroll) items[index].scrollIntoView({ block: "nearest" });
    }
    // A row chosen with the keys takes focus too: a screen reader reads it, and Tab goes
    // on from it to its link and buttons, not from wherever focus was before.
    function choose(i) {
      select(i, true);
      items[index].focus({ preventScroll: true });
    }
    markClipped(items);  // the page opens where it is, at the top, no row selected
    if (place >= 0) choose(place);  // unless Approve or Reject acted on the row that was here
    window.addEventListener("resize", function () { markClipped(items); });
    queue.addEventListener("click", function (event) {
      var item = event.target.closest("#queue > .item");
      if (item && !ownsKeys(event.target)) select(items.indexOf(item), false);
    });
    // Tabbing to a row's case link chooses the row too; not its buttons, whose click the
    // submit check below must see with the row as it was (a clipped draft is shown first).
    queue.addEventListener("focusin", function (event) {
      var item = event.target.closest("#queue > .item");
      if (!item || !(event.target === item || event.target.matches(".case-link"))) return;
      if (items.indexOf(item) !== index) select(items.indexOf(item), false);
    });
    // Nobody approves a draft they could not read in full: approving one that is cut off
    // (by click or key) selects its row, which shows all of it, and sends nothing yet.
    queue.addEventListener("submit", function (event) {
      var item = event.target.closest(".item"), draft = item && item.querySelector(".draft");
      if (!event.target.matches("form.approve") || !draft || !isClipped(draft)) return;
      event.preventDefault();
      select(items.indexOf(item), true);
      tell(STRINGS.readFirst);  // or the first click seems to have sent it
    });
    // After guardForms' listener: only a submit nobody held back (a question answered
    // Cancel, a clipped draft shown first) leaves its place for the next page; by key (the
    // row chosen) or by a row's Approve or Reject button alike.
    document.addEventListener("submit", function (event) {
      if (event.defaultPrevented) return;
      var item = event.target.closest("#queue > .item");
      if (event.target === keyed) keepPlace(index);
      else if (item && event.target.matches("form.approve, form.reject")) {
        keepPlace(items.indexOf(item));
      }
    });
    // A single key is easily pressed by mistake: its form asks first where it says what
    // the key sends (data-key-confirm: `a`), as Reject always does.
    // A key with nothing to act on in the row says so (the queue's live region), rather
    // than doing nothing unsaid; the next key or move clears it.
    var say = document.getElementById("keys-say");
    function tell(text) {
      if (!say) return;
      say.textContent = "";
      if (text) setTimeout(function () { say.textContent = text; }, 50);  // said again if repeated
    }
    function approveKey(item) {
      var form = item.querySelector("form.approve");
      if (form) keySubmit(form);  // by hand (Hacker News) or to read first: from the case page
      else tell(item.dataset.draft ? STRINGS.draftOnCasePage : STRINGS.noDraftForA);
    }
    function rejectKey(item) {
      var form = item.querySelector("form.reject");
      if (form) keySubmit(form);
      else tell(STRINGS.noDraftForR);
    }
    function keySubmit(form) {
      if (!form) return;
      keyed = form;
      form.dataset.keyed = "1";
      try { form.requestSubmit(); } finally { keyed = null; delete form.dataset.keyed; }
    }
    document.addEventListener("keydown", function (event) {
      if (event.defaultPrevented || event.isComposing || ownsKeys(event.target)) return;
      if (document.body.classList.contains("keys-off")) return;
      if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
      var item = items[index];
      if (!item && event.key !== "j" && event.key !== "k") return;  // no row chosen yet
      switch (event.key) {
        case "j": tell(""); choose(index + 1); break;
        case "k": tell(""); choose(index < 0 ? 0 : index - 1); break;
        case "o": case "Enter": window.location.assign(item.dataset.href); break;
        case "a": approveKey(item); break;
        case "r": rejectKey(item); break;
        default: return;
      }
      event.preventDefault();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    loadStrings();
    tickTimers();
    setInterval(tickTimers, 1000);
    document.querySelectorAll("textarea[data-limit]").forEach(function (area) {
      countChars(area);
      area.addEventListener("input", function () { countChars(area); });
    });
    // A reply written by hand counts against the limit of the kind chosen for it.
    document.querySelectorAll(".reply-kind input[data-kind-limit]").forEach(function (radio) {
      radio.addEventListener("change", function () {
        var area = radio.form.querySelector("textarea[data-limit]");
        area.dataset.limit = radio.dataset.kindLimit;
        area.dataset.rule = radio.dataset.kindRule;
        area.dataset.prefix = radio.dataset.kindPrefix;
        radio.form.querySelector(".count-limit").textContent = radio.dataset.limitText;
        countChars(area);
      });
    });
    savedPickers();
    guardForms();
    keepDraftPlace();
    guardLinks();
    keysSwitch();
    queueCrumb();
    queueKeys(takePlace());  // taken on every page: a place is for the next page only
    sayNotice();
    focusDraft();
  });
})();

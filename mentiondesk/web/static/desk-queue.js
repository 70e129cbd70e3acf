// mentiondesk desk: the queue's keyboard shortcuts (j/k, o, a, r) and their switch, the row
// kept in place after Approve or Reject, and the case page's way back to the queue as this
// tab last showed it. Needs desk-core.js first, desk-guards.js before it (base.html).
(function () {
  "use strict";

  var md = window.mentiondesk;

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
        if (clipped) el.dataset.more = md.STRINGS.more;
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
        // Not the filter form's mark: coming back from a case is not filtering again, so
        // the count does not take focus then (queue.html).
        var kept = location.search.replace(/([?&])filtered=1(&|$)/, function (_, before, after) {
          return after ? before : "";
        });
        sessionStorage.setItem(QUEUE_AT, kept);
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
      tell(md.STRINGS.readFirst);  // or the first click seems to have sent it
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
      else tell(item.dataset.draft ? md.STRINGS.draftOnCasePage : md.STRINGS.noDraftForA);
    }
    function rejectKey(item) {
      var form = item.querySelector("form.reject");
      if (form) keySubmit(form);
      else tell(md.STRINGS.noDraftForR);
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

  md.ready(function () {
    keysSwitch();
    queueCrumb();
    queueKeys(takePlace());  // taken on every page: a place is for the next page only
  });
})();

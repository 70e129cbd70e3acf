// mentiondesk desk: what a page loaded again after a submit says and where it starts: its
// notice said to screen readers, focus back on the draft a button acted on. Needs
// desk-core.js first, desk-guards.js before it (base.html).
(function () {
  "use strict";

  var md = window.mentiondesk;

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

  md.ready(function () {
    keepDraftPlace();
    sayNotice();
    focusDraft();
  });
})();

// mentiondesk desk: live timers (a case's wait, each second) and reply boxes' character
// counts, as the server counts. Needs desk-core.js first (base.html).
(function () {
  "use strict";

  var md = window.mentiondesk;

  function tickTimers() {
    var now = Date.now();
    document.querySelectorAll(".timer[data-since]").forEach(function (el) {
      var since = Date.parse(el.dataset.since);
      if (isNaN(since)) return;
      var waited = (now - since) / 1000, sla = Number(el.dataset.sla) || 3600;
      var overdue = waited >= sla, dueSoon = !overdue && waited >= sla * 0.75;
      el.textContent = md.duration(waited);
      el.classList.toggle("overdue", overdue);
      el.classList.toggle("due-soon", dueSoon);
      // The urgency its colour shows, in words for a screen reader (_macros.html's timer).
      var say = el.nextElementSibling;
      var words = overdue ? md.STRINGS.overdue : dueSoon ? md.STRINGS.dueSoon : "";
      if (say && say.matches(".timer-urgency") && say.textContent !== words) {
        say.textContent = words;
      }
    });
  }

  // A reply's length as its platform counts it, by the server's rules (reply_limits.py):
  // data-rule "x" or "mastodon" counts a link as 23, "x" weighs a code point outside X's
  // light ranges 2 and an emoji 2 in all (models/_x_length.py), data-prefix is the @handle every Mastodon reply starts with and
  // data-warning the length of the content warning it carries.
  var LINK = 23, TRAILING = /[.,:;!?'")\]}]+$/u;
  // A link with its scheme, or (X only) a bare domain: models/_x_length._LINK. No lookbehind
  // (a parse error for the whole script in Safari before 16.4): the character before a bare
  // domain is matched as group 2 instead, and the link starts after it.
  // A link ends at the first character twitter-text does not allow in a URL path, as
  // models/_x_length._URL: text in another script right after it (Thai, Arabic, CJK) counts.
  var URL_PATH = "[a-z0-9\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u024f\\u0253\\u0254\\u0256\\u0257" +
    "\\u0259\\u025b\\u0263\\u0268\\u026f\\u0272\\u0289\\u028b\\u02bb\\u0300-\\u036f\\u1e00-\\u1eff" +
    "\\u0400-\\u04ff!*';:=+,.$\\/%#\\[\\]\\-\\u2013_~@|&?()]+";
  var LINKS = new RegExp("(https?:\\/\\/)" + URL_PATH +
    "|(^|[^\\p{L}\\p{N}_@.\\/:-])(?=(?:[\\p{L}\\p{N}_-]+\\.)+[a-z]{2,}(?![\\p{L}\\p{N}_-]))" + URL_PATH,
    "giu");
  // @user@domain, counted as @user (reply_limits._REMOTE); group 1 is the character before.
  var REMOTE = /(^|[^\p{L}\p{N}_@])@([\p{L}\p{N}_]+)@[\p{L}\p{N}_.-]*[\p{L}\p{N}_]/gu;
  var X_LIGHT = [[0, 4351], [8192, 8205], [8208, 8223], [8242, 8247]];

  // Bluesky and Mastodon count graphemes (fediverse_graphemes.py): a flag or a family emoji
  // is 1. Without Intl.Segmenter, code points: never fewer.
  var SEGMENTER = window.Intl && Intl.Segmenter ? new Intl.Segmenter() : null;
  function graphemes(text) {
    return SEGMENTER ? Array.from(SEGMENTER.segment(text)).length : Array.from(text).length;
  }

  // X weighs an emoji 2 in all, however many code points it has (models/_x_length.py): what
  // joins it weighs nothing (variation selectors, keycap, skin tones, tags), nor the one
  // after a ZWJ (a family), a pair of regional indicators is one flag, and a keycap makes
  // its digit (1) an emoji (2).
  var ZWJ = 0x200D, KEYCAP = 0x20E3, FLAGS = [0x1F1E6, 0x1F1FF];
  var JOINING = [[0xFE0E, 0xFE0F], [KEYCAP, KEYCAP], [0x1F3FB, 0x1F3FF], [0xE0020, 0xE007F]];
  function within(point, ranges) {
    return ranges.some(function (r) { return point >= r[0] && point <= r[1]; });
  }

  function xWeight(text) {
    var total = 0, joined = false, flagHalf = false, last = 0;
    for (var char of text) {
      var point = char.codePointAt(0);
      if (point === KEYCAP && last === 1) { total += 1; last = 2; }
      if (joined || point === ZWJ || within(point, JOINING)) {
        joined = point === ZWJ;
        continue;
      }
      if (point >= FLAGS[0] && point <= FLAGS[1]) {
        flagHalf = !flagHalf;
        last = 2;
        total += flagHalf ? 2 : 0;
        continue;
      }
      flagHalf = false;
      last = within(point, X_LIGHT) ? 1 : 2;
      total += last;
    }
    return total;
  }

  function plainLength(text, rule) {
    if (rule === "mastodon") return graphemes(text.replace(REMOTE, "$1@$2"));
    return xWeight(text);
  }

  // Whether `text` mentions the handle of `prefix` ("@ana "), as models/_replies.py reads it:
  // "@ana_souza" and "support@ana.example" do not mention @ana.
  function mentions(text, prefix) {
    var handle = prefix.trim().replace(/[\\^$.*+?()[\]{}|\/]/g, "\\$&");
    var word = "[\\p{L}\\p{N}_]";
    var found = "(?:^|[^\\p{L}\\p{N}_@/])" + handle + "(?![.-]*" + word + "|@" + word + ")";
    return new RegExp(found, "iu").test(text);
  }

  // `warning`: the graphemes of the content warning a Mastodon reply carries (the post's),
  // which Mastodon counts in the limit as they are.
  function platformLength(text, rule, prefix, warning) {
    text = text.trim();
    if (rule === "mastodon" && warning) return warning + platformLength(text, rule, prefix, 0);
    if (prefix && !mentions(text, prefix)) text = prefix + text;
    if (rule === "graphemes") return graphemes(text);
    if (rule !== "x" && rule !== "mastodon") return Array.from(text).length;
    if (rule === "x") text = text.normalize("NFC");
    var total = 0, at = 0;
    for (var found of text.matchAll(LINKS)) {
      if (!found[1] && rule !== "x") continue;  // a bare domain is a link on X only
      var start = found.index + (found[2] || "").length;  // after the character before it
      // Punctuation after it is text.
      var link = found[0].slice(start - found.index).replace(TRAILING, "");
      total += plainLength(text.slice(at, start), rule);
      total += LINK;  // a bare domain too, as X shortens it
      at = start + link.length;
    }
    return total + plainLength(text.slice(at), rule);
  }

  // Bluesky also takes at most data-bytes UTF-8 bytes (the server's limit, reply_limits
  // .BLUESKY_BYTES) of the text as typed, stripped as Python's str.strip() strips it: 138
  // family emoji are 138 graphemes but 3,450 bytes. Checked only while it fits the
  // characters, as length_problem does.
  var PY_SPACE = "[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a" +
    "\\u2028\\u2029\\u202f\\u205f\\u3000]";
  var PY_STRIP = new RegExp("^" + PY_SPACE + "+|" + PY_SPACE + "+$", "g");
  var UTF8 = window.TextEncoder ? new TextEncoder() : null;
  function overBytes(area) {
    var most = Number(area.dataset.bytes);
    if (!most || !UTF8) return false;
    return UTF8.encode(area.value.replace(PY_STRIP, "")).length > most;
  }

  function countChars(area) {
    var bar = area.form && area.form.querySelector(".count");
    if (!bar) return;
    var n = platformLength(area.value, area.dataset.rule, area.dataset.prefix || "",
      Number(area.dataset.warning) || 0);
    var limit = Number(area.dataset.limit), bytes = n <= limit && overBytes(area);
    var tooLong = n > limit || bytes;
    // Grouped as the page's language writes numbers, like the limit beside it: 1.234 / 10.000.
    bar.querySelector(".count-n").textContent = n.toLocaleString(document.documentElement.lang);
    bar.classList.toggle("over", tooLong);
    // Why, when the figure itself is under the limit: the template's words (case.html).
    var why = bar.querySelector(".count-bytes");
    if (why) why.hidden = !bytes;
    var words = bytes && why ? why.textContent.replace(/^[\s\u00b7]+/u, "") : md.STRINGS.tooLong;
    // Said once as the text goes over the limit (and cleared back under it), not the count
    // itself: a live count reads its figure out to a screen reader after every key.
    var say = area.form.querySelector(".count-say"), over = tooLong ? words : "";
    if (say && say.dataset.over !== over) {
      say.dataset.over = over;
      say.textContent = over;
    }
    // The platform would refuse it (and the desk does too): shorten first, saving still works.
    // Mark as posted too (Hacker News): the server refuses to record a reply over the limit
    // (queue._check_reply), so pressing it would only bring the page back refused.
    area.form.querySelectorAll("button[value=approve], button[value=posted]").forEach(
      function (send) {
        send.disabled = tooLong;
        send.title = over;
        if (say) describedBy(send, say, tooLong);
      });
  }

  // A disabled button says why to a screen reader that lands on it (a title alone is not
  // read everywhere): the count's spoken words join its description while it is too long.
  var sayIds = 0;
  function describedBy(button, say, on) {
    if (!say.id) say.id = "count-say-" + (++sayIds);
    var ids = (button.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    ids = ids.filter(function (id) { return id !== say.id; });
    if (on) ids.push(say.id);
    if (ids.length) button.setAttribute("aria-describedby", ids.join(" "));
    else button.removeAttribute("aria-describedby");
  }

  md.ready(function () {
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
  });
})();

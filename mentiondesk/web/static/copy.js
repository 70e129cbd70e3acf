// Copy buttons beside a reply posted by hand (Hacker News): the text of the button's form's
// box, to paste on the site. Kept apart from the desk-*.js parts every page loads (base.html),
// loaded only by pages that have them.
"use strict";

for (const button of document.querySelectorAll("button[data-copy]")) {
  button.hidden = false; // without this script, the button would do nothing: hidden
  const label = button.textContent;
  button.addEventListener("click", async () => {
    const box = button.form && button.form.querySelector("textarea[name=text]");
    if (!box) return;
    try {
      await navigator.clipboard.writeText(box.value);
    } catch {
      box.select(); // no clipboard API (plain HTTP): the browser's own copy
      document.execCommand("copy");
    }
    button.textContent = button.dataset.copied;
    setTimeout(() => { button.textContent = label; }, 2000);
  });
}

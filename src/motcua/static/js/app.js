/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Progressive enhancement only: every page works without this file.
   Loaded from 'self' because CSP forbids inline scripts and handlers. */
(function () {
  "use strict";
  // Selects marked data-autosubmit submit their form on change (e.g. the language switch);
  // the visible submit button stays for users without JavaScript.
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
      if (typeof target.form.requestSubmit === "function") {
        target.form.requestSubmit();
      } else {
        target.form.submit();
      }
    }
  });
})();

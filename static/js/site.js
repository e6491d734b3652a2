// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Forms marked data-autosubmit submit when a filter changes (htmx handles live updates where declared).
  document.addEventListener("change", function (event) {
    var form = event.target.closest("form[data-autosubmit]");
    if (form && !form.hasAttribute("hx-get")) { form.requestSubmit(); }
  });
  // Confirm destructive actions declared with data-confirm.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });
})();

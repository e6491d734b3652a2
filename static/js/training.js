// Training pages, progressive enhancement only: without this file, moments stay readable in UTC.
// A visitor who is not signed in (so has no time zone in a profile) sees each <time data-local-time>
// rewritten in the browser's own zone, with that zone's name beside it.
(function () {
  "use strict";
  function rewrite(root) {
    var zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (error) {
      return;
    }
    if (!zone) { return; }
    var language = document.documentElement.getAttribute("lang") || undefined;
    var format = new Intl.DateTimeFormat(language, {
      year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: zone
    });
    root.querySelectorAll("time[data-local-time]").forEach(function (element) {
      var moment = new Date(element.getAttribute("datetime"));
      if (isNaN(moment.getTime())) { return; }
      var label = document.createElement("span");
      label.className = "time-zone";
      label.textContent = zone;
      element.textContent = format.format(moment) + " ";
      element.appendChild(label);
      element.removeAttribute("data-local-time");
      element.setAttribute("data-time-zone", zone);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { rewrite(document); });
  document.addEventListener("htmx:afterSwap", function (event) { rewrite(event.target); });
})();

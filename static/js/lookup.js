// Type-ahead lookups (leadership/common/lookups.py), after Codex's Lookup and the WAI-ARIA combobox pattern.
// Progressive enhancement only: without this file the text input submits what was typed and the server
// resolves it. With it, the input becomes a combobox whose listbox shows the endpoint's matches (at most
// 20); ArrowDown/ArrowUp move through them, Enter chooses, Escape closes. The chosen key goes in the hidden
// input, which takes over the field's name, so the form submits `?competency=<slug>` as before.
(function () {
  "use strict";
  var DELAY = 150;
  var counter = 0;

  function setup(root) {
    if (root.hasAttribute("data-lookup-ready")) { return; }
    var input = root.querySelector("[data-lookup-input]");
    var value = root.querySelector("[data-lookup-value]");
    var menu = root.querySelector(".cdx-menu");
    var listbox = menu && menu.querySelector("[role=listbox]");
    if (!input || !value || !listbox) { return; }
    root.setAttribute("data-lookup-ready", "");
    counter += 1;
    if (!listbox.id) { listbox.id = "lookup-" + counter + "-listbox"; }

    value.name = input.name;
    value.disabled = false;
    input.removeAttribute("name");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", listbox.id);
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("autocomplete", "off");

    var url = root.getAttribute("data-lookup");
    var committed = value.value;
    var timer = null;
    var pending = null;
    var highlighted = -1;

    function options() {
      return Array.prototype.slice.call(listbox.querySelectorAll("[role=option]:not([aria-disabled=true])"));
    }
    function open() {
      if (!listbox.children.length) { close(); return; }
      menu.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    function close() {
      menu.hidden = true;
      input.setAttribute("aria-expanded", "false");
      highlight(-1);
    }
    function highlight(index) {
      var items = options();
      items.forEach(function (item, i) {
        item.classList.toggle("cdx-menu-item--highlighted", i === index);
      });
      highlighted = index;
      if (index >= 0 && items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    function commit() {
      if (value.value !== committed) {
        committed = value.value;
        value.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }
    function choose(item) {
      input.value = item.getAttribute("data-label");
      value.value = item.getAttribute("data-value");
      options().forEach(function (other) {
        other.setAttribute("aria-selected", other === item ? "true" : "false");
        other.classList.toggle("cdx-menu-item--selected", other === item);
      });
      close();
      commit();
    }
    function fetchMatches() {
      var query = input.value.trim();
      if (pending) { pending.abort(); pending = null; }
      if (!query) { listbox.innerHTML = ""; close(); return; }
      var controller = new AbortController();
      pending = controller;
      root.classList.add("cdx-lookup--pending");
      fetch(url + "?q=" + encodeURIComponent(query), {
        headers: { "HX-Request": "true" },
        credentials: "same-origin",
        signal: controller.signal
      }).then(function (response) {
        return response.ok || response.status === 400 ? response.text() : "";
      }).then(function (html) {
        if (pending !== controller) { return; }
        pending = null;
        root.classList.remove("cdx-lookup--pending");
        listbox.innerHTML = html;
        Array.prototype.forEach.call(listbox.querySelectorAll("[role=option]"), function (item, i) {
          item.id = listbox.id + "-" + i;
        });
        highlight(-1);
        if (document.activeElement === input) { open(); }
      }).catch(function () {
        if (pending === controller) { pending = null; root.classList.remove("cdx-lookup--pending"); }
      });
    }

    input.addEventListener("input", function () {
      value.value = input.value;
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchMatches, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      var items = options();
      var isOpen = !menu.hidden;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (!isOpen) { open(); if (menu.hidden) { return; } }
        if (!items.length) { return; }
        var step = event.key === "ArrowDown" ? 1 : -1;
        var next = highlighted < 0 ? (step > 0 ? 0 : items.length - 1) : highlighted + step;
        highlight((next + items.length) % items.length);
      } else if (event.key === "Enter") {
        if (isOpen && highlighted >= 0 && items[highlighted]) {
          event.preventDefault();
          choose(items[highlighted]);
        }
      } else if (event.key === "Escape") {
        if (isOpen) { event.preventDefault(); close(); }
      } else if (event.key === "Tab") {
        close();
      }
    });
    // What the user typed counts when they leave the field (the server resolves it); the input's own
    // change event, which would carry no name, stays inside the lookup.
    input.addEventListener("change", function (event) {
      event.stopPropagation();
      commit();
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 0); });
    listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    listbox.addEventListener("click", function (event) {
      var item = event.target.closest("[role=option]");
      if (item && item.getAttribute("aria-disabled") !== "true") { choose(item); }
    });
    listbox.addEventListener("mousemove", function (event) {
      var item = event.target.closest("[role=option]");
      var index = item ? options().indexOf(item) : -1;
      if (index >= 0 && index !== highlighted) { highlight(index); }
    });
  }

  function setupAll(scope) {
    Array.prototype.forEach.call((scope || document).querySelectorAll("[data-lookup]"), setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setupAll(document); });
  } else {
    setupAll(document);
  }
  document.addEventListener("htmx:load", function (event) { setupAll(event.target); });
})();

// Small progressive enhancements; every page works without this file.
(function () {
  // Close an open dropdown (<details>) when clicking elsewhere or pressing Escape.
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.dropdown[open]").forEach(function (el) {
      if (!el.contains(event.target)) el.removeAttribute("open");
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll("details.dropdown[open]").forEach(function (el) {
      el.removeAttribute("open");
    });
  });
  // The customer form shows company or person fields depending on the chosen type.
  function syncKind(form) {
    var checked = form.querySelector("input[name=kind]:checked");
    if (!checked) return;
    form.querySelectorAll("[data-kind]").forEach(function (el) {
      el.hidden = el.getAttribute("data-kind") !== checked.value;
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.name === "kind" && event.target.form) syncKind(event.target.form);
  });
  // No inline handlers (onclick, onsubmit), so a strict Content-Security-Policy
  // (script-src 'self') holds: markup declares data attributes, these listeners act on them.
  // A plain form with data-confirm="…" asks first (htmx forms use hx-confirm instead).
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  });
  // A checkbox with data-check-all="<selector>" ticks or clears every box the selector finds.
  document.addEventListener("change", function (event) {
    var selector = event.target.getAttribute("data-check-all");
    if (!selector) return;
    document.querySelectorAll(selector).forEach(function (box) {
      box.checked = event.target.checked;
    });
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-customer-form]").forEach(syncKind);
  });
})();

// Wikken: small enhancements on top of pages that work without JavaScript.
// Map: a tooltip that follows the pointer, and highlighting of the matching
// table row (and back). Forms: a busy state on long submissions (imports).
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    var tip = null;
    document.querySelectorAll("svg.map a[data-code]").forEach(function (link) {
      var code = link.getAttribute("data-code");
      var row = document.querySelector('tr[data-code="' + code + '"]');
      var path = link.querySelector("path");
      function show(ev) {
        if (!tip) { tip = document.createElement("div"); tip.className = "map-tip"; tip.setAttribute("role", "status"); document.body.appendChild(tip); }
        tip.textContent = link.getAttribute("data-label") || "";
        tip.hidden = false;
        if (ev && ev.clientX !== undefined) { tip.style.left = (ev.clientX + 14) + "px"; tip.style.top = (ev.clientY + 14) + "px"; }
        if (row) row.classList.add("is-hover");
      }
      function hide() { if (tip) tip.hidden = true; if (row) row.classList.remove("is-hover"); }
      link.addEventListener("mousemove", show);
      link.addEventListener("mouseleave", hide);
      link.addEventListener("focus", function () {
        var r = link.getBoundingClientRect();
        show({ clientX: r.left + r.width / 2, clientY: r.top + r.height / 2 });
      });
      link.addEventListener("blur", hide);
      if (row && path) {
        row.addEventListener("mouseenter", function () { path.classList.add("is-hover"); });
        row.addEventListener("mouseleave", function () { path.classList.remove("is-hover"); });
      }
    });
    document.querySelectorAll("form[data-busy]").forEach(function (form) {
      form.addEventListener("submit", function () {
        var button = form.querySelector('button[type="submit"]');
        if (button) { button.disabled = true; button.textContent = form.getAttribute("data-busy"); }
        var status = form.querySelector("[data-progress]");
        if (status) status.hidden = false;
      });
    });
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
  });
})();

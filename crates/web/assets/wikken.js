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
    // The afweging: show only the chosen weighing method's inputs, check
    // an AHP comparison's consistency live, and offer printing the report.
    document.documentElement.classList.add("js");
    document.querySelectorAll("form.weighting").forEach(function (form) {
      function method() {
        var checked = form.querySelector('input[type="radio"]:checked');
        form.setAttribute("data-method", checked ? checked.value : "direct");
      }
      form.querySelectorAll('input[type="radio"]').forEach(function (r) { r.addEventListener("change", method); });
      method();
      var out = form.querySelector(".ahp-check");
      var pairs = form.querySelectorAll(".pair");
      function check() {
        var values = [];
        pairs.forEach(function (p) { values.push(p.querySelector("select").value); });
        fetch("/api/ahp?v=" + encodeURIComponent(values.join(",")), { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (a) {
            if (!a || !out) return;
            var worst = "";
            pairs.forEach(function (p) {
              var i = +p.getAttribute("data-i"), j = +p.getAttribute("data-j");
              var hit = a.worst && ((a.worst[0] === i && a.worst[1] === j) || (a.worst[0] === j && a.worst[1] === i));
              p.classList.toggle("worst-pair", !!hit);
              if (hit) worst = p.querySelector("label").textContent;
            });
            out.textContent = "Consistentieratio: " + a.cr_text + (a.cr > 0.1
              ? " — boven 0,10: de vergelijkingen spreken elkaar tegen." + (worst ? " Kijk eerst naar " + worst + "." : "")
              : " — voldoende consistent.");
          });
      }
      pairs.forEach(function (p) { p.querySelector("select").addEventListener("change", check); });
    });
    document.querySelectorAll("button.js-print").forEach(function (b) {
      b.hidden = false;
      b.addEventListener("click", function () { window.print(); });
    });
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
  });
})();
// Tables of form rows (the catalogue's flows and PM-posten): a button that
// adds an empty row in place; without JavaScript the form's own "meer lege
// regels" button does the same through the server.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    document.querySelectorAll("table[data-row-prefix]").forEach(function (table) {
      var prefix = table.getAttribute("data-row-prefix");
      var body = table.tBodies[0];
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button button-secondary";
      button.textContent = "Regel toevoegen";
      button.addEventListener("click", function () {
        var last = body.rows[body.rows.length - 1];
        if (!last) return;
        var n = body.rows.length;
        var row = last.cloneNode(true);
        var pattern = new RegExp("^" + prefix + "-\\d+-");
        row.querySelectorAll("[name],[id],[for]").forEach(function (el) {
          ["name", "id", "for"].forEach(function (attr) {
            var v = el.getAttribute(attr);
            if (v) el.setAttribute(attr, v.replace(pattern, prefix + "-" + n + "-"));
          });
          if (el.tagName === "INPUT") el.value = "";
          if (el.tagName === "SELECT") el.selectedIndex = 0;
          el.removeAttribute("aria-invalid");
          el.removeAttribute("aria-describedby");
        });
        row.querySelectorAll(".field-error").forEach(function (e) { e.remove(); });
        row.querySelectorAll("label").forEach(function (l) { l.textContent = l.textContent.replace(/regel \d+$/, "regel " + (n + 1)); });
        body.appendChild(row);
        var first = row.querySelector("input, select");
        if (first) first.focus();
      });
      table.parentNode.insertAdjacentElement("afterend", button);
    });
  });
})();
// Table boxes (layout::table_wrap) are tab stops so that a table wider
// than the screen can be scrolled with the keyboard; a box whose table
// fits leaves the tab order, and comes back when it scrolls again.
// Forms of an afweging: warn before leaving a page with unsaved edits
// (data-warn-unsaved), and ask before removing something (data-confirm on
// a form or on the button that submits it).
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    var boxes = document.querySelectorAll('.table-wrap[role="region"]');
    function update(box) {
      if (box.scrollWidth > box.clientWidth + 1) box.setAttribute("tabindex", "0");
      else if (document.activeElement !== box) box.removeAttribute("tabindex");
    }
    boxes.forEach(update);
    if (!window.ResizeObserver) return;
    var observer = new ResizeObserver(function (entries) {
      entries.forEach(function (e) { var box = e.target.closest(".table-wrap"); if (box) update(box); });
    });
    boxes.forEach(function (box) {
      observer.observe(box);
      if (box.firstElementChild) observer.observe(box.firstElementChild);
    });
  });
  ready(function () {
    var dirty = [];
    document.querySelectorAll("form[data-warn-unsaved]").forEach(function (form) {
      function mark() { if (dirty.indexOf(form) < 0) dirty.push(form); }
      form.addEventListener("input", mark);
      form.addEventListener("change", mark);
      form.addEventListener("submit", function () { dirty = []; });
    });
    window.addEventListener("beforeunload", function (ev) {
      if (dirty.length === 0) return;
      ev.preventDefault();
      ev.returnValue = "";
    });
    document.addEventListener("submit", function (ev) {
      var form = ev.target;
      var button = ev.submitter;
      var question = (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
      if (question && !window.confirm(question)) { ev.preventDefault(); return; }
      if (button && button.hasAttribute("data-confirm")) dirty = [];
    }, true);
  });
})();

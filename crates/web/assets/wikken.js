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
// The werkatelier: live regions that follow their event stream (and never
// redraw under someone who is typing), the points still to divide, the
// live consistency of pairwise comparisons, the voorselectie's limit, and
// tapping the map to place a pin.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }
  var KINDS = ["ronde", "antwoord", "ontvangen", "deelnemer", "aanwezig", "speld", "reactie", "samengevoegd", "gesloten"];
  // How long a page waits after an event before it redraws, so that a burst
  // of events costs one redraw. Answers only reach the screens, which must
  // show them within a second; pins and reactions reach every phone.
  var WAIT = { antwoord: 500, aanwezig: 1200, speld: 1200, reactie: 1200 };

  function enhance(root) {
    root.querySelectorAll(".points-form").forEach(function (box) {
      var inputs = box.querySelectorAll("input.points");
      var out = box.querySelector(".points-left output");
      var line = box.querySelector(".points-left");
      function count() {
        var sum = 0;
        inputs.forEach(function (i) { var v = parseInt(i.value, 10); if (!isNaN(v)) sum += v; });
        var left = 100 - sum;
        if (out) out.textContent = left >= 0 ? String(left) : (-left) + " te veel";
        if (line) line.classList.toggle("is-off", left !== 0);
      }
      inputs.forEach(function (i) { i.addEventListener("input", count); });
      count();
    });
    root.querySelectorAll(".pairs-form").forEach(function (box) {
      var pairs = box.querySelectorAll(".pair");
      var out = box.querySelector(".ahp-check");
      if (pairs.length < 3) return;
      function check() {
        var values = [];
        pairs.forEach(function (p) { values.push(p.querySelector("select").value); });
        fetch("/doe-mee/ahp?v=" + encodeURIComponent(values.join(",")), { credentials: "same-origin" })
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
            out.textContent = "Je consistentie (CR): " + a.cr_text + (a.cr > 0.1
              ? " — boven 0,10: je vergelijkingen spreken elkaar tegen." + (worst ? " Kijk eerst naar " + worst + "." : "")
              : " — voldoende consistent.");
          });
      }
      pairs.forEach(function (p) { p.querySelector("select").addEventListener("change", check); });
    });
    root.querySelectorAll("fieldset[data-max]").forEach(function (set) {
      var max = +set.getAttribute("data-max");
      var boxes = set.querySelectorAll('input[type="checkbox"]');
      function limit() {
        var n = 0;
        boxes.forEach(function (b) { if (b.checked) n++; });
        boxes.forEach(function (b) { b.disabled = !b.checked && n >= max; });
      }
      boxes.forEach(function (b) { b.addEventListener("change", limit); });
      limit();
    });
    root.querySelectorAll("svg.pins-map.tappable").forEach(function (svg) {
      var form = root.querySelector("form.pin-form");
      if (!form) return;
      var place = form.querySelector(".pin-place");
      var marker = null;
      svg.addEventListener("click", function (ev) {
        var m = svg.getScreenCTM();
        if (!m) return;
        var pt = svg.createSVGPoint();
        pt.x = ev.clientX; pt.y = ev.clientY;
        var p = pt.matrixTransform(m.inverse());
        var w = +svg.getAttribute("data-width"), h = +svg.getAttribute("data-height");
        var x = Math.min(Math.max(p.x / w, 0), 1), y = Math.min(Math.max(p.y / h, 0), 1);
        var area = ev.target && ev.target.getAttribute ? ev.target.getAttribute("data-code") : null;
        form.querySelector('input[name="x"]').value = x.toFixed(4);
        form.querySelector('input[name="y"]').value = y.toFixed(4);
        form.querySelector('input[name="gebied"]').value = area || "";
        if (!marker) {
          marker = document.createElementNS("http://www.w3.org/2000/svg", "circle");
          marker.setAttribute("r", "12");
          marker.setAttribute("class", "pin new-pin");
          svg.appendChild(marker);
        }
        marker.setAttribute("cx", (x * w).toFixed(1));
        marker.setAttribute("cy", (y * h).toFixed(1));
        var label = ev.target && ev.target.getAttribute ? ev.target.getAttribute("data-label") : null;
        if (place) place.textContent = "Plek gekozen" + (label ? " in " + label.split(":")[0] : "") + ". Kies nu wat voor probleem het is.";
        form.setAttribute("data-dirty", "1");
      });
    });
    root.querySelectorAll("form").forEach(function (f) {
      f.addEventListener("input", function () { f.setAttribute("data-dirty", "1"); });
      f.addEventListener("change", function () { f.setAttribute("data-dirty", "1"); });
    });
  }

  function follow(region) {
    var src = region.getAttribute("data-live-src");
    var url = region.getAttribute("data-live-stream");
    var timer = null, pending = false, closed = false, source = null;
    function busy() {
      var a = document.activeElement;
      var typing = a && region.contains(a) && /^(INPUT|TEXTAREA|SELECT)$/.test(a.tagName);
      return typing || !!region.querySelector('form[data-dirty="1"]');
    }
    function refresh() {
      timer = null;
      if (busy()) {
        pending = true;
        if (!region.querySelector(".live-pending")) {
          var note = document.createElement("p");
          note.className = "live-pending";
          note.setAttribute("role", "status");
          note.textContent = "Er is nieuws. Het scherm ververst zodra je klaar bent met invullen.";
          region.insertBefore(note, region.firstChild);
        }
        return;
      }
      pending = false;
      fetch(src, { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (html === null || busy()) { if (html !== null) pending = true; return; }
          region.innerHTML = html;
          enhance(region);
        });
    }
    function later(ms) { if (!timer) timer = setTimeout(refresh, ms); }
    region.addEventListener("focusout", function () { if (pending) later(400); });
    function open() {
      source = new EventSource(url);
      KINDS.forEach(function (k) {
        source.addEventListener(k, function () {
          later(WAIT[k] || 250);
          if (k === "gesloten") { closed = true; source.close(); }
        });
      });
      source.onerror = function () {
        if (source.readyState === 2 && !closed) setTimeout(open, 5000);
      };
    }
    open();
    // Who is online changes without an event: the screens look again now and then.
    if (region.hasAttribute("data-live-poll")) {
      setInterval(function () { if (!closed && !document.hidden) later(0); }, 20000);
    }
  }

  ready(function () {
    enhance(document);
    document.querySelectorAll("[data-live-src][data-live-stream]").forEach(follow);
  });
})();

/* Small enhancements on every page (templates/base.html, brief.html); the pages are whole
 * without them.
 *
 * - Sort: a table marked `data-sortable` gets a button in each column header. Text sorts in the
 *   page language's collation (Thai order on Thai pages), figures by value, statuses best first
 *   (`data-rank`), blanks last either way; `aria-sort` marks the column and a live region says
 *   what happened. The state goes in the address (?sort=<table>.<column>.<asc|desc>) and is
 *   read back from it, checked: anything else is dropped with a visible note. The language
 *   switch carries it (and compare.js's ?areas=) to the other language's page.
 * - Filter: a table of eight rows or more with `data-filters="status phase"` gets a select per
 *   name, its options the distinct keys of the rows' `data-k-<name>` (codes, the same in both
 *   languages) shown by their `data-f-<name>` words; the choice goes in the address
 *   (?filter=<table>.<name>.<key>) and with the language switch.
 * - Print: a button after the page's heading that opens the browser's print dialog.
 * - Copy: a button under an embed page's `<iframe>` code and under each citation; the panel
 *   holding them opens when the address points at it (#share).
 *
 * Every node is made with createElement and filled with textContent: nothing read from the
 * address or the page's text becomes markup. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.URLSearchParams) return;
  var t = script.dataset;
  var lang = document.documentElement.lang || "en";
  var collator = new Intl.Collator(lang === "th" ? "th" : "en", { numeric: true, sensitivity: "base" });
  var fill = function (pattern, values) {
    return pattern.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  };
  function el(name, attrs, text) {
    var node = document.createElement(name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  var notes = [];

  /* The language switch carries what the reader chose that means the same in both languages:
   * the sort (table and column numbers), the filters (codes) and the compared areas (ids). compare.js calls this too,
   * through window.ecotown, after it changes the address. */
  var CARRIED = ["areas", "sort", "filter"];
  function carry(changed) {
    var twin = document.querySelector("a.lang-switch");
    if (!twin) return;
    // `changed` wins over the address, which a file: page may not let a script change.
    var now = new URLSearchParams(location.search), kept = new URLSearchParams();
    CARRIED.forEach(function (k) {
      var v = changed && k in changed ? changed[k] : now.get(k);
      if (v) kept.set(k, v);
    });
    var query = kept.toString().replace(/%2C/g, ",");
    twin.setAttribute("href", twin.getAttribute("href").split(/[?#]/)[0] + (query ? "?" + query : ""));
  }
  window.ecotown = { carry: carry };

  /* Print. */
  var heading = document.querySelector("main h1");
  var tools = document.querySelector(".brief-tools");
  if ((heading || tools) && t.print && window.print) {
    var print = el("button", { type: "button", class: "print-button" }, t.print);
    print.addEventListener("click", function () { window.print(); });
    if (tools) tools.appendChild(print);
    else heading.parentNode.insertBefore(print, heading.nextSibling);
  }

  /* A link to a closed panel (a chart's "share or embed" link ends in #share) opens it. */
  function openTarget() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    var node = id && document.getElementById(id);
    if (node && node.tagName === "DETAILS" && !node.open) {
      node.open = true;
      node.scrollIntoView();
    }
  }
  openTarget();
  window.addEventListener("hashchange", openTarget);

  /* Copy: the embed code and each citation of a share panel get a button that copies them (a
   * citation with today's date, in its own language's calendar, for its access date); where the
   * clipboard is refused (a page opened from a file), the text is selected instead. */
  if (t.copyCode) {
    Array.prototype.forEach.call(document.querySelectorAll(".share-code, .citation"), function (node) {
      var said = el("span", { class: "copy-said", role: "status" });
      var code = node.tagName === "TEXTAREA";
      var button = el("button", { type: "button", class: "copy-button" }, code ? t.copyCode : t.copyCite);
      var access = node.dataset.access;
      var today = function () {
        return new Intl.DateTimeFormat(node.lang === "th" ? "th-TH" : "en-GB", {
          day: "numeric", month: "long", year: "numeric"
        }).format(new Date());
      };
      var text = function () {
        if (code) return node.value;
        var label = node.querySelector("strong");
        var words = node.textContent.replace(label ? label.textContent : "", "").replace(/\s+/g, " ").trim();
        return access && window.Intl ? words.replace(access, today()) : words;
      };
      function selectIt() {
        if (code) { node.focus(); node.select(); return; }
        // What is selected is what the reader copies: the access date goes in first.
        if (access && window.Intl) {
          Array.prototype.forEach.call(node.childNodes, function (n) {
            if (n.nodeType === 3 && n.data.indexOf(access) >= 0) n.data = n.data.replace(access, today());
          });
        }
        var range = document.createRange();
        range.selectNodeContents(node);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      }
      button.addEventListener("click", function () {
        // Whichever comes first: the clipboard's answer, or a second without one (a browser may
        // leave the request waiting for a permission nobody is asked for).
        var settled = false, timer;
        var once = function (f) {
          return function () { if (settled) return; settled = true; clearTimeout(timer); f(); };
        };
        var done = once(function () { said.textContent = t.copied; });
        var refused = once(function () { selectIt(); said.textContent = t.copySelected; });
        if (navigator.clipboard && window.isSecureContext) {
          timer = setTimeout(refused, 1000);
          navigator.clipboard.writeText(text()).then(done, refused);
        } else refused();
      });
      var holder = el("p", { class: "copy-row" });
      holder.appendChild(button);
      holder.appendChild(document.createTextNode(" "));
      holder.appendChild(said);
      node.parentNode.insertBefore(holder, node.nextSibling);
    });
  }

  /* Sort. */
  var THAI = "๐๑๒๓๔๕๖๗๘๙";
  function keyOf(cell) {
    if (!cell) return null;
    if (cell.dataset.sort !== undefined) return { n: parseFloat(cell.dataset.sort) };
    var ranked = cell.querySelector("[data-rank]");
    if (ranked) return { n: parseFloat(ranked.dataset.rank) };
    var text = cell.textContent.replace(/\s+/g, " ").trim();
    if (text === "" || text === "—" || text === "·") return null;
    var digits = text.replace(/[๐-๙]/g, function (d) { return String(THAI.indexOf(d)); });
    var m = /^([−+-]?[\d,]*\.?\d+)\s*%?(\s|$)/.exec(digits);
    if (m) return { n: parseFloat(m[1].replace(/,/g, "").replace("−", "-")), s: text };
    return { s: text };
  }
  function compare(a, b) {
    if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
    if (a.n !== undefined && b.n !== undefined && a.n !== b.n) return a.n - b.n;
    if (a.n !== undefined && b.n === undefined) return -1;
    if (a.n === undefined && b.n !== undefined) return 1;
    return collator.compare(a.s || "", b.s || "");
  }
  /* Each header cell's column, counting the spans of the rows above it. */
  function columns(table) {
    var taken = [], found = [];
    Array.prototype.forEach.call(table.tHead.rows, function (row, r) {
      var c = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        while (taken[r] && taken[r][c]) c++;
        var span = cell.colSpan || 1;
        for (var i = 0; i < (cell.rowSpan || 1); i++) {
          taken[r + i] = taken[r + i] || [];
          for (var j = 0; j < span; j++) taken[r + i][c + j] = true;
        }
        if (span === 1) found.push({ cell: cell, index: c });
        c += span;
      });
    });
    return found;
  }
  var tables = Array.prototype.slice.call(document.querySelectorAll("table[data-sortable]"));
  var sorters = tables.map(function (table, tableIndex) {
    var body = table.tBodies[0];
    if (!table.tHead || !body) return null;
    var live = el("p", { class: "visually-hidden", "aria-live": "polite" });
    var holder = table.closest(".table-scroll") || table;
    holder.parentNode.insertBefore(live, holder.nextSibling);
    var original = Array.prototype.slice.call(body.rows);
    var heads = columns(table);
    // What says the table's served order ("…, by province"; a caption "ranked best first")
    // stops saying it once the reader sorts otherwise: its `data-sorted-text` replaces it.
    var orderSaid = [table.caption, document.getElementById(table.dataset.orderSaid || "")].filter(function (n) {
      return n && n.dataset.sortedText;
    });
    function sort(head, order, quiet) {
      orderSaid.forEach(function (n) { n.textContent = n.dataset.sortedText; });
      var rows = original.slice();
      var keyed = rows.map(function (row, i) { return { row: row, key: keyOf(row.cells[head.index]), i: i }; });
      keyed.sort(function (a, b) {
        var c = order === "desc" ? compare(b.key, a.key) : compare(a.key, b.key);
        if (a.key === null || b.key === null) c = compare(a.key, b.key);
        return c || a.i - b.i;
      });
      keyed.forEach(function (k) { body.appendChild(k.row); });
      heads.forEach(function (h) {
        h.cell.removeAttribute("aria-sort");
        h.icon.textContent = "\u00a0⇅";
      });
      head.cell.setAttribute("aria-sort", order === "desc" ? "descending" : "ascending");
      // The arrow shows the order to the eye; aria-sort says it to a screen reader.
      head.icon.textContent = order === "desc" ? "\u00a0▼" : "\u00a0▲";
      var name = head.cell.dataset.name;
      if (!quiet) live.textContent = fill(order === "desc" ? t.sortedDesc : t.sortedAsc, { column: name });
      return tableIndex + "." + head.index + "." + order;
    }
    heads.forEach(function (head) {
      var cell = head.cell;
      var name = cell.textContent.replace(/\s+/g, " ").trim();
      cell.dataset.name = name;
      var button = el("button", { type: "button", class: "sort-button" });
      // A no-break space keeps the arrow with the last word of the heading.
      head.icon = el("span", { class: "sort-icon", "aria-hidden": "true" }, "\u00a0⇅");
      if (cell.querySelector("a")) {
        // A heading that is a link keeps it; the arrow beside it is a button of its own.
        button.classList.add("sort-only");
        button.appendChild(head.icon);
        button.appendChild(el("span", { class: "visually-hidden" }, fill(t.sortBy, { column: name })));
        cell.appendChild(button);
      } else {
        while (cell.firstChild) button.appendChild(cell.firstChild);
        button.appendChild(head.icon);
        cell.appendChild(button);
      }
      button.addEventListener("click", function () {
        var order = cell.getAttribute("aria-sort") === "ascending" ? "desc" : "asc";
        var state = sort(head, order, false);
        var params = new URLSearchParams(location.search);
        params.set("sort", state);
        try { history.replaceState(null, "", location.pathname + "?" + params.toString().replace(/%2C/g, ",") + location.hash); } catch (e) { /* ignore */ }
        carry({ sort: state });
      });
    });
    return { heads: heads, sort: sort };
  });

  /* The sort in the address: "<table>.<column>.<asc|desc>", each part checked. */
  var asked = new URLSearchParams(location.search).get("sort");
  if (asked !== null) {
    var m = /^(\d{1,3})\.(\d{1,3})\.(asc|desc)$/.exec(asked);
    var sorter = m && sorters[+m[1]];
    var head = sorter && sorter.heads.filter(function (h) { return h.index === +m[2]; })[0];
    if (head) {
      carry({ sort: sorter.sort(head, m[3], true) });
    } else notes.push(asked.length > 40 ? asked.slice(0, 40) + "…" : asked);
  }

  /* Filter. Each option is a row value's key (`data-k-<name>`: a code, the same in both
   * languages) shown by its words (`data-f-<name>`); the choice goes in the address as
   * ?filter=<table>.<name>.<key>, several joined by commas, and is read back from it, checked
   * against the table's own names and keys. */
  var filters = [];
  function rememberFilters() {
    var chosen = [];
    filters.forEach(function (f) {
      f.selects.forEach(function (s) {
        if (s.select.value) chosen.push(f.index + "." + s.name + "." + s.select.value);
      });
    });
    var params = new URLSearchParams(location.search);
    if (chosen.length) params.set("filter", chosen.join(",")); else params.delete("filter");
    var query = params.toString().replace(/%2C/g, ",");
    try { history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash); } catch (e) { /* ignore */ }
    carry({ filter: chosen.join(",") });
  }
  tables.forEach(function (table, tableIndex) {
    var names = (table.dataset.filters || "").split(" ").filter(Boolean);
    var labels = (table.dataset.filterLabels || "").split("|");
    var body = table.tBodies[0];
    if (!names.length || !body) return;
    var rows = Array.prototype.slice.call(body.rows);
    // A short table is read at a glance: filters would only be in the way.
    if (rows.length < 8) return;
    var bar = el("div", { class: "table-filters" });
    var live = el("p", { class: "visually-hidden", "aria-live": "polite" });
    var keyOfRow = function (r, name) { return r.getAttribute("data-k-" + name) || r.getAttribute("data-f-" + name); };
    var selects = names.map(function (name, i) {
      var values = [], words = {};
      rows.forEach(function (r) {
        var k = keyOfRow(r, name);
        if (k && values.indexOf(k) < 0) { values.push(k); words[k] = r.getAttribute("data-f-" + name) || k; }
      });
      values.sort(function (a, b) { return collator.compare(words[a], words[b]); });
      var id = "filter-" + tableIndex + "-" + i;
      var label = el("label", { for: id }, labels[i] || name);
      var select = el("select", { id: id });
      select.appendChild(el("option", { value: "" }, t.filterAll));
      values.forEach(function (v) { select.appendChild(el("option", { value: v }, words[v])); });
      var wrap = el("span", { class: "table-filter" });
      wrap.appendChild(label);
      wrap.appendChild(select);
      bar.appendChild(wrap);
      return { name: name, select: select, values: values };
    });
    function apply(quiet) {
      var shown = 0;
      rows.forEach(function (r) {
        var ok = selects.every(function (s) {
          return !s.select.value || keyOfRow(r, s.name) === s.select.value;
        });
        r.hidden = !ok;
        if (ok) shown++;
      });
      if (!quiet) live.textContent = fill(t.showing, { shown: shown, total: rows.length });
    }
    selects.forEach(function (s) {
      s.select.addEventListener("change", function () { apply(false); rememberFilters(); });
    });
    var holder = table.closest(".table-scroll") || table;
    holder.parentNode.insertBefore(bar, holder);
    holder.parentNode.insertBefore(live, holder);
    filters.push({ index: tableIndex, selects: selects, apply: apply });
  });
  /* The filters in the address: each "<table>.<name>.<key>" checked against the table's own. */
  var askedFilters = new URLSearchParams(location.search).get("filter");
  if (askedFilters !== null) {
    var applied = [];
    askedFilters.split(",").forEach(function (part) {
      part = part.trim();
      if (!part) return;
      var m = /^(\d{1,3})\.([a-z]{1,20})\.([A-Za-z0-9_-]{1,40})$/.exec(part);
      var f = m && filters.filter(function (x) { return x.index === +m[1]; })[0];
      var s = f && f.selects.filter(function (x) { return x.name === m[2]; })[0];
      if (s && s.values.indexOf(m[3]) >= 0) {
        s.select.value = m[3];
        if (applied.indexOf(f) < 0) applied.push(f);
      } else notes.push(part.length > 40 ? part.slice(0, 40) + "…" : part);
    });
    applied.forEach(function (f) { f.apply(true); });
    if (applied.length) rememberFilters();
  }

  /* What the address asked for that this page does not know, said once, as text. */
  if (notes.length && t.ignored) {
    var main = document.querySelector("main");
    var p = el("p", { class: "url-note", role: "status" }, fill(t.ignored, { values: notes.join(", ") }));
    if (main) main.insertBefore(p, main.firstChild);
  }
})();

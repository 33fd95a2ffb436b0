/* Compare areas on an indicator page (templates/indicator.html, src/render/compare.rs).
 *
 * An enhancement: without it the page shows the server-drawn charts and the values table, each
 * area linked. With it, the reader ticks two to six areas (or a province's box, for all its
 * areas) and sees their series in one chart with the mean of the areas with a value; the choice lives in the address (?areas=a,b,c), survives a reload and the
 * language switch, and can be shared. Ids read from the address are checked against the page's
 * own list; unknown ones are dropped and named in a note, as text. Nothing here builds markup from
 * strings: every node is made with createElement and filled with textContent. */
(function () {
  "use strict";
  var section = document.getElementById("compare");
  var source = document.getElementById("compare-data");
  if (!section || !source || !window.URLSearchParams) return;
  var data;
  try { data = JSON.parse(source.textContent); } catch (e) { return; }
  var MAX = 6, SVG = "http://www.w3.org/2000/svg";
  var t = section.dataset;
  var byId = {};
  data.areas.forEach(function (a) { byId[a.id] = a; });
  var boxes = Array.prototype.slice.call(section.querySelectorAll("input[name=areas]"));
  var provinceBoxes = Array.prototype.slice.call(section.querySelectorAll("input[name=provinces]"));
  var provinceAreas = {};
  data.provinces.forEach(function (p) { provinceAreas[p.code] = p.areas; });
  var known = function (map, key) { return Object.prototype.hasOwnProperty.call(map, key); };
  var status = section.querySelector(".compare-status");
  var note = section.querySelector(".url-note");
  var chart = section.querySelector(".compare-chart");
  var legend = section.querySelector(".compare-legend");
  var tableBox = section.querySelector(".compare-table-box");
  var figure = section.querySelector(".compare-figure");
  // Okabe–Ito-based colours with at least 3:1 contrast on white, none orange (the target's
  // colour in every chart of the site), told apart without colour too by their dash patterns.
  var COLOURS = ["#0072b2", "#009e73", "#cc79a7", "#7b3294", "#8a6d00", "#4d4d9f"];
  var DASHES = ["", "6 3", "2 2", "8 3 2 3", "1 3", "10 4"];
  var number = new Intl.NumberFormat(data.lang === "th" ? "th-TH-u-nu-latn" : "en-GB", {
    minimumFractionDigits: data.decimals, maximumFractionDigits: data.decimals
  });
  var fmt = function (v) { return v === null ? "—" : number.format(v); };
  var fill = function (pattern, values) {
    return pattern.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  };
  var list = function (names) {
    if (window.Intl && Intl.ListFormat) {
      return new Intl.ListFormat(data.lang, { style: "long", type: "conjunction" }).format(names);
    }
    return names.join(", ");
  };
  function el(name, attrs, text) {
    var node = document.createElement(name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function svg(name, attrs, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* The choice in the address: known ids kept in order, each once, at most six. A province
   * (?provinces=TH-21, any case) stands for its areas. */
  function fromAddress() {
    var params = new URLSearchParams(location.search);
    var chosen = [], ignored = [];
    var shorten = function (id) { return id.length > 40 ? id.slice(0, 40) + "…" : id; };
    var add = function (id) {
      if (chosen.indexOf(id) >= 0) return true;
      if (chosen.length >= MAX) return false;
      chosen.push(id);
      return true;
    };
    (params.get("areas") || "").split(",").forEach(function (id) {
      id = id.trim();
      if (!id) return;
      if (!known(byId, id) || !add(id)) ignored.push(shorten(id));
    });
    (params.get("provinces") || "").split(",").forEach(function (code) {
      code = code.trim();
      if (!code) return;
      var key = code.toUpperCase();
      var missing = known(provinceAreas, key) ? provinceAreas[key].filter(function (id) {
        return chosen.indexOf(id) < 0;
      }) : null;
      if (!missing || chosen.length + missing.length > MAX) ignored.push(shorten(code));
      else missing.forEach(add);
    });
    if (ignored.length) {
      note.textContent = fill(t.tIgnored, { values: ignored.join(", ") });
      note.hidden = false;
    }
    return chosen;
  }

  function chosenIds() {
    return boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
  }

  /* The address and the language switch carry the choice. */
  function remember(ids) {
    var params = new URLSearchParams(location.search);
    if (ids.length) params.set("areas", ids.join(",")); else params.delete("areas");
    params.delete("provinces");  // now said by the areas it stood for
    var query = params.toString();
    var url = location.pathname + (query ? "?" + query.replace(/%2C/g, ",") : "") + location.hash;
    try { history.replaceState(null, "", url); } catch (e) { /* file: pages in some browsers */ }
    if (window.ecotown) window.ecotown.carry({ areas: ids.join(",") });
  }

  /* A province's box is ticked when all its areas are, mixed when some are, and unavailable
   * when choosing the rest would pass six. */
  function syncProvinces(ids) {
    provinceBoxes.forEach(function (b) {
      var areas = provinceAreas[b.value] || [];
      var missing = areas.filter(function (id) { return ids.indexOf(id) < 0; }).length;
      b.checked = missing === 0;
      b.indeterminate = missing > 0 && missing < areas.length;
      b.disabled = missing > 0 && ids.length + missing > MAX;
      // Says why it cannot be ticked, beside it and to a screen reader.
      var label = b.closest("label");
      var why = label.querySelector(".why");
      if (b.disabled && !why) {
        why = el("span", { class: "why" }, " " + t.tProvinceMax);
        label.appendChild(why);
      } else if (!b.disabled && why) {
        why.remove();
      }
      label.classList.toggle("unavailable", b.disabled);
    });
  }

  function draw(ids) {
    var series = ids.map(function (id) { return byId[id]; });
    var names = series.map(function (s) { return s.label; });
    chart.textContent = "";
    legend.textContent = "";
    tableBox.textContent = "";
    boxes.forEach(function (b) { b.disabled = !b.checked && ids.length >= MAX; });
    syncProvinces(ids);
    if (ids.length < 2) {
      figure.hidden = true;
      status.textContent = t.tNeed;
      return;
    }
    figure.hidden = false;
    status.textContent = fill(t.tShowing, { names: list(names) }) + (ids.length >= MAX ? " " + t.tMax : "");
    var W = 320, H = 200, L = 40, R = 16, T = 24, B = 24;
    var values = [];
    series.forEach(function (s) { s.values.forEach(function (v) { if (v !== null) values.push(v); }); });
    data.mean.forEach(function (v) { if (v !== null) values.push(v); });
    if (data.target !== null) values.push(data.target);
    var lo = Math.min(0, Math.min.apply(null, values)), hi = Math.max.apply(null, values);
    if (hi === lo) hi = lo + 1;
    var step = Math.pow(10, Math.floor(Math.log10((hi - lo) / 4)));
    [1, 2, 2.5, 5, 10].some(function (m) { if ((hi - lo) / (step * m) <= 5) { step *= m; return true; } return false; });
    lo = Math.floor(lo / step) * step; hi = Math.ceil(hi / step) * step;
    // Tick labels with as many decimals as the step needs (1,000 stays 1,000; 2.5 stays 2.5).
    var tick = new Intl.NumberFormat(data.lang === "th" ? "th-TH-u-nu-latn" : "en-GB", {
      maximumFractionDigits: step >= 1 ? 0 : step >= 0.1 ? 1 : 2
    });
    var n = data.years.length;
    var x = function (i) { return L + (n === 1 ? (W - L - R) / 2 : i * (W - L - R) / (n - 1)); };
    var y = function (v) { return T + (hi - v) * (H - T - B) / (hi - lo); };
    var desc = fill(t.tDesc, {
      indicator: data.title, unit: data.unit, from: data.years[0], to: data.years[n - 1], names: list(names)
    });
    var root = svg("svg", {
      viewBox: "0 0 " + W + " " + H, width: "100%", role: "img", class: "chart chart-series",
      "aria-labelledby": "compare-svg-title compare-svg-desc"
    });
    root.appendChild(svg("title", { id: "compare-svg-title" }, data.title + " – " + list(names)));
    root.appendChild(svg("desc", { id: "compare-svg-desc" }, desc));
    var axes = svg("g", { "font-size": "10", fill: "#333" });
    axes.appendChild(svg("text", { x: 4, y: 11 }, data.unit));
    for (var v = lo; v <= hi + step / 2; v += step) {
      axes.appendChild(svg("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: "#ddd" }));
      axes.appendChild(svg("text", { x: L - 4, y: y(v) + 3, "text-anchor": "end" }, tick.format(v)));
    }
    var every = Math.ceil(n / 5);
    data.years.forEach(function (label, i) {
      // Counted back from the last year, which is always labelled.
      if ((n - 1 - i) % every === 0) {
        axes.appendChild(svg("text", { x: x(i), y: H - 8, "text-anchor": i === n - 1 && n > 1 ? "end" : "middle" }, label));
      }
    });
    root.appendChild(axes);
    if (data.target !== null) {
      root.appendChild(svg("line", { x1: L, x2: W - R, y1: y(data.target), y2: y(data.target), stroke: "#b35806", "stroke-dasharray": "4 3" }));
      // Named on the line, as the server-drawn charts name theirs, haloed to stay legible.
      root.appendChild(svg("text", {
        x: W - R, y: y(data.target) - 4, "text-anchor": "end", "font-size": "10", fill: "#8a4100",
        stroke: "#fff", "stroke-width": "3", "paint-order": "stroke"
      }, t.tTarget + " " + fmt(data.target)));
    }
    // A provisional or estimated value is a hollow point, as in the server-drawn charts.
    function line(vals, colour, dash, width, marks) {
      var g = svg("g", { stroke: colour, fill: colour });
      var d = "", pen = false;
      vals.forEach(function (v, i) {
        if (v === null) { pen = false; return; }
        d += (pen ? "L" : "M") + x(i).toFixed(1) + " " + y(v).toFixed(1);
        pen = true;
        var hollow = marks && marks[i];
        g.appendChild(svg("circle", {
          cx: x(i).toFixed(1), cy: y(v).toFixed(1), r: hollow ? 2.6 : 2.2,
          stroke: hollow ? colour : "none", "stroke-width": 1.2, fill: hollow ? "#fff" : colour,
          class: hollow ? "hollow" : "solid"
        }));
      });
      var path = svg("path", { d: d, fill: "none", "stroke-width": width });
      if (dash) path.setAttribute("stroke-dasharray", dash);
      g.insertBefore(path, g.firstChild);
      root.appendChild(g);
    }
    line(data.mean, "#555", "3 3", 2.5);
    series.forEach(function (s, i) { line(s.values, COLOURS[i], DASHES[i], 1.8, s.marks); });
    chart.appendChild(root);
    function key(label, colour, dash, width) {
      var item = el("li");
      var swatch = svg("svg", { width: 28, height: 10, "aria-hidden": "true", focusable: "false" });
      var l = svg("line", { x1: 1, x2: 27, y1: 5, y2: 5, stroke: colour, "stroke-width": width });
      if (dash) l.setAttribute("stroke-dasharray", dash);
      swatch.appendChild(l);
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(" " + label));
      legend.appendChild(item);
    }
    series.forEach(function (s, i) { key(s.label, COLOURS[i], DASHES[i], 2); });
    key(t.tMean, "#555", "3 3", 2.5);
    if (data.target !== null) key(t.tTarget + " " + fmt(data.target), "#b35806", "4 3", 1.5);
    var marked = series.some(function (s) { return s.marks.some(function (m) { return m; }); });
    if (marked) {
      var item = el("li");
      var dot = svg("svg", { width: 28, height: 10, "aria-hidden": "true", focusable: "false" });
      dot.appendChild(svg("circle", { cx: 14, cy: 5, r: 3.5, fill: "#fff", stroke: "#333", "stroke-width": 1.2 }));
      item.appendChild(dot);
      item.appendChild(document.createTextNode(" p " + t.tProvisional + " · e " + t.tEstimated));
      legend.appendChild(item);
    }
    // The table is made with the chart: an empty one would read as a layout table.
    var scroll = el("div", { class: "table-scroll", role: "region", "aria-label": tableBox.dataset.label, tabindex: "0" });
    var table = el("table", { class: "data-table compare-table" });
    table.appendChild(el("caption", {}, tableBox.dataset.caption));
    table.appendChild(el("thead"));
    table.appendChild(el("tbody"));
    scroll.appendChild(table);
    tableBox.appendChild(scroll);
    var head = el("tr");
    head.appendChild(el("th", { scope: "col" }, t.tYear));
    series.forEach(function (s) { head.appendChild(el("th", { scope: "col", class: "num" }, s.label)); });
    head.appendChild(el("th", { scope: "col", class: "num" }, t.tMean));
    head.appendChild(el("th", { scope: "col", class: "num" }, t.tCount));
    table.tHead.appendChild(head);
    data.years.forEach(function (label, i) {
      var row = el("tr");
      row.appendChild(el("th", { scope: "row" }, label));
      series.forEach(function (s) {
        var cell = el("td", { class: "num" }, fmt(s.values[i]));
        if (s.values[i] !== null && s.marks[i]) cell.appendChild(el("sup", { class: "marker" }, s.marks[i]));
        row.appendChild(cell);
      });
      row.appendChild(el("td", { class: "num" }, fmt(data.mean[i])));
      row.appendChild(el("td", { class: "num" }, String(data.mean_n[i])));
      table.tBodies[0].appendChild(row);
    });
  }

  var start = fromAddress();
  boxes.forEach(function (b) {
    b.checked = start.indexOf(b.value) >= 0;
    b.addEventListener("change", function () {
      var ids = chosenIds();
      remember(ids);
      draw(ids);
    });
  });
  provinceBoxes.forEach(function (b) {
    b.addEventListener("change", function () {
      var areas = provinceAreas[b.value] || [];
      var on = b.checked;
      boxes.forEach(function (a) { if (areas.indexOf(a.value) >= 0) a.checked = on; });
      var ids = chosenIds();
      remember(ids);
      draw(ids);
    });
  });
  // The address's order is kept for colours; boxes follow the page's order.
  var ids = start.length ? start : [];
  section.hidden = false;
  remember(ids);
  draw(ids);
})();

// presswatch charts: small stacked bar charts in SVG, drawn from a canned query's JSON.
// No library and no network beyond this Datasette instance; every label is set with
// textContent, so text from the database is never parsed as markup.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
                 "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];
  var STANCE_COLOURS = {support: "#59a14f", oppose: "#e15759", mixed: "#edc948",
                        neutral: "#bab0ac", unclear: "#76b7b2"};

  function el(name, attrs, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  // rows → {categories: [...], series: [...], value(category, series)}
  function pivot(rows, categoryKey, seriesKey, valueKey) {
    var categories = [], series = [], cells = {};
    rows.forEach(function (row) {
      var c = String(row[categoryKey]), s = String(row[seriesKey] || "(none)");
      if (categories.indexOf(c) < 0) { categories.push(c); }
      if (series.indexOf(s) < 0) { series.push(s); }
      cells[c + "\u0000" + s] = (cells[c + "\u0000" + s] || 0) + Number(row[valueKey] || 0);
    });
    return {categories: categories, series: series,
            value: function (c, s) { return cells[c + "\u0000" + s] || 0; }};
  }

  function colourOf(kind, name, index) {
    if (kind === "stances" && STANCE_COLOURS[name]) { return STANCE_COLOURS[name]; }
    return PALETTE[index % PALETTE.length];
  }

  // Vertical stacked bars (coverage: one bar per day) or horizontal (stances: one per speaker).
  function draw(container, kind, data) {
    var horizontal = kind === "stances";
    var n = data.categories.length;
    var band = horizontal ? 22 : Math.max(8, Math.min(40, 720 / Math.max(n, 1)));
    var labelSpace = horizontal ? 170 : 70;
    var plot = 420;
    var width = horizontal ? labelSpace + plot + 40 : 50 + band * n + 20;
    var height = horizontal ? band * n + 30 : plot / 2 + labelSpace + 20;
    var totals = data.categories.map(function (c) {
      return data.series.reduce(function (sum, s) { return sum + data.value(c, s); }, 0);
    });
    var max = Math.max.apply(null, totals.concat([1]));
    var svg = el("svg", {width: width, height: height, role: "img",
                         "aria-label": kind === "stances" ? "Stances per speaker" : "Articles per day"});
    data.categories.forEach(function (category, i) {
      var offset = 0;
      data.series.forEach(function (series, j) {
        var v = data.value(category, series);
        if (!v) { return; }
        var length = v / max * (horizontal ? plot : plot / 2);
        var rect = horizontal
          ? el("rect", {x: labelSpace + offset, y: i * band + 4, width: length, height: band - 6})
          : el("rect", {x: 50 + i * band + 1, y: plot / 2 + 10 - offset - length, width: band - 2, height: length});
        rect.setAttribute("fill", colourOf(kind, series, j));
        rect.setAttribute("class", "pw-bar");
        rect.appendChild(el("title", {}, category + " — " + series + ": " + v));
        svg.appendChild(rect);
        offset += length;
      });
      var label = horizontal
        ? el("text", {x: labelSpace - 6, y: i * band + band / 2 + 4, "text-anchor": "end"}, category)
        : el("text", {x: 0, y: 0, "text-anchor": "end",
                      transform: "translate(" + (50 + i * band + band / 2 + 4) + "," + (plot / 2 + 16) + ") rotate(-60)"},
             category);
      label.setAttribute("class", "pw-axis-label");
      svg.appendChild(label);
    });
    svg.appendChild(el("text", {x: 4, y: 12, class: "pw-axis-label"}, "max " + max));
    container.textContent = "";
    container.appendChild(svg);
    var legend = document.createElement("ul");
    legend.className = "pw-legend-list";
    data.series.forEach(function (series, j) {
      var item = document.createElement("li");
      var swatch = document.createElement("span");
      swatch.className = "pw-swatch";
      swatch.style.background = colourOf(kind, series, j);
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(" " + series));
      legend.appendChild(item);
    });
    container.appendChild(legend);
  }

  function render(container) {
    var kind = container.getAttribute("data-kind");
    fetch(container.getAttribute("data-source"), {credentials: "same-origin"})
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (rows) {
        if (!rows.length) {
          container.textContent = "No rows yet: the chart appears once the database has them.";
          container.setAttribute("data-empty", "1");
          return;
        }
        var data = kind === "stances"
          ? pivot(rows, "speaker", "stance", "stances")
          : pivot(rows, "published_day", "outlet", "articles");
        draw(container, kind, data);
        container.setAttribute("data-rendered", "1");
      })
      .catch(function (error) { container.textContent = "Could not load the chart data: " + error.message; });
  }

  document.querySelectorAll(".pw-chart").forEach(render);
})();

// presswatch charts: Vega-Lite specifications for the rows a page embeds, drawn by vega-embed.
// The libraries are served by this instance (static/vendor, `make vendor-js`); nothing is
// fetched from elsewhere. A chart is <div class="pw-vega" data-chart="KIND"> followed by
// <script type="application/json"> holding {rows, ...}: the rows are data, never markup
// (Vega draws text as SVG text; the tooltip handler escapes HTML).
(function () {
  "use strict";
  var STANCES = ["support", "oppose", "mixed", "neutral", "unclear"];
  var STANCE_COLOURS = ["#3a8a3a", "#c8413b", "#d9a520", "#8c8c8c", "#6fa8c9"];
  var COUNT_AXIS = {tickMinStep: 1, format: "d"};  // counts: whole numbers only
  var stanceColour = {
    field: "stance", type: "nominal", title: "Stance",
    scale: {domain: STANCES, range: STANCE_COLOURS}
  };

  var builders = {
    // Articles per day (or month) by outlet: stacked bars.
    coverage: function (data) {
      var unit = data.time_unit === "month" ? "yearmonth" : "yearmonthdate";
      var label = data.time_unit === "month" ? "Month published" : "Day published";
      return {
        mark: {type: "bar", tooltip: true},
        encoding: {
          x: {field: "period", type: "temporal", timeUnit: unit, title: label,
              axis: {labelAngle: -45, format: data.time_unit === "month" ? "%b %Y" : "%d %b %Y"}},
          y: {aggregate: "sum", field: "articles", type: "quantitative", title: "Articles", axis: COUNT_AXIS},
          color: {field: "outlet", type: "nominal", title: "Outlet", sort: data.outlets},
          tooltip: [
            {field: "period", type: "temporal", timeUnit: unit, title: label},
            {field: "outlet", type: "nominal", title: "Outlet"},
            {aggregate: "sum", field: "articles", type: "quantitative", title: "Articles"}
          ]
        }
      };
    },
    // Stance of each speaker, month by month: one dot per (month, speaker, stance).
    "stance-by-speaker": function () {
      return {
        mark: {type: "circle", opacity: 0.85, tooltip: true},
        encoding: {
          x: {field: "published_month", type: "ordinal", timeUnit: "yearmonth", title: "Month published",
              axis: {format: "%b %Y", labelAngle: -45}},
          y: {field: "speaker", type: "nominal", title: "Speaker", sort: null},
          yOffset: {field: "stance", type: "nominal", scale: {domain: STANCES}},
          color: stanceColour,
          size: {field: "articles", type: "quantitative", title: "Articles", scale: {range: [40, 400]}},
          href: {field: "href", type: "nominal"},
          tooltip: [
            {field: "speaker", type: "nominal", title: "Speaker"},
            {field: "published_month", type: "temporal", timeUnit: "yearmonth", title: "Month"},
            {field: "stance", type: "nominal", title: "Stance"},
            {field: "articles", type: "quantitative", title: "Articles"}
          ]
        }
      };
    },
    // One person's stance in each article, over time.
    "stance-timeline": function () {
      return {
        mark: {type: "point", filled: true, size: 120, tooltip: true},
        encoding: {
          x: {field: "published", type: "temporal", title: "Article published", axis: {format: "%d %b %Y"},
              scale: {padding: 24}},
          y: {field: "stance", type: "nominal", title: "Stance", scale: {domain: STANCES}},
          color: stanceColour,
          href: {field: "href", type: "nominal"},
          tooltip: [
            {field: "published", type: "temporal", title: "Published", format: "%d %b %Y"},
            {field: "outlet", type: "nominal", title: "Outlet"},
            {field: "article_title", type: "nominal", title: "Article"},
            {field: "stance", type: "nominal", title: "Stance"},
            {field: "confidence", type: "quantitative", title: "Confidence", format: ".2f"}
          ]
        }
      };
    },
    // Quotes per person (or per speaker an outlet quotes): horizontal bars, most first.
    "quotes-per-person": function () {
      return {
        mark: {type: "bar", tooltip: true, color: "#4e79a7"},
        encoding: {
          y: {field: "speaker", type: "nominal", title: "Speaker", sort: "-x"},
          x: {field: "quotes", type: "quantitative", title: "Quotes", axis: COUNT_AXIS},
          href: {field: "href", type: "nominal"},
          tooltip: [
            {field: "speaker", type: "nominal", title: "Speaker"},
            {field: "quotes", type: "quantitative", title: "Quotes"}
          ]
        }
      };
    }
  };

  function draw(container) {
    var source = container.nextElementSibling;
    var kind = container.getAttribute("data-chart");
    if (!source || source.type !== "application/json" || !builders[kind]) {
      container.textContent = "Chart data missing.";
      return;
    }
    var data = JSON.parse(source.textContent);
    if (!data.rows || !data.rows.length) {
      container.textContent = "No rows yet: the chart appears once the database has them.";
      container.setAttribute("data-empty", "1");
      return;
    }
    var spec = builders[kind](data);
    spec.$schema = "https://vega.github.io/schema/vega-lite/v5.json";  // an identifier, never fetched
    spec.data = {values: data.rows};
    spec.width = data.width || "container";
    spec.height = data.height || 260;
    spec.config = {axis: {titleFontSize: 13, labelFontSize: 11}, legend: {titleFontSize: 12}};
    // No editor/source actions: they would link outside the instance. Export (SVG/PNG) stays.
    vegaEmbed(container, spec, {renderer: "svg", actions: {export: true, source: false, compiled: false, editor: false}})
      .then(function () { container.setAttribute("data-rendered", "1"); })
      .catch(function (error) { container.textContent = "Could not draw the chart: " + error.message; });
  }

  document.querySelectorAll(".pw-vega").forEach(draw);
})();

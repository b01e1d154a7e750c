// Charts of the growth and value-added pages (Apache ECharts). A chart is <div data-growth-chart="KIND"
// data-source="ID"> next to the <script type="application/json" id="ID"> written by Django's json_script;
// nothing is inline (CSP). Tooltips use richText: ECharts' HTML tooltips carry style attributes.
(function () {
  "use strict";

  var PALETTE = ["#2f6db5", "#e07b39", "#3b9b5f", "#b54a8a", "#8a6d3b", "#5a6acf", "#c0392b", "#16a2b8", "#7f8c8d"];
  var CATEGORY_COLOURS = { above: "#2e7d4f", expected: "#6c757d", below: "#b4462f" };

  function base() {
    return { animation: false, color: PALETTE, tooltip: { renderMode: "richText" } };
  }

  // Effects with 95% intervals, ranked: one row per group, the interval as a horizontal line.
  function caterpillar(data) {
    var option = base();
    option.tooltip.trigger = "item";
    option.grid = { left: 8, right: 24, top: 16, bottom: 40, containLabel: true };
    option.yAxis = {
      type: "category",
      data: data.names,
      axisLabel: { show: data.names.length <= 40, fontSize: 10 },
      axisTick: { show: false },
    };
    option.xAxis = { type: "value", name: data.x_name, nameLocation: "middle", nameGap: 26, scale: true };
    option.series = [
      {
        type: "custom",
        name: "interval",
        renderItem: function (params, api) {
          var low = api.coord([api.value(1), api.value(0)]);
          var high = api.coord([api.value(2), api.value(0)]);
          return {
            type: "line",
            shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] },
            style: { stroke: CATEGORY_COLOURS[data.categories[params.dataIndex]], lineWidth: 2 },
          };
        },
        encode: { x: [1, 2], y: 0 },
        data: data.names.map(function (name, i) {
          return [i, data.low[i], data.high[i]];
        }),
        tooltip: { show: false },
        z: 1,
      },
      {
        type: "scatter",
        name: data.x_name,
        symbolSize: 7,
        data: data.effects.map(function (effect, i) {
          return {
            value: [effect, i],
            itemStyle: { color: CATEGORY_COLOURS[data.categories[i]] },
          };
        }),
        tooltip: {
          formatter: function (p) {
            var i = p.dataIndex;
            return data.names[i] + "\n" + data.effects[i] + "  [" + data.low[i] + ", " + data.high[i] + "]";
          },
        },
        markLine: { silent: true, symbol: "none", lineStyle: { color: "#212529", type: "dashed" }, data: [{ xAxis: 0 }] },
        z: 2,
      },
    ];
    return option;
  }

  // Students' earlier against later T score, the expected line and the group means (bubble = size).
  function scatter(data) {
    var option = base();
    option.tooltip.trigger = "item";
    option.legend = { bottom: 0 };
    option.grid = { left: 48, right: 16, top: 28, bottom: 64 };
    option.xAxis = { type: "value", name: data.x_name, nameLocation: "middle", nameGap: 26, scale: true };
    option.yAxis = { type: "value", name: data.y_name, scale: true };
    option.series = [
      {
        type: "scatter",
        name: data.students_label,
        symbolSize: 4,
        itemStyle: { color: "rgba(47,109,181,0.25)" },
        data: data.students,
        tooltip: { show: false },
      },
      {
        type: "line",
        name: data.line_label,
        data: data.line,
        symbol: "none",
        lineStyle: { color: "#212529", type: "dashed" },
        tooltip: { show: false },
      },
      {
        type: "scatter",
        name: data.groups_label,
        itemStyle: { color: "#e07b39" },
        symbolSize: function (value) {
          return Math.max(6, Math.min(22, Math.sqrt(value[2]) * 2));
        },
        data: data.groups,
        tooltip: {
          formatter: function (p) {
            return p.name + "\n" + p.value[0] + " → " + p.value[1] + " (n=" + p.value[2] + ")";
          },
        },
      },
    ];
    return option;
  }

  // Lines over time (a time axis: exams at their dates), enrolment events as vertical marks.
  function timeline(data) {
    var option = base();
    option.tooltip.trigger = "axis";
    option.legend = { type: "scroll", bottom: 0 };
    option.grid = { left: 44, right: 24, top: 28, bottom: 64 };
    option.xAxis = { type: "time" };
    option.yAxis = { type: "value", name: data.y_name, scale: true };
    option.series = data.series.map(function (s) {
      return { type: "line", name: s.name, data: s.data, connectNulls: true, symbolSize: 7 };
    });
    if (data.events.length && option.series.length) {
      option.series[0].markLine = {
        silent: true,
        symbol: "none",
        lineStyle: { color: "#b4462f", type: "dotted" },
        label: { formatter: "{b}", position: "insideEndTop", fontSize: 10 },
        data: data.events.map(function (e) {
          return { name: e.label, xAxis: e.date };
        }),
      };
    }
    return option;
  }

  var BUILDERS = { caterpillar: caterpillar, scatter: scatter, timeline: timeline };

  function draw(element) {
    var source = document.getElementById(element.dataset.source);
    var build = BUILDERS[element.dataset.growthChart];
    if (!source || !build || !window.echarts || element.dataset.drawn) {
      return;
    }
    var chart = window.echarts.init(element, null, { renderer: "canvas" });
    chart.setOption(build(JSON.parse(source.textContent)));
    element.dataset.drawn = "1";
    window.addEventListener("resize", function () {
      chart.resize();
    });
  }

  function drawAll(root) {
    root.querySelectorAll("[data-growth-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      drawAll(document);
    });
  } else {
    drawAll(document);
  }
})();

/* Draws the explorer's charts with ECharts from the JSON islands the server rendered. */
(function () {
  'use strict';
  // Okabe–Ito: distinguishable with the common colour-vision deficiencies.
  var palette = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
  var symbols = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow', 'roundRect'];
  var viridis = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'];
  var puor = ['#b35806', '#f1a340', '#f7f7f7', '#998ec3', '#542788'];
  var charts = [];

  function esc(value) {
    return String(value == null ? '' : value).replace(/[&<>"'`]/g, function (ch) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' }[ch];
    });
  }
  function island(id) {
    var el = document.getElementById(id + '-data');
    return el ? JSON.parse(el.textContent || 'null') : null;
  }
  function hex(c) {
    return [parseInt(c.slice(1, 3), 16), parseInt(c.slice(3, 5), 16), parseInt(c.slice(5, 7), 16)];
  }
  function ramp(stops, t) {
    t = Math.max(0, Math.min(1, t));
    var pos = t * (stops.length - 1);
    var i = Math.min(stops.length - 2, Math.floor(pos));
    var a = hex(stops[i]);
    var b = hex(stops[i + 1]);
    var f = pos - i;
    return '#' + [0, 1, 2].map(function (k) { return Math.round(a[k] + (b[k] - a[k]) * f).toString(16).padStart(2, '0'); }).join('');
  }
  function ink(c) {
    var rgb = hex(c);
    return 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2] > 150 ? '#111111' : '#ffffff';
  }
  function make(el) {
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    charts.push(chart);
    return chart;
  }
  var base = { animation: false, aria: { enabled: false }, textStyle: { fontFamily: 'system-ui, sans-serif' } };
  function merge(a, b) {
    var out = {};
    Object.keys(a).forEach(function (k) { out[k] = a[k]; });
    Object.keys(b).forEach(function (k) { out[k] = b[k]; });
    return out;
  }

  function bar(el, d) {
    var values = d.values.map(function (v, i) {
      return { value: v, itemStyle: { color: i === d.highlight ? palette[1] : palette[0] } };
    });
    var cat = { type: 'category', data: d.categories, axisLabel: { width: d.horizontal ? 200 : undefined, overflow: 'truncate', interval: d.horizontal ? 0 : 'auto' } };
    var val = { type: 'value', axisLabel: { formatter: '{value}' + (d.unit === '%' ? '%' : '') } };
    var series = { type: 'bar', data: values };
    if (d.reference != null) series.markLine = { silent: true, symbol: 'none', data: [{ xAxis: d.reference }], lineStyle: { color: '#555', type: 'dashed' }, label: { formatter: 'average', position: 'end' } };
    make(el).setOption(merge(base, {
      grid: { left: d.horizontal ? 210 : 40, right: 24, top: 16, bottom: 32 },
      tooltip: { trigger: 'item', formatter: function (p) { return esc(p.name) + ': ' + esc(p.value) + esc(d.unit === '%' ? '%' : d.unit || ''); } },
      xAxis: d.horizontal ? val : cat,
      yAxis: d.horizontal ? merge(cat, { inverse: true }) : val,
      series: [series],
    }));
  }

  var colourNames = { value: 'mean 12-month value', sentiment: 'sentiment (−1 to 1)', stability: 'stability (0 to 1)' };
  function treemap(el, d) {
    var chart = make(el);
    function draw(by) {
      var vals = d.items.map(function (i) { return i.colour[by]; }).filter(function (v) { return v != null; });
      var lo = Math.min.apply(null, vals);
      var hi = Math.max.apply(null, vals);
      var data = d.items.map(function (i) {
        var v = i.colour[by];
        var c;
        if (v == null) c = '#bbbbbb';
        else if (by === 'sentiment') c = ramp(puor, (Math.max(-1, Math.min(1, v)) + 1) / 2);
        else c = ramp(viridis, hi > lo ? (v - lo) / (hi - lo) : 0.5);
        return { name: i.name + (i.persona ? '\n' + i.persona : ''), value: i.value, href: i.href, label: i.name, share: i.share, colourValue: v, itemStyle: { color: c, borderColor: '#ffffff', borderWidth: 2 }, label: { color: ink(c) } };
      });
      chart.setOption(merge(base, {
        tooltip: { formatter: function (p) { return esc(p.data.label) + '<br>' + esc(p.value.toLocaleString('en-US')) + ' customers (' + esc((p.data.share * 100).toFixed(1)) + '%)<br>' + esc(colourNames[by]) + ': ' + esc(p.data.colourValue == null ? 'no data' : p.data.colourValue); } },
        series: [{ type: 'treemap', roam: false, nodeClick: false, breadcrumb: { show: false }, width: '100%', height: '100%', top: 0, left: 0, label: { show: true, overflow: 'break', fontSize: 13, lineHeight: 18, position: 'insideTopLeft', padding: 6 }, data: data }],
      }), true);
      var legend = document.getElementById('treemap-legend');
      if (legend) legend.textContent = 'Area is customers; colour is ' + colourNames[by] + (by === 'sentiment' ? ' (orange negative, purple positive)' : ' (dark low, yellow high)') + '; grey means not computed. Select a segment or use the table links to open it.';
    }
    chart.on('click', function (p) { if (p.data && typeof p.data.href === 'string' && p.data.href.charAt(0) === '/') window.location.assign(p.data.href); });
    document.querySelectorAll('input[name="colour"]').forEach(function (input) {
      input.addEventListener('change', function () { if (input.checked) draw(input.value); });
    });
    draw('value');
  }

  window.PersonaCharts = { palette: palette, symbols: symbols, esc: esc, make: make, base: base, merge: merge };
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('.chart-canvas').forEach(function (el) {
      var d = island(el.id);
      if (!d) return;
      if (d.kind === 'bar') bar(el, d);
      else if (d.kind === 'treemap') treemap(el, d);
    });
    document.body.setAttribute('data-charts-ready', 'true');
    window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  });
})();

/* The 2-D map: customers coloured by segment, zoomable, hover for the pseudonymised id and segment. */
(function () {
  'use strict';
  function fmt(n) { return n.toLocaleString('en-US'); }
  function cell(row, text, tag) {
    var td = document.createElement(tag || 'td');
    td.textContent = text;
    row.appendChild(td);
    return td;
  }
  document.addEventListener('DOMContentLoaded', function () {
    var el = document.getElementById('map');
    var status = document.getElementById('map-status');
    if (!el || !window.PersonaCharts) return;
    var C = window.PersonaCharts;
    var started = performance.now();
    fetch(el.getAttribute('data-src'), { credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) throw new Error('the map could not be loaded (' + r.status + ')'); return r.json(); })
      .then(function (m) {
        var bySeg = {};
        m.segments.forEach(function (s, i) { bySeg[s.id] = { index: i, label: s.label, data: [], sx: 0, sy: 0 }; });
        for (var i = 0; i < m.x.length; i++) {
          var g = bySeg[m.segment[i]];
          if (!g) continue;
          g.data.push([m.x[i], m.y[i], i]);
          g.sx += m.x[i];
          g.sy += m.y[i];
        }
        // Large mode per series (one batched path, no per-point objects) once the map is big.
        var large = m.shown > 5000;
        var series = m.segments.map(function (s, k) {
          var g = bySeg[s.id];
          return {
            type: 'scatter', name: s.label, data: g.data, large: large, largeThreshold: 500, progressive: 0,
            symbol: C.symbols[Math.floor(k / C.palette.length) % C.symbols.length], symbolSize: large ? 2 : 5,
            itemStyle: { color: C.palette[k % C.palette.length], opacity: large ? 0.6 : 0.8 },
          };
        });
        var chart = C.make(el);
        var marked = false;
        chart.on('rendered', function () {
          if (marked) return;
          marked = true;
          document.body.setAttribute('data-map-ready', 'true');
          document.body.setAttribute('data-map-ms', String(Math.round(performance.now() - started)));
        });
        chart.setOption(C.merge(C.base, {
          legend: { type: 'scroll', top: 0 },
          grid: { left: 40, right: 24, top: 40, bottom: 60 },
          tooltip: { trigger: 'item', formatter: function (p) { var idx = p.value[2]; return C.esc(m.ids[idx]) + '<br>' + C.esc(p.seriesName); } },
          xAxis: { type: 'value', scale: true, name: 'map x' },
          yAxis: { type: 'value', scale: true, name: 'map y' },
          dataZoom: [{ type: 'inside', xAxisIndex: 0 }, { type: 'inside', yAxisIndex: 0 }, { type: 'slider', xAxisIndex: 0, bottom: 10 }],
          series: series,
        }));
        status.textContent = m.shown < m.total
          ? 'Showing ' + fmt(m.shown) + ' of ' + fmt(m.total) + ' customers: the map is sampled above ' + fmt(Number(el.getAttribute('data-max'))) + ' points (every ' + m.step + 'th customer).'
          : 'Showing all ' + fmt(m.total) + ' customers.';
        status.setAttribute('data-shown', String(m.shown));
        status.setAttribute('data-total', String(m.total));
        var zoom = document.createElement('div');
        zoom.className = 'zoom-buttons';
        var range = { start: 0, end: 100 };
        [['Zoom in', 0.5], ['Zoom out', 2], ['Reset zoom', 0]].forEach(function (b) {
          var btn = document.createElement('button');
          btn.type = 'button';
          btn.textContent = b[0];
          btn.addEventListener('click', function () {
            if (!b[1]) range = { start: 0, end: 100 };
            else {
              var mid = (range.start + range.end) / 2;
              var half = Math.min(50, ((range.end - range.start) * b[1]) / 2);
              range = { start: Math.max(0, mid - half), end: Math.min(100, mid + half) };
            }
            chart.dispatchAction({ type: 'dataZoom', start: range.start, end: range.end });
          });
          zoom.appendChild(btn);
        });
        el.parentNode.insertBefore(zoom, el);
        var table = document.createElement('table');
        table.id = 'map-points-table';
        var cap = document.createElement('caption');
        cap.textContent = 'Points drawn per segment and their centre on the map';
        table.appendChild(cap);
        var head = document.createElement('tr');
        ['Segment', 'Points', 'Centre x', 'Centre y'].forEach(function (h) { var th = cell(head, h, 'th'); th.scope = 'col'; });
        var thead = document.createElement('thead');
        thead.appendChild(head);
        table.appendChild(thead);
        var body = document.createElement('tbody');
        m.segments.forEach(function (s) {
          var g = bySeg[s.id];
          var tr = document.createElement('tr');
          cell(tr, s.label, 'th').scope = 'row';
          cell(tr, fmt(g.data.length)).className = 'num';
          cell(tr, g.data.length ? (g.sx / g.data.length).toFixed(2) : '—').className = 'num';
          cell(tr, g.data.length ? (g.sy / g.data.length).toFixed(2) : '—').className = 'num';
          body.appendChild(tr);
        });
        table.appendChild(body);
        document.getElementById('map-table').appendChild(table);
      })
      .catch(function (err) { status.textContent = String(err.message || err); });
  });
})();

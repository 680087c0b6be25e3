'use strict';
// Renders /api/jobs: live holders, and per job a timeline of recent runs with one lane per replica. Every value
// from Redis is written as text, never as markup.
(function () {
  var REFRESH_MS = 2000;
  var SVG = 'http://www.w3.org/2000/svg';
  var WIDTH = 900;
  var LABEL = 170;
  var LANE = 22;

  function el(tag, attrs, text) {
    var node = tag.indexOf('svg:') === 0 ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, String(attrs[name])); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function who(owner) {
    return owner.host === null ? 'unknown' : owner.host + ':' + owner.pid;
  }

  function duration(ms) {
    if (ms === null || ms === undefined) { return '-'; }
    if (ms < 1000) { return ms + ' ms'; }
    if (ms < 120000) { return (ms / 1000).toFixed(1) + ' s'; }
    if (ms < 7200000) { return Math.round(ms / 60000) + ' min'; }
    return (ms / 3600000).toFixed(1) + ' h';
  }

  function holders(jobs) {
    var body = document.querySelector('#holders tbody');
    body.textContent = '';
    var held = jobs.filter(function (job) { return job.holder !== null; });
    held.forEach(function (job) {
      var row = el('tr', {'class': 'holder', 'data-key': job.key});
      row.appendChild(el('td', {}, job.key));
      row.appendChild(el('td', {}, who(job.holder)));
      row.appendChild(el('td', {}, duration(job.holder.heldForMs)));
      row.appendChild(el('td', {}, duration(job.holder.timeLeftMs)));
      body.appendChild(row);
    });
    document.getElementById('holders').hidden = held.length === 0;
    document.getElementById('no-holders').hidden = held.length > 0;
  }

  function timeline(job, now) {
    var runs = job.recentRuns;
    var lanes = [];
    runs.forEach(function (run) { if (lanes.indexOf(who(run)) < 0) { lanes.push(who(run)); } });
    if (job.holder !== null && lanes.indexOf(who(job.holder)) < 0) { lanes.push(who(job.holder)); }
    lanes.sort();
    var start = now;
    runs.forEach(function (run) { start = Math.min(start, run.startedAt); });
    if (job.holder !== null && job.holder.heldForMs !== null) { start = Math.min(start, now - job.holder.heldForMs); }
    if (start === now) { start = now - 60000; }
    var span = Math.max(1000, now - start) * 1.02;
    var scale = (WIDTH - LABEL - 10) / span;
    function x(time) { return LABEL + (time - start) * scale; }
    var height = lanes.length * LANE + 30;
    var svg = el('svg:svg', {'class': 'timeline', viewBox: '0 0 ' + WIDTH + ' ' + height, 'data-key': job.key});
    lanes.forEach(function (lane, i) {
      var y = 8 + i * LANE;
      var group = el('svg:g', {'class': 'lane', 'data-lane': lane});
      group.appendChild(el('svg:text', {'class': 'lane-label', x: 4, y: y + 13}, lane));
      group.appendChild(el('svg:line', {'class': 'lane-line', x1: LABEL, x2: WIDTH - 10, y1: y + 16, y2: y + 16}));
      svg.appendChild(group);
    });
    runs.forEach(function (run) {
      var y = 8 + lanes.indexOf(who(run)) * LANE;
      var bar = el('svg:rect', {'class': 'run ' + run.outcome, x: x(run.startedAt), y: y + 3,
        width: Math.max(3, run.durationMs * scale), height: 13, 'data-outcome': run.outcome,
        'data-error': run.error === null ? '' : run.error});
      bar.appendChild(el('svg:title', {}, who(run) + ' at ' + new Date(run.startedAt).toISOString() + ', '
        + duration(run.durationMs) + ': ' + run.outcome + (run.error === null ? '' : ' (' + run.error + ')')));
      svg.appendChild(bar);
      if (run.outcome === 'failed') {
        svg.appendChild(el('svg:text', {'class': 'failed-mark', x: x(run.startedAt) - 1, y: y + 2}, '\u2715'));
      }
    });
    if (job.holder !== null && job.holder.heldForMs !== null) {
      var y = 8 + lanes.indexOf(who(job.holder)) * LANE;
      svg.appendChild(el('svg:rect', {'class': 'run holding', x: x(now - job.holder.heldForMs), y: y + 3,
        width: Math.max(3, job.holder.heldForMs * scale), height: 13}));
    }
    if (job.state === 'overdue' && job.lastRun !== null && job.intervalMs !== null) {
      var due = job.lastRun.startedAt + job.intervalMs;
      svg.appendChild(el('svg:rect', {'class': 'overdue-gap', x: x(due), y: 4, width: Math.max(3, x(now) - x(due)),
        height: lanes.length * LANE}));
      svg.appendChild(el('svg:text', {'class': 'overdue-label', x: x(now), y: lanes.length * LANE + 18,
        'text-anchor': 'end'}, 'overdue since ' + new Date(due).toISOString()));
    }
    svg.appendChild(el('svg:text', {'class': 'axis', x: LABEL, y: height - 2}, new Date(start).toISOString()));
    svg.appendChild(el('svg:text', {'class': 'axis', x: WIDTH - 10, y: height - 2, 'text-anchor': 'end'}, 'now'));
    return svg;
  }

  function jobs(data) {
    var list = document.getElementById('jobs');
    list.textContent = '';
    data.jobs.forEach(function (job) {
      var card = el('div', {'class': 'job', 'data-key': job.key, 'data-state': job.state});
      var title = el('h3', {});
      title.appendChild(el('span', {'class': 'key'}, job.key));
      title.appendChild(el('span', {'class': 'badge state-' + job.state}, job.state));
      card.appendChild(title);
      card.appendChild(el('div', {'class': 'facts'}, job.runs + ' runs, ' + job.failures + ' failed, every '
        + duration(job.intervalMs) + (job.lastRun === null ? '' : ', last by ' + who(job.lastRun) + ' at '
        + new Date(job.lastRun.startedAt).toISOString())));
      card.appendChild(timeline(job, data.now));
      list.appendChild(card);
    });
    document.getElementById('no-jobs').hidden = data.jobs.length > 0;
  }

  function refresh() {
    fetch('/api/jobs', {credentials: 'same-origin', cache: 'no-store'})
      .then(function (response) {
        if (!response.ok) { throw new Error('HTTP ' + response.status); }
        return response.json();
      })
      .then(function (data) {
        document.getElementById('source').textContent = 'prefix "' + data.prefix + '" on ' + data.source;
        document.getElementById('refreshed').textContent = 'updated ' + new Date(data.now).toLocaleTimeString();
        document.getElementById('error').textContent = '';
        holders(data.jobs);
        jobs(data);
        document.body.setAttribute('data-refreshed', String(data.now));
      })
      .catch(function (error) {
        document.getElementById('error').textContent = 'cannot refresh: ' + error.message;
      })
      .then(function () { setTimeout(refresh, REFRESH_MS); });
  }

  refresh();
}());

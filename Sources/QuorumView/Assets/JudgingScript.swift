/// `/assets/judging.js`: the judging page. It draws one cell at a time from the page's JSON,
/// keeps unsaved choices per cell while the person moves around, and posts each cell to the
/// store as it is saved; the server checks it exactly as `quorum judge apply` checks a file.
enum JudgingScript {
    static let source = #"""
    (function () {
      'use strict';
      var desk = JSON.parse(document.getElementById('judging-data').textContent);
      var rows = desk.criteria.map(function (c) { return { kind: 'criterion', item: c }; })
        .concat(desk.flags.map(function (f) { return { kind: 'flag', item: f }; }));
      var $ = function (id) { return document.getElementById(id); };
      var index = 0, focus = 0, busy = false;

      // A cell's working state: the stored scores, or what the person chose since.
      desk.cells.forEach(function (cell) {
        var scores = {}, flags = {};
        Object.keys(cell.scores || {}).forEach(function (k) { if (cell.scores[k] !== null) { scores[k] = cell.scores[k]; } });
        Object.keys(cell.flags || {}).forEach(function (k) { if (cell.flags[k] !== null) { flags[k] = cell.flags[k]; } });
        cell.work = { scores: scores, flags: flags, comment: cell.comment || '' };
        cell.judged = desk.criteria.every(function (c) { return typeof scores[c.name] === 'number'; });
      });

      function el(tag, attributes, text) {
        var node = document.createElement(tag);
        Object.keys(attributes || {}).forEach(function (k) { node.setAttribute(k, attributes[k]); });
        if (text !== undefined) { node.textContent = text; }
        return node;
      }

      function mine() { return desk.cells.filter(function (c) { return c.judged; }).length; }

      function progress() {
        $('progress').textContent = mine() + ' of ' + desk.cells.length + ' answers judged by ' + desk.judge +
          ' · ' + desk.judgedByAnyone + ' of ' + desk.answered + ' judged by anyone';
        $('progress').setAttribute('data-mine', String(mine()));
      }

      function strip() {
        var box = $('cell-strip');
        box.textContent = '';
        desk.cells.forEach(function (cell, i) {
          var link = el('a', { href: '#' + (i + 1), title: cell.id, 'data-cell': cell.id }, String(i + 1));
          if (cell.judged) { link.className = 'judged'; }
          if (i === index) { link.className += ' current'; }
          link.addEventListener('click', function (event) { event.preventDefault(); show(i); });
          box.appendChild(link);
        });
      }

      function rubric() {
        var cell = desk.cells[index], box = $('rubric');
        box.textContent = '';
        rows.forEach(function (row, i) {
          var div = el('div', { 'class': 'rubric-row' + (i === focus ? ' focused' : ''), 'data-row': String(i), 'data-kind': row.kind, 'data-name': row.item.name });
          var title = el('div');
          title.appendChild(el('b', {}, row.item.name));
          if (row.item.description) { title.appendChild(document.createTextNode(' — ' + row.item.description)); }
          div.appendChild(title);
          if (row.kind === 'criterion') {
            var buttons = el('div', { 'class': 'scores' });
            for (var s = row.item.low; s <= row.item.high; s++) {
              var anchor = row.item.anchors.filter(function (a) { return a.score === s; })[0];
              var button = el('button', { type: 'button', 'data-score': String(s), title: anchor ? anchor.text : '' }, String(s));
              if (cell.work.scores[row.item.name] === s) { button.className = 'chosen'; }
              button.addEventListener('click', (function (name, score, rowIndex) {
                return function () { focus = rowIndex; choose(name, score); };
              })(row.item.name, s, i));
              buttons.appendChild(button);
            }
            div.appendChild(buttons);
            if (row.item.anchors.length) {
              div.appendChild(el('div', { 'class': 'anchors' }, row.item.anchors.map(function (a) { return a.score + ': ' + a.text; }).join(' · ')));
            }
          } else {
            var on = cell.work.flags[row.item.name] === true;
            var toggle = el('button', { type: 'button', 'data-flag': row.item.name, 'aria-pressed': String(on), 'class': on ? 'on' : '' }, on ? 'yes' : 'no');
            toggle.addEventListener('click', (function (rowIndex) { return function () { focus = rowIndex; flip(rowIndex); }; })(i));
            var holder = el('div', { 'class': 'flag' });
            holder.appendChild(toggle);
            div.appendChild(holder);
          }
          div.addEventListener('click', (function (rowIndex) { return function () { focus = rowIndex; paintFocus(); }; })(i));
          box.appendChild(div);
        });
      }

      function paintFocus() {
        Array.prototype.forEach.call(document.querySelectorAll('.rubric-row'), function (div) {
          div.classList.toggle('focused', Number(div.getAttribute('data-row')) === focus);
        });
      }

      function show(i) {
        index = Math.max(0, Math.min(desk.cells.length - 1, i));
        var cell = desk.cells[index];
        var where = [cell.model || cell.system, cell.prompt, cell.scenario].filter(Boolean).join(' · ');
        $('cell-title').textContent = (index + 1) + ' / ' + desk.cells.length + ' · ' + (where || cell.item);
        var inputs = $('cell-inputs');
        inputs.textContent = '';
        cell.inputs.forEach(function (message) {
          inputs.appendChild(el('b', {}, message.role));
          inputs.appendChild(el('pre', {}, message.content));
        });
        $('candidate').textContent = cell.candidate;
        $('comment').value = cell.work.comment;
        $('problems').textContent = '';
        focus = 0;
        rubric();
        strip();
        progress();
        if (location.hash !== '#' + (index + 1)) { history.replaceState(null, '', '#' + (index + 1)); }
      }

      function status(text, kind) {
        $('save-status').textContent = text;
        $('save-status').className = kind || '';
      }

      function choose(name, score) {
        desk.cells[index].work.scores[name] = score;
        focus = Math.min(rows.length - 1, focus + 1);
        rubric();
      }

      function flip(rowIndex) {
        var row = rows[rowIndex];
        if (!row || row.kind !== 'flag') { return; }
        var flags = desk.cells[index].work.flags;
        flags[row.item.name] = !(flags[row.item.name] === true);
        rubric();
      }

      // The next cell nobody has judged as this person, after the current one; else the next.
      function nextToJudge() {
        for (var step = 1; step <= desk.cells.length; step++) {
          var i = (index + step) % desk.cells.length;
          if (!desk.cells[i].judged) { return i; }
        }
        return Math.min(index + 1, desk.cells.length - 1);
      }

      function save() {
        if (busy) { return; }
        var cell = desk.cells[index];
        cell.work.comment = $('comment').value;
        var touched = Object.keys(cell.work.scores).length > 0 || cell.work.comment.trim() !== '';
        if (!touched && !cell.judged) { show(nextToJudge()); return; }
        var flags = {};
        desk.flags.forEach(function (f) { flags[f.name] = cell.work.flags[f.name] === true; });
        var body = {
          judge: desk.judge, rubric: { id: desk.rubric.id, version: desk.rubric.version },
          cell: { id: cell.id, candidate_sha256: cell.candidate_sha256, scores: cell.work.scores, flags: flags, comment: cell.work.comment.trim() || null }
        };
        busy = true;
        status('saving…');
        fetch(desk.post, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
          .then(function (response) { return response.json().then(function (json) { return { ok: response.ok, json: json }; }); })
          .then(function (result) {
            busy = false;
            if (!result.ok) {
              status(result.json.error || 'not saved', 'error');
              var list = $('problems');
              list.textContent = '';
              (result.json.problems || []).forEach(function (p) { list.appendChild(el('li', {}, p.path + ': ' + p.message)); });
              return;
            }
            cell.judged = true;
            desk.judgedByAnyone = result.json.judged;
            desk.answered = result.json.answered;
            status('saved ' + cell.id, 'saved');
            show(nextToJudge());
          })
          .catch(function (error) { busy = false; status('not saved: ' + error, 'error'); });
      }

      document.addEventListener('keydown', function (event) {
        var target = event.target;
        if (target && (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT')) {
          if (event.key === 'Escape') { target.blur(); }
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); target.blur(); save(); }
          if (target.id === 'comment') { desk.cells[index].work.comment = target.value; }
          return;
        }
        if (event.ctrlKey || event.metaKey || event.altKey) { return; }
        var row = rows[focus];
        if (/^[0-9]$/.test(event.key) && row && row.kind === 'criterion') {
          var score = Number(event.key);
          if (score >= row.item.low && score <= row.item.high) { event.preventDefault(); choose(row.item.name, score); }
        } else if (event.key === 'f' || event.key === 'F') {
          event.preventDefault();
          var flagRow = row && row.kind === 'flag' ? focus : desk.criteria.length;
          flip(flagRow);
        } else if (event.key === 'ArrowDown' || (event.key === 'Tab' && !event.shiftKey)) {
          event.preventDefault(); focus = Math.min(rows.length - 1, focus + 1); paintFocus();
        } else if (event.key === 'ArrowUp' || (event.key === 'Tab' && event.shiftKey)) {
          event.preventDefault(); focus = Math.max(0, focus - 1); paintFocus();
        } else if (event.key === 'ArrowRight') {
          event.preventDefault(); show(index + 1);
        } else if (event.key === 'ArrowLeft') {
          event.preventDefault(); show(index - 1);
        } else if (event.key === 'Enter') {
          event.preventDefault(); save();
        } else if (event.key === 'c') {
          event.preventDefault(); $('comment').focus();
        }
      });
      $('comment').addEventListener('input', function () { desk.cells[index].work.comment = $('comment').value; });
      $('save').addEventListener('click', save);
      $('next').addEventListener('click', function () { show(index + 1); });
      $('previous').addEventListener('click', function () { show(index - 1); });

      if (!desk.cells.length) {
        $('cell-title').textContent = 'No answered cells to judge yet.';
      } else {
        var fromHash = Number(location.hash.slice(1)) - 1;
        index = fromHash >= 0 && fromHash < desk.cells.length ? fromHash : 0;
        if (fromHash < 0 && desk.cells[index].judged) { index = nextToJudge(); }
        show(index);
      }
      document.documentElement.setAttribute('data-ready', 'true');
    })();
    """#
}

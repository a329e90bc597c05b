/// `/assets/pairwise.js`: the blind A/B page. A choice is posted at once and the next question
/// without one is shown.
enum PairwiseScript {
    static let source = #"""
    (function () {
      'use strict';
      var desk = JSON.parse(document.getElementById('pairwise-data').textContent);
      var $ = function (id) { return document.getElementById(id); };
      var index = 0, busy = false;

      function el(tag, attributes, text) {
        var node = document.createElement(tag);
        Object.keys(attributes || {}).forEach(function (k) { node.setAttribute(k, attributes[k]); });
        if (text !== undefined) { node.textContent = text; }
        return node;
      }

      function show(i) {
        if (!desk.items.length) { $('cell-title').textContent = 'No question both systems answered.'; return; }
        index = Math.max(0, Math.min(desk.items.length - 1, i));
        var item = desk.items[index];
        $('cell-title').textContent = (index + 1) + ' / ' + desk.items.length + ' · ' + item.item;
        var inputs = $('cell-inputs');
        inputs.textContent = '';
        item.inputs.forEach(function (m) { inputs.appendChild(el('b', {}, m.role)); inputs.appendChild(el('pre', {}, m.content)); });
        $('first').textContent = item.first;
        $('second').textContent = item.second;
        Array.prototype.forEach.call(document.querySelectorAll('[data-choice]'), function (b) {
          b.classList.toggle('chosen', b.getAttribute('data-choice') === item.choice);
        });
        var done = desk.items.filter(function (x) { return x.choice; }).length;
        $('progress').textContent = done + ' of ' + desk.items.length + ' questions judged';
        var box = $('cell-strip');
        box.textContent = '';
        desk.items.forEach(function (x, n) {
          var link = el('a', { href: '#' + (n + 1), 'data-cell': x.item }, String(n + 1));
          link.className = (x.choice ? 'judged' : '') + (n === index ? ' current' : '');
          link.addEventListener('click', function (event) { event.preventDefault(); show(n); });
          box.appendChild(link);
        });
      }

      function next() {
        for (var step = 1; step <= desk.items.length; step++) {
          var i = (index + step) % desk.items.length;
          if (!desk.items[i].choice) { return i; }
        }
        return Math.min(index + 1, desk.items.length - 1);
      }

      function choose(choice) {
        if (busy || !desk.items.length) { return; }
        var item = desk.items[index];
        busy = true;
        var body = { judge: desk.judge, a: desk.system, b: desk.baseline, item: item.item, choice: choice };
        fetch(desk.post, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
          .then(function (r) { return r.json().then(function (json) { return { ok: r.ok, json: json }; }); })
          .then(function (result) {
            busy = false;
            var list = $('problems');
            list.textContent = '';
            if (!result.ok) {
              $('save-status').textContent = result.json.error || 'not saved';
              (result.json.problems || []).forEach(function (p) { list.appendChild(el('li', {}, p.path + ': ' + p.message)); });
              return;
            }
            item.choice = choice;
            $('save-status').textContent = 'saved · so far ' + desk.system + ' ' + result.json.wins + ' · ties ' + result.json.ties +
              ' · ' + desk.baseline + ' ' + result.json.losses;
            show(next());
          })
          .catch(function (error) { busy = false; $('save-status').textContent = 'not saved: ' + error; });
      }

      Array.prototype.forEach.call(document.querySelectorAll('[data-choice]'), function (b) {
        b.addEventListener('click', function () { choose(b.getAttribute('data-choice')); });
      });
      document.addEventListener('keydown', function (event) {
        if (event.ctrlKey || event.metaKey || event.altKey) { return; }
        var n = Number(event.key);
        if (n >= 1 && n <= 5) { event.preventDefault(); choose(desk.items.length ? document.querySelectorAll('[data-choice]')[n - 1].getAttribute('data-choice') : ''); }
        else if (event.key === 'ArrowRight') { event.preventDefault(); show(index + 1); }
        else if (event.key === 'ArrowLeft') { event.preventDefault(); show(index - 1); }
      });
      var first = desk.items.findIndex(function (x) { return !x.choice; });
      show(first < 0 ? 0 : first);
      document.documentElement.setAttribute('data-ready', 'true');
    })();
    """#
}

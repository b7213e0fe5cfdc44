/// The HTML report's template, kept in the code so no resource has to be found at run time.
enum ClassOverviewTemplate {
    static let text = #"""
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}: class report</title>
<style>
:root { --pass: #1a7f37; --ink: #1f2328; --muted: #656d76; --line: #d0d7de; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); margin: 0; background: #fff; }
main { max-width: 1180px; margin: 0 auto; padding: 28px 32px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 34px 0 10px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
.sub { color: var(--muted); margin: 0 0 20px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; }
.card { flex: 1 1 150px; background: var(--bg); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
.card b { display: block; font-size: 26px; }
.card span { color: var(--muted); }
table { border-collapse: collapse; }
.matrix th, .matrix td { border: 2px solid #fff; text-align: center; }
.matrix th.task { font-weight: 600; font-size: 12px; color: var(--muted); width: 44px; padding: 4px 0; }
.matrix th.who { text-align: left; padding: 0 14px 0 0; white-space: nowrap; font-weight: 600; }
.matrix th.who small { display: block; color: var(--muted); font-weight: 400; }
.matrix td { width: 44px; height: 34px; border-radius: 6px; font-weight: 600; position: relative; }
.matrix td.total { background: none; color: var(--muted); font-weight: 400; padding-left: 10px; text-align: left; width: auto; }
.pass { background: var(--pass); color: #fff; }
.try1 { background: #fff1b8; color: #7a5b00; }
.try2 { background: #ffd38a; color: #7a4100; }
.try3 { background: #ff9f7a; color: #6e1d00; }
.try4 { background: #e5534b; color: #fff; }
.none { background: #eaeef2; }
td sup { position: absolute; top: 1px; right: 4px; font-size: 10px; font-weight: 400; opacity: .85; }
.legend { color: var(--muted); margin-top: 10px; font-size: 12px; }
.legend i { display: inline-block; width: 14px; height: 14px; border-radius: 3px; vertical-align: -2px; margin: 0 4px 0 12px; }
.bars { display: grid; grid-template-columns: 110px 1fr 90px; gap: 8px 14px; align-items: center; max-width: 860px; }
.bars .id { font-weight: 600; }
.bars .id small { display: block; font-weight: 400; color: var(--muted); font-size: 11px; }
.track { background: #eaeef2; border-radius: 6px; height: 20px; overflow: hidden; }
.fill { background: linear-gradient(90deg, #2da44e, var(--pass)); height: 100%; border-radius: 6px; }
.bars .pct { color: var(--muted); }
.mistakes { width: 100%; }
.mistakes th { text-align: left; font-size: 12px; color: var(--muted); border-bottom: 1px solid var(--line); padding: 6px 10px; }
.mistakes td { border-bottom: 1px solid #eaeef2; padding: 8px 10px; vertical-align: top; }
.mistakes td.n { font-weight: 700; font-size: 16px; text-align: right; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: var(--bg); padding: 1px 5px; border-radius: 4px; }
.msg { color: var(--ink); }
.msg small { color: var(--muted); display: block; }
ul.people { columns: 3; padding-left: 18px; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
</style>
</head>
<body>
<main>
<h1>{{title}}</h1>
<p class="sub">Class report{{#group}} for group <b>{{.}}</b>{{/group}} · generated {{generated}}</p>
<div class="cards">
  <div class="card"><b>{{learnerCount}}</b><span>learners</span></div>
  <div class="card"><b>{{passedEverything}}</b><span>passed all {{taskCount}} tasks</span></div>
  <div class="card"><b>{{stuckCount}}</b><span>stuck on a task (3+ attempts)</span></div>
  <div class="card"><b>{{notStartedCount}}</b><span>not started</span></div>
</div>

<h2>Progress by task</h2>
{{#hasLearners}}
<table class="matrix">
<tr><th></th>{{#tasks}}<th class="task" title="{{id}}: {{title}}">{{label}}</th>{{/tasks}}<th></th></tr>
{{#learners}}
<tr><th class="who">{{name}}{{#displayName}}<small>{{.}}</small>{{/displayName}}</th>{{#cells}}<td class="{{css}}" title="{{tip}}">{{text}}{{#hints}}<sup>{{hints}}h</sup>{{/hints}}</td>{{/cells}}<td class="total">{{passed}}/{{taskCount}}</td></tr>
{{/learners}}
</table>
<p class="legend"><i class="pass"></i>passed <i class="try1"></i>1 attempt <i class="try2"></i>2 <i class="try3"></i>3 <i class="try4"></i>4+ attempts, not passed <i class="none"></i>not started · the number is attempts so far, <sup>h</sup> hints taken</p>
{{/hasLearners}}
{{^hasLearners}}<p>No learners yet: import a roster or grade a class folder.</p>{{/hasLearners}}

<h2>Mastery per objective</h2>
<div class="bars">
{{#objectives}}
  <div class="id" title="{{text}}">{{id}}<small>{{tasks}}</small></div>
  <div class="track" title="{{text}}"><div class="fill" style="width: {{percent}}%"></div></div>
  <div class="pct">{{percent}}% · {{mastered}}/{{learners}}</div>
{{/objectives}}
</div>

<h2>Most common mistakes</h2>
{{#hasMistakes}}
<table class="mistakes">
<tr><th>learners</th><th>task</th><th>check</th><th>example</th></tr>
{{#mistakes}}
<tr><td class="n">{{learners}}</td><td>{{task}}</td><td><code>{{check}}</code></td><td class="msg">{{message}}<small>{{example}} · {{occurrences}} failed attempts in all</small></td></tr>
{{/mistakes}}
</table>
{{/hasMistakes}}
{{^hasMistakes}}<p>No failed checks yet.</p>{{/hasMistakes}}

<h2>Stuck</h2>
{{#hasStuck}}
<table class="mistakes">
<tr><th>learner</th><th>task</th><th>attempts</th><th>hints</th></tr>
{{#stuck}}<tr><td>{{learner}}</td><td>{{task}}</td><td>{{attempts}}</td><td>{{hints}}</td></tr>
{{/stuck}}
</table>
{{/hasStuck}}
{{^hasStuck}}<p>Nobody has 3 or more attempts at a task without passing it.</p>{{/hasStuck}}

<h2>Not started</h2>
{{#hasNotStarted}}<ul class="people">{{#notStarted}}<li>{{name}}</li>{{/notStarted}}</ul>{{/hasNotStarted}}
{{^hasNotStarted}}<p>Everyone has started.</p>{{/hasNotStarted}}

<footer>Made by ecrlab from the progress database. Self-contained: no scripts, no network.</footer>
</main>
</body>
</html>

"""#
}

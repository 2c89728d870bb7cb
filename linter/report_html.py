"""report.html: one self-contained page (no network: inline CSS, inline SVG charts and a
small inline script) an auditor opens from the report folder or an e-mail.

- Overview: findings by rule, severity, department, region, year and document kind.
- Documents: a table sorted by clicking a header and filtered by department, region, year,
  kind, status, a minimum severity and free text; the filters also hide the documents'
  sections below, and are kept in the address (#filter=…) so a filtered view can be shared.
- One section per document: status, metadata, and each finding with its excerpt marked in
  its line, what it conflicts with, and where a person finds it (page, table, line).
"""
from __future__ import annotations

import html
import os
import time
from collections import Counter

from . import __version__
from .report import documents, findings, location_text
from .store import Store

SEVERITY_ORDER = ("error", "warning", "info")
CHART_TOP = 20  # bars per chart; the rest are summed into one bar

STYLE = """
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0 2em 4em;color:#222}
h1{font-size:1.5em}h2{margin-top:2em;border-bottom:1px solid #ccc}
.charts{display:flex;flex-wrap:wrap;gap:1.5em}.chart{flex:1 1 28em}.chart h3{font-size:1em;margin:.5em 0}
.chart svg text{font-size:12px}
table.docs{border-collapse:collapse;width:100%;font-size:.9em}
table.docs th,table.docs td{border:1px solid #ddd;padding:.25em .5em;text-align:left}
table.docs th{background:#f3f3f3;cursor:pointer;user-select:none}
table.docs th[aria-sort=ascending]::after{content:" ▲"}table.docs th[aria-sort=descending]::after{content:" ▼"}
td.n{text-align:right}.filters{display:flex;flex-wrap:wrap;gap:.75em;margin:1em 0}
.filters label{display:flex;flex-direction:column;font-size:.8em}
.doc{border-top:2px solid #888;margin-top:1.5em}.meta{color:#555;font-size:.9em}
.finding{margin:.8em 0 .8em 1em;padding-left:.8em;border-left:4px solid #bbb}
.finding.error{border-color:#c62828}.finding.warning{border-color:#ef8f00}.finding.info{border-color:#1565c0}
.sev{font-weight:bold;text-transform:uppercase;font-size:.75em}.sev.error{color:#c62828}
.sev.warning{color:#b26a00}.sev.info{color:#1565c0}
.context{font-family:ui-monospace,monospace;background:#f7f7f7;padding:.3em .5em;white-space:pre-wrap}
mark{background:#ffe08a}.related{font-size:.9em;color:#444}.where{color:#555;font-size:.9em}
.status-bad{color:#c62828;font-weight:bold}#shown{font-size:.9em;color:#555}
"""

SCRIPT = r"""
(function(){
  var table=document.getElementById('documents'), body=table.tBodies[0];
  var rows=Array.prototype.slice.call(body.rows);
  var controls=Array.prototype.slice.call(document.querySelectorAll('[data-filter]'));
  var rank={error:3,warning:2,info:1,'':0};
  function value(c){return c.value;}
  function apply(){
    var want={}, shown=0, state=[];
    controls.forEach(function(c){want[c.dataset.filter]=value(c); if(value(c)) state.push(c.dataset.filter+'='+encodeURIComponent(value(c)));});
    var text=(want.text||'').toLowerCase();
    rows.forEach(function(r){
      var d=r.dataset, ok=true;
      ['department','region','year','kind','status'].forEach(function(k){ if(want[k] && d[k]!==want[k]) ok=false; });
      if(want.severity && rank[d.worst]<rank[want.severity]) ok=false;
      if(text && r.textContent.toLowerCase().indexOf(text)<0) ok=false;
      r.hidden=!ok; if(ok) shown++;
      var s=document.getElementById(d.section); if(s) s.hidden=!ok;
    });
    document.getElementById('shown').textContent=shown+' / '+rows.length;
    var h=state.length?'#filter='+state.join('&'):'';
    if(location.hash!==h && (h || location.hash.indexOf('#filter=')===0)) history.replaceState(null,'',h||location.pathname);
  }
  controls.forEach(function(c){c.addEventListener('input',apply);c.addEventListener('change',apply);});
  if(location.hash.indexOf('#filter=')===0){
    location.hash.slice(8).split('&').forEach(function(p){
      var kv=p.split('='), c=document.querySelector('[data-filter="'+kv[0]+'"]');
      if(c) c.value=decodeURIComponent(kv[1]||'');
    });
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
    th.addEventListener('click',function(){
      var asc=th.getAttribute('aria-sort')!=='ascending', num=th.dataset.type==='number';
      Array.prototype.forEach.call(table.tHead.rows[0].cells,function(o){o.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',asc?'ascending':'descending');
      rows.sort(function(a,b){
        var x=a.cells[i].dataset.sort||a.cells[i].textContent, y=b.cells[i].dataset.sort||b.cells[i].textContent;
        var r=num?(parseFloat(x||'0')-parseFloat(y||'0')):x.localeCompare(y,'zh');
        return asc?r:-r;
      });
      rows.forEach(function(r){body.appendChild(r);});
    });
  });
  apply();
})();
"""


def _e(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def bar_chart(title: str, counts: list[tuple[str, int]], color: str = "#5b7fb5") -> str:
    """A horizontal bar chart as inline SVG: one bar per label, its count written beside it."""
    if len(counts) > CHART_TOP:
        rest = sum(n for _, n in counts[CHART_TOP - 1:])
        counts = counts[:CHART_TOP - 1] + [(f"其他 {len(counts) - CHART_TOP + 1} 项", rest)]
    if not counts:
        return f'<div class="chart"><h3>{_e(title)}</h3><p>—</p></div>'
    label_w, bar_w, row_h = 230, 320, 20
    top = max(n for _, n in counts) or 1
    parts = [f'<svg role="img" aria-label="{_e(title)}" width="{label_w + bar_w + 60}" '
             f'height="{row_h * len(counts) + 4}" xmlns="http://www.w3.org/2000/svg">']
    for i, (label, n) in enumerate(counts):
        y = i * row_h + 2
        w = max(1, round(bar_w * n / top)) if n else 0
        short = label if len(label) <= 18 else label[:17] + "…"
        parts.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end"><title>{_e(label)}</title>'
                     f'{_e(short)}</text><rect x="{label_w}" y="{y + 3}" width="{w}" height="{row_h - 6}" '
                     f'fill="{color}"/><text x="{label_w + w + 4}" y="{y + 14}">{n}</text>')
    parts.append("</svg>")
    return f'<div class="chart"><h3>{_e(title)}</h3>{"".join(parts)}</div>'


def _context_html(f: dict) -> str:
    """The finding's line around its excerpt, the excerpt marked."""
    context, excerpt = f.get("context") or "", f.get("excerpt") or ""
    start = (f.get("column") or 1) - 1 - (f.get("context_start") or 0)
    if excerpt and context[start:start + len(excerpt)] != excerpt:
        start = context.find(excerpt)
    if not excerpt or start < 0:
        return f'<div class="context">{_e(context or excerpt)}</div>'
    end = start + len(excerpt)
    return (f'<div class="context">{_e(context[:start])}<mark>{_e(context[start:end])}</mark>'
            f'{_e(context[end:])}</div>')


def _finding_html(f: dict) -> str:
    sev = f.get("severity") or "info"
    out = [f'<div class="finding {_e(sev)}" data-rule="{_e(f.get("rule"))}">',
           f'<div><span class="sev {_e(sev)}">{_e(sev)}</span> <b>{_e(f.get("rule"))}</b> '
           f'{_e(f.get("name"))} <span class="where">{_e(location_text(f))}</span></div>',
           f'<div>{_e(f.get("message"))}</div>', _context_html(f)]
    related = f.get("related") or []
    if related:
        out.append('<ul class="related">')
        for r in related:
            out.append(f"<li>与之相关：{_e(r.get('note'))} <span class=\"where\">{_e(location_text(r))}</span> "
                       f"「{_e(r.get('excerpt'))}」</li>")
        out.append("</ul>")
    if f.get("suggestion"):
        out.append(f"<div>建议：{_e(f['suggestion'])}</div>")
    out.append("</div>")
    return "".join(out)


def _select(name: str, label: str, values) -> str:
    opts = "".join(f'<option value="{_e(v)}">{_e(v)}</option>' for v in sorted({str(v) for v in values if v}))
    return (f'<label>{_e(label)}<select data-filter="{name}" id="filter-{name}"><option value="">全部</option>'
            f"{opts}</select></label>")


def write_html(store: Store, folder: str) -> str:
    docs = documents(store)
    by_rule: Counter = Counter()
    names: dict[str, str] = {}
    by_sev: Counter = Counter()
    by_dept: Counter = Counter()
    by_region: Counter = Counter()
    by_year: Counter = Counter()
    by_kind: Counter = Counter()
    doc_of = {d["id"]: d for d in docs}
    for rule, name, sev, doc_id, n in store.query(
            "SELECT rule, name, severity, document_id, COUNT(*) FROM findings GROUP BY rule, severity, document_id"):
        d = doc_of[doc_id]
        by_rule[rule] += n
        names[rule] = name
        by_sev[sev] += n
        by_dept[d["department"] or "（未识别）"] += n
        by_region[d["region"] or "（未识别）"] += n
        by_year[str(d["year"] or "（未识别）")] += n
        by_kind[d["kind"] or "（未识别）"] += n
    status = Counter(d["status"] for d in docs)
    name = os.path.join(folder, "report.html")
    with open(name, "w", encoding="utf-8") as out:
        w = out.write
        w('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
          '<meta name="viewport" content="width=device-width, initial-scale=1">'
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
          f"<title>budgetlint 审核报告</title><style>{STYLE}</style></head><body>")
        w(f"<h1>budgetlint 审核报告</h1><p class=\"meta\">{len(docs)} 份文件；"
          + "，".join(f"{_e(k)} {v}" for k, v in status.most_common())
          + f"；共 {sum(by_sev.values())} 条问题。生成于 {time.strftime('%Y-%m-%d %H:%M')}，"
          f"budgetlint {_e(__version__)}。</p>")
        w('<h2 id="overview">概览</h2><div class="charts">')
        w(bar_chart("按规则", [(f"{r} {names[r]}", n) for r, n in sorted(by_rule.items())]))
        w(bar_chart("按严重程度", [(s, by_sev[s]) for s in SEVERITY_ORDER if by_sev[s]], "#c0603a"))
        w(bar_chart("按部门", by_dept.most_common()))
        w(bar_chart("按地区", by_region.most_common()))
        w(bar_chart("按年度", sorted(by_year.items())))
        w(bar_chart("按文件类型", by_kind.most_common()))
        w("</div>")
        w('<h2 id="documents-heading">文件</h2><div class="filters">')
        w(_select("department", "部门", (d["department"] for d in docs)))
        w(_select("region", "地区", (d["region"] for d in docs)))
        w(_select("year", "年度", (d["year"] for d in docs)))
        w(_select("kind", "类型", (d["kind"] for d in docs)))
        w(_select("status", "状态", (d["status"] for d in docs)))
        w('<label>至少<select data-filter="severity" id="filter-severity"><option value="">全部</option>'
          '<option value="error">error</option><option value="warning">warning</option>'
          '<option value="info">info</option></select></label>')
        w('<label>搜索<input type="search" data-filter="text" id="filter-text" placeholder="文件名、部门…"></label>'
          '<span id="shown"></span></div>')
        w('<table class="docs" id="documents"><thead><tr><th>文件</th><th>部门</th><th>地区</th>'
          '<th data-type="number">年度</th><th>类型</th><th>状态</th><th data-type="number">error</th>'
          '<th data-type="number">warning</th><th data-type="number">info</th></tr></thead><tbody>')
        for i, d in enumerate(docs):
            worst = "error" if d["errors"] else "warning" if d["warnings"] else "info" if d["infos"] else ""
            attrs = " ".join(f'data-{k}="{_e(d[k] if d[k] is not None else "")}"'
                             for k in ("department", "region", "year", "kind", "status"))
            bad = "" if d["status"] == "ok" else ' class="status-bad"'
            w(f'<tr {attrs} data-worst="{worst}" data-section="doc-{i}"><td><a href="#doc-{i}">'
              f'{_e(os.path.basename(d["path"]))}</a></td><td>{_e(d["department"])}</td><td>{_e(d["region"])}</td>'
              f'<td class="n">{_e(d["year"])}</td><td>{_e(d["kind"])}</td><td{bad}>{_e(d["status"])}</td>'
              f'<td class="n">{d["errors"]}</td><td class="n">{d["warnings"]}</td><td class="n">{d["infos"]}</td></tr>')
        w("</tbody></table>")
        w('<h2 id="details">逐份文件</h2>')
        stream = findings(store)  # in path order, as the documents are
        pending = next(stream, None)
        for i, d in enumerate(docs):
            _open_section(w, i, d)
            while pending is not None and pending["document_id"] == d["id"]:
                w(_finding_html(pending))
                pending = next(stream, None)
            w("</section>")
        w(f"<script>{SCRIPT}</script></body></html>\n")
    return name


def _open_section(w, i: int, d: dict) -> None:
    meta = "，".join(f"{label}：{_e(d[k])}" for label, k in (
        ("部门", "department"), ("地区", "region"), ("年度", "year"), ("类型", "kind"), ("格式", "format"),
        ("页数", "pages")) if d[k])
    cause = f'<div class="status-bad">{_e(d["status"])}：{_e(d["cause"])}</div>' if d["status"] != "ok" else ""
    w(f'<section class="doc" id="doc-{i}"><h3>{_e(d["path"])}</h3><div class="meta">{meta}；'
      f'error {d["errors"]}，warning {d["warnings"]}，info {d["infos"]}；sha256 {_e((d["sha256"] or "")[:16])}…'
      f"</div>{cause}")

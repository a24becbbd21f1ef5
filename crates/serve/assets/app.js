// gongkai serve: the page's script. Every string from a document or a file
// name goes into the page as text (textContent), never as markup; the one
// piece of markup, the report's form from the server's HTML writer, is
// escaped there, parsed inertly here and stripped of anything active.
"use strict";

const TEXT = {
  zh: {
    "title": "政府信息公开工作年度报告检查",
    "drop": "把年度报告文件拖到这里，或",
    "pick": "选择文件",
    "formats": "DOCX、PDF、XLSX/XLS/ODS、HTML/MHT、文本、Markdown 或 gongkai JSON",
    "privacy": "文件只在检查期间保存在服务器内存中，不写入磁盘，不保留。",
    "files": "文件",
    "summary": "下载汇总表 (CSV)",
    "col.file": "文件", "col.status": "状态", "col.organ": "机关", "col.year": "年度",
    "col.new_received": "本年新收", "col.total_processed": "办理总计", "col.review": "复议总计",
    "col.litigation": "诉讼总计", "col.failed": "未通过", "col.uncertain": "不确定",
    "organ": "机关", "year": "年度", "status": "状态", "checks": "检查", "download": "下载",
    "legend.fail": "未通过检查", "legend.uncertain": "不确定",
    "legend.hint": "（悬停或点按标记的单元格查看规则和数字）",
    "diagnostics": "诊断信息", "diagnostics.none": "没有诊断信息。",
    "located": "未通过的检查在原文中的位置", "located.none": "所有检查均已通过。",
    "loc.status": "结果", "loc.check": "检查", "loc.message": "规则和数字", "loc.at": "读取位置",
    "chk.fail": "未通过", "chk.uncertain": "不确定",
    "diag.severity": "级别", "diag.at": "来源位置", "diag.message": "说明", "diag.raw": "原文", "diag.code": "代码",
    "st.waiting": "等待", "st.checking": "检查中", "st.busy": "服务器忙，稍后重试",
    "st.ok": "通过", "st.failed-checks": "未通过检查", "st.incomplete": "不完整",
    "st.error": "错误", "st.unsupported": "不支持",
    "gap.missing": "未找到{table}", "gap.empty": "{table}为空", "gap.sep": "，",
    "sev.error": "错误", "sev.warning": "警告", "sev.info": "信息",
    "count": "{n} 个文件：{ok} 通过，{failed} 未通过检查，{incomplete} 不完整，{error} 错误，{pending} 处理中",
    "total": "合计",
    "checks.line": "{checks} 项，{failed} 项未通过，{uncertain} 项不确定",
    "untitled": "（未找到标题）",
    "lang": "English",
    "download.failed": "下载失败：",
  },
  en: {
    "title": "Annual disclosure report checker",
    "drop": "Drop annual report files here, or",
    "pick": "Choose files",
    "formats": "DOCX, PDF, XLSX/XLS/ODS, HTML/MHT, text, Markdown or gongkai JSON",
    "privacy": "Files are held in the server's memory only while checked: never written to disk, never kept.",
    "files": "Files",
    "summary": "Download summary (CSV)",
    "col.file": "File", "col.status": "Status", "col.organ": "Organ", "col.year": "Year",
    "col.new_received": "New", "col.total_processed": "Processed", "col.review": "Reviews",
    "col.litigation": "Lawsuits", "col.failed": "Failed", "col.uncertain": "Uncertain",
    "organ": "Organ", "year": "Year", "status": "Status", "checks": "Checks", "download": "Download",
    "legend.fail": "failed check", "legend.uncertain": "uncertain",
    "legend.hint": "(hover over or tap a marked cell for the rule and the numbers)",
    "diagnostics": "Diagnostics", "diagnostics.none": "No diagnostics.",
    "located": "Checks not passed, and where their cells were read", "located.none": "Every check passed.",
    "loc.status": "Result", "loc.check": "Check", "loc.message": "Rule and numbers", "loc.at": "Read at",
    "chk.fail": "failed", "chk.uncertain": "uncertain",
    "diag.severity": "Severity", "diag.at": "Where in the source", "diag.message": "Message", "diag.raw": "Source text", "diag.code": "Code",
    "st.waiting": "waiting", "st.checking": "checking", "st.busy": "server busy, retrying",
    "st.ok": "ok", "st.failed-checks": "failed checks", "st.incomplete": "incomplete",
    "st.error": "error", "st.unsupported": "unsupported",
    "gap.missing": "{table} not found", "gap.empty": "{table} is empty", "gap.sep": ", ",
    "sev.error": "error", "sev.warning": "warning", "sev.info": "info",
    "count": "{n} files: {ok} ok, {failed} failed checks, {incomplete} incomplete, {error} errors, {pending} in progress",
    "total": "Total",
    "checks.line": "{checks} checks, {failed} failed, {uncertain} uncertain",
    "untitled": "(no title found)",
    "lang": "中文",
    "download.failed": "Download failed: ",
  },
};

/** Conversions the page runs at once; the server queues the rest or says 503. */
const PARALLEL = 2;
/** Columns of totals, in the order of the CLI's summary. */
const TOTALS = ["new_received", "total_processed", "review", "litigation"];
const ALL_TOTALS = ["new_received", "carried_over", "total_processed", "carried_forward", "review", "litigation"];
const EXTENSIONS = { json: "json", xlsx: "xlsx", md: "md", html: "html" };

let lang = "zh";
const entries = [];
let selected = null;
let running = 0;

function t(key, values) {
  let s = (TEXT[lang] && TEXT[lang][key]) || TEXT.zh[key] || key;
  if (values) {
    for (const [k, v] of Object.entries(values)) s = s.split("{" + k + "}").join(String(v));
  }
  return s;
}

function $(id) { return document.getElementById(id); }

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function applyLanguage() {
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  document.title = t("title");
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  const button = $("lang");
  button.textContent = t("lang");
  button.lang = lang === "zh" ? "en" : "zh-CN";
  renderTable();
  if (selected) showEntry(selected);
}

function statusBadge(status) {
  return el("span", t("st." + status), "status " + status);
}

function number(v) { return v === null || v === undefined ? "" : String(v); }

// ---- the list of files ------------------------------------------------------

function renderTable() {
  const body = $("file-table").tBodies[0];
  body.replaceChildren();
  const sums = {};
  const counts = { ok: 0, "failed-checks": 0, incomplete: 0, error: 0, pending: 0 };
  let failed = 0, uncertain = 0;
  for (const entry of entries) {
    const row = document.createElement("tr");
    row.dataset.id = String(entry.id);
    if (entry === selected) row.className = "selected";
    const s = entry.summary;
    row.append(el("td", entry.file.name, "name"));
    const status = document.createElement("td");
    status.append(statusBadge(entry.status));
    row.append(status);
    row.append(el("td", s ? s.organ : ""), el("td", s ? s.year : ""));
    for (const key of TOTALS) {
      const v = s ? s.totals[key] : null;
      row.append(el("td", number(v), "num"));
      if (typeof v === "number") sums[key] = (sums[key] || 0) + v;
    }
    row.append(el("td", s ? s.failed : "", "num"), el("td", s ? s.uncertain : "", "num"));
    if (s) { failed += s.failed; uncertain += s.uncertain; }
    row.addEventListener("click", () => showEntry(entry));
    body.append(row);
    if (entry.status in counts) counts[entry.status] += 1;
    else if (entry.status === "unsupported") counts.error += 1;
    else counts.pending += 1;
  }
  const foot = $("file-table").tFoot;
  foot.replaceChildren();
  if (entries.length > 1) {
    const row = document.createElement("tr");
    row.append(el("td", t("total")), el("td", ""), el("td", ""), el("td", ""));
    for (const key of TOTALS) row.append(el("td", number(sums[key]), "num"));
    row.append(el("td", failed, "num"), el("td", uncertain, "num"));
    foot.append(row);
  }
  $("batch-count").textContent = t("count", {
    n: entries.length, ok: counts.ok, failed: counts["failed-checks"],
    incomplete: counts.incomplete, error: counts.error, pending: counts.pending,
  });
  $("batch").hidden = entries.length === 0;
}

// ---- checking files ---------------------------------------------------------

function addFiles(files) {
  for (const file of files) {
    entries.push({ id: entries.length, file, status: "waiting", summary: null, view: null, error: null });
  }
  renderTable();
  pump();
}

function pump() {
  while (running < PARALLEL) {
    const next = entries.find((e) => e.status === "waiting");
    if (!next) return;
    running += 1;
    check(next).finally(() => { running -= 1; pump(); });
  }
}

function form(file) {
  const data = new FormData();
  data.append("file", file, file.name);
  return data;
}

async function errorReason(response) {
  try {
    const body = await response.json();
    return { reason: body.error || response.statusText, status: body.status || "error" };
  } catch (_) {
    return { reason: response.status + " " + response.statusText, status: "error" };
  }
}

async function check(entry) {
  for (;;) {
    entry.status = "checking";
    renderTable();
    let response;
    try {
      response = await fetch("/api/view", { method: "POST", body: form(entry.file) });
    } catch (e) {
      entry.status = "error";
      entry.error = String(e);
      break;
    }
    if (response.status === 503) {
      entry.status = "busy";
      renderTable();
      await new Promise((resolve) => setTimeout(resolve, 1000 + Math.random() * 1000));
      continue;
    }
    if (!response.ok) {
      const failure = await errorReason(response);
      entry.status = failure.status === "unsupported" ? "unsupported" : "error";
      entry.error = failure.reason;
      break;
    }
    entry.view = await response.json();
    entry.summary = entry.view.summary;
    entry.status = entry.summary.status;
    break;
  }
  renderTable();
  // The first file done is shown; later ones when picked from the list.
  if (!selected || (selected.status === "error" && entry.view)) showEntry(entry);
}

// ---- one report -------------------------------------------------------------

/** The server's form, parsed inertly, with anything active taken out. */
function formNodes(html) {
  const doc = new DOMParser().parseFromString(html, "text/html");
  for (const bad of doc.body.querySelectorAll("script,style,iframe,object,embed,link,meta,base,form,img,svg,math")) bad.remove();
  for (const node of doc.body.querySelectorAll("*")) {
    for (const attr of Array.from(node.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on") || name === "href" || name === "src" || name === "style") node.removeAttribute(attr.name);
    }
  }
  return Array.from(doc.body.childNodes);
}

function showEntry(entry) {
  selected = entry;
  hideTip();
  for (const row of $("file-table").tBodies[0].rows) row.classList.toggle("selected", row.dataset.id === String(entry.id));
  if (!entry.view) {
    $("report").hidden = true;
    if (entry.error) {
      $("failure").hidden = false;
      $("f-file").textContent = entry.file.name;
      $("f-reason").textContent = entry.error;
    } else {
      $("failure").hidden = true;
    }
    return;
  }
  $("failure").hidden = true;
  const s = entry.summary;
  $("r-title").textContent = s.title || t("untitled");
  $("r-organ").textContent = s.organ || "";
  $("r-year").textContent = s.year === null ? "" : String(s.year);
  const status = $("r-status");
  status.replaceChildren(statusBadge(s.status));
  if (s.incomplete_tables) {
    const why = s.incomplete_tables.map((g) => t("gap." + g.gap, { table: g.table }));
    status.append(" ", el("span", why.join(t("gap.sep"))));
  } else if (s.incomplete) {
    status.append(" ", el("span", s.incomplete));
  }
  $("r-checks").textContent = t("checks.line", { checks: s.checks, failed: s.failed, uncertain: s.uncertain });
  const target = $("form");
  target.replaceChildren(...formNodes(entry.view.html));
  for (const cell of target.querySelectorAll("td.fail,td.uncertain")) {
    cell.tabIndex = 0;
    cell.dataset.tip = cell.getAttribute("title") || "";
    // The page shows its own tip on hover, focus and tap; not the browser's too.
    cell.removeAttribute("title");
  }
  const checks = $("located").tBodies[0];
  checks.replaceChildren();
  const located = entry.view.located || [];
  for (const c of located) {
    const row = document.createElement("tr");
    const where = (c.read_at || []).map((r) => r.at + " (" + r.path + ")").join("; ");
    row.append(el("td", t("chk." + c.status), "sev-" + (c.status === "fail" ? "error" : "warning")), el("td", c.id + " " + c.subject), el("td", c.message), el("td", where));
    checks.append(row);
  }
  $("located").hidden = located.length === 0;
  $("no-located").hidden = located.length !== 0;
  const body = $("diagnostics").tBodies[0];
  body.replaceChildren();
  const diagnostics = entry.view.report.diagnostics || [];
  for (const d of diagnostics) {
    const row = document.createElement("tr");
    row.append(el("td", t("sev." + d.severity), "sev-" + d.severity), el("td", d.at || d.path || ""), el("td", d.message), el("td", d.raw || ""), el("td", d.code));
    body.append(row);
  }
  $("diagnostics").hidden = diagnostics.length === 0;
  $("no-diagnostics").hidden = diagnostics.length !== 0;
  $("report").hidden = false;
}

// ---- explanations on hover, focus and tap -----------------------------------

function showTip(cell) {
  const tip = $("tip");
  tip.textContent = cell.dataset.tip || cell.getAttribute("title") || "";
  tip.hidden = false;
  const box = cell.getBoundingClientRect();
  const width = tip.offsetWidth;
  const left = Math.max(4, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - width - 4));
  tip.style.left = left + "px";
  tip.style.top = (window.scrollY + box.bottom + 4) + "px";
}

function hideTip() { $("tip").hidden = true; }

function markedCell(target) {
  return target instanceof Element ? target.closest("#form td.fail, #form td.uncertain") : null;
}

// ---- downloads --------------------------------------------------------------

function stem(name) {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(0, dot) : name;
}

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

async function download(to) {
  if (!selected) return;
  const entry = selected;
  // The original file again: the server keeps nothing between requests.
  for (;;) {
    const response = await fetch("/api/convert?to=" + encodeURIComponent(to), { method: "POST", body: form(entry.file) });
    if (response.status === 503) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      continue;
    }
    if (!response.ok) {
      const failure = await errorReason(response);
      window.alert(t("download.failed") + failure.reason);
      return;
    }
    save(await response.blob(), stem(entry.file.name) + "." + EXTENSIONS[to]);
    return;
  }
}

function csvCell(value) {
  let s = value === null || value === undefined ? "" : String(value);
  // A cell starting with = + - @ would be a formula in a spreadsheet.
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

function summaryCsv() {
  const head = ["文件 file", "状态 status", "机关 organ", "年度 year",
    "本年新收 new received", "上年结转 carried over", "办理总计 total processed", "结转下年 carried forward",
    "行政复议总计 review total", "行政诉讼总计 litigation total",
    "未通过检查数 failed checks", "不确定检查数 uncertain checks", "错误 error"];
  const lines = [head.map(csvCell).join(",")];
  for (const entry of entries) {
    const s = entry.summary;
    const cells = [entry.file.name, entry.status, s ? s.organ : "", s ? s.year : ""];
    for (const key of ALL_TOTALS) cells.push(s ? s.totals[key] : "");
    cells.push(s ? s.failed : "", s ? s.uncertain : "", entry.error || "");
    lines.push(cells.map(csvCell).join(","));
  }
  // A byte-order mark so that spreadsheet programs read the Chinese as UTF-8.
  save(new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" }), "summary.csv");
}

// ---- wiring -----------------------------------------------------------------

function start() {
  const drop = $("drop");
  const input = $("files");
  input.addEventListener("change", () => { addFiles(Array.from(input.files || [])); input.value = ""; });
  for (const name of ["dragenter", "dragover"]) {
    drop.addEventListener(name, (e) => { e.preventDefault(); drop.classList.add("over"); });
  }
  for (const name of ["dragleave", "drop"]) {
    drop.addEventListener(name, () => drop.classList.remove("over"));
  }
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    addFiles(Array.from((e.dataTransfer && e.dataTransfer.files) || []));
  });
  // A file dropped beside the zone must not navigate away from the page.
  window.addEventListener("dragover", (e) => e.preventDefault());
  window.addEventListener("drop", (e) => e.preventDefault());
  drop.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); input.click(); } });
  $("lang").addEventListener("click", () => { lang = lang === "zh" ? "en" : "zh"; applyLanguage(); });
  $("summary-csv").addEventListener("click", summaryCsv);
  for (const button of document.querySelectorAll(".downloads button[data-to]")) {
    button.addEventListener("click", () => download(button.dataset.to));
  }
  const formBox = $("form");
  formBox.addEventListener("mouseover", (e) => { const c = markedCell(e.target); if (c) showTip(c); });
  formBox.addEventListener("mouseout", (e) => { if (markedCell(e.target)) hideTip(); });
  formBox.addEventListener("focusin", (e) => { const c = markedCell(e.target); if (c) showTip(c); });
  formBox.addEventListener("focusout", hideTip);
  formBox.addEventListener("click", (e) => { const c = markedCell(e.target); if (c) { e.stopPropagation(); showTip(c); } });
  document.addEventListener("click", (e) => { if (!markedCell(e.target)) hideTip(); });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") hideTip(); });
  applyLanguage();
}

document.addEventListener("DOMContentLoaded", start);

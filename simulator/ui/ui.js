// The inspector: polls the control plane (same origin) and renders what it answers. Every value
// from the simulator goes into the page as text (textContent), never as markup.
"use strict";

const TOKEN_KEY = "mailbox-simulator-control-token";
const KEEP = 500; // journal rows kept in the page
const state = { token: null, journal: [], lastId: 0, open: new Set(), frozen: false, accounts: [], bodyLimit: 0 };

// ---------------------------------------------------------------- the control-plane token
// Given as /_sim/ui#token=..., or asked for when the control plane answers 401; kept for the tab only.
(function readToken() {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get("token");
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, "", location.pathname + location.search);
  }
  state.token = sessionStorage.getItem(TOKEN_KEY);
})();

async function api(method, path, body) {
  for (let attempt = 0; attempt < 2; attempt++) {
    const headers = { "Accept": "application/json" };
    if (state.token) headers["Authorization"] = "Bearer " + state.token;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 401 && attempt === 0) {
      const given = prompt("This simulator's control plane needs its token (--control-token):");
      if (!given) throw new Error("the control plane needs a token");
      state.token = given;
      sessionStorage.setItem(TOKEN_KEY, given);
      continue;
    }
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) throw new Error((data && data.error) || response.status + " " + response.statusText);
    return data;
  }
}

// ---------------------------------------------------------------- small DOM helpers

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function fill(tbody, rows) { tbody.replaceChildren(...rows); }
const $ = (sel) => document.querySelector(sel);
const short = (id) => (id && id.length > 12 ? id.slice(0, 8) + "…" : id || "-");
const json = (v) => JSON.stringify(v);

function report(error) { $("#status").textContent = error ? String(error.message || error) : ""; }

async function guarded(fn) {
  try { await fn(); report(null); } catch (error) { report(error); }
}

// ---------------------------------------------------------------- clock

async function loadClock() {
  const c = await api("GET", "/_sim/clock");
  state.frozen = c.frozen;
  $("#clock-now").textContent = c.now;
  $("#clock-rate").textContent = c.rate + "x";
  $("#clock-frozen").textContent = c.frozen ? "frozen" : "running";
  $("#clock-frozen").classList.toggle("on", c.frozen);
  $("#freeze").textContent = c.frozen ? "Unfreeze" : "Freeze";
}

for (const button of document.querySelectorAll("#clock button[data-seconds]")) {
  button.addEventListener("click", () => guarded(async () => {
    await api("POST", "/_sim/clock", { advanceSeconds: Number(button.dataset.seconds) });
    await loadClock();
  }));
}
$("#freeze").addEventListener("click", () => guarded(async () => {
  await api("POST", "/_sim/clock", { freeze: !state.frozen });
  await loadClock();
}));

// ---------------------------------------------------------------- accounts

function keyCell(key) {
  const masked = "•••• " + key.slice(-4);
  const span = el("span", { class: "key", title: "click to show or hide" }, masked);
  span.addEventListener("click", () => { span.textContent = span.textContent === masked ? key : masked; });
  return span;
}

async function loadAccounts() {
  const accounts = await api("GET", "/_sim/accounts?keys=true");
  const ids = accounts.map((a) => a.id).join();
  if (ids === state.accounts.map((a) => a.id).join() && document.querySelector("#accounts tbody tr")) {
    accounts.forEach((a, i) => { document.querySelectorAll("#accounts tbody tr")[i].lastChild.textContent = a.walletBalance; });
    state.accounts = accounts;
    return;
  }
  state.accounts = accounts;
  fill($("#accounts tbody"), accounts.map((a) => el("tr", { "data-account": a.id },
    el("td", { title: a.id }, short(a.id)), el("td", {}, a.provider), el("td", {}, a.email),
    el("td", {}, a.apiKey ? keyCell(a.apiKey) : "-"), el("td", {}, a.walletBalance))));
  for (const select of [$("#f-account"), document.querySelector("#stub-form select[name=account]")]) {
    const chosen = select.value;
    select.replaceChildren(select.options[0], ...accounts.map((a) => el("option", { value: a.id }, a.email + " (" + a.provider + ")")));
    select.value = chosen;
  }
}

// ---------------------------------------------------------------- journal

function statusMatches(wanted, status) {
  if (!wanted) return true;
  if (status === null) return wanted === "dropped";
  wanted = wanted.toLowerCase();
  return wanted.endsWith("xx") ? String(status)[0] === wanted[0] : String(status) === wanted;
}

function visible(e) {
  const account = $("#f-account").value, provider = $("#f-provider").value;
  const operation = $("#f-operation").value.trim(), status = $("#f-status").value.trim();
  return (!account || e.accountId === account) && (!provider || e.provider === provider)
    && (!operation || (e.routeId || "").includes(operation)) && statusMatches(status, e.status);
}

function markers(e) {
  const out = [];
  if (e.fault) out.push(el("span", { class: "marker fault" }, "fault " + e.fault.ruleId + " (" + e.fault.action + ")"));
  if (e.stub) out.push(el("span", { class: "marker stub" }, "stub " + e.stub.ruleId + " (" + e.stub.kind + ")"));
  if (e.rateLimited) out.push(el("span", { class: "marker" }, "rate limit " + e.rateLimited));
  return out;
}

function detailRow(e) {
  const missing = state.bodyLimit ? "(none)" : "(not kept: start the simulator with --journal-bodies)";
  const body = (label, text) => [el("b", {}, label), el("pre", {}, text === null || text === undefined ? missing : text)];
  return el("tr", { class: "detail" }, el("td", { colspan: 9 },
    el("b", {}, "query "), json(e.query), el("br"), ...body("request body", e.requestBody),
    ...body("response body", e.responseBody)));
}

function renderJournal(freshFrom) {
  const rows = [];
  for (const e of state.journal.filter(visible).slice().reverse()) {
    const statusClass = e.status === null ? "sdrop" : "s" + String(e.status)[0];
    const tr = el("tr", { "data-id": e.id, class: e.id > freshFrom ? "fresh" : "" },
      el("td", {}, e.id), el("td", {}, e.time.slice(0, 19).replace("T", " ")), el("td", {}, e.method),
      el("td", { class: "path" }, e.path), el("td", { class: "op" }, e.routeId || "-"),
      el("td", { class: "status " + statusClass }, e.status === null ? "dropped" : e.status),
      el("td", {}, e.durationMs.toFixed(1)), el("td", { title: e.accountId || "" }, short(e.accountId)),
      el("td", { class: "markers" }, ...markers(e)));
    tr.addEventListener("click", () => {
      if (state.open.has(e.id)) state.open.delete(e.id); else state.open.add(e.id);
      renderJournal(Infinity);
    });
    rows.push(tr);
    if (state.open.has(e.id)) rows.push(detailRow(e));
  }
  fill($("#journal tbody"), rows);
}

async function loadJournal() {
  const page = await api("GET", "/_sim/journal?afterId=" + state.lastId + "&limit=" + KEEP);
  if (page.held < state.journal.length || (page.held === 0 && state.journal.length)) {
    state.journal = []; state.lastId = 0; // cleared or reset elsewhere: start over
    return loadJournal();
  }
  state.bodyLimit = page.bodyLimit;
  $("#journal-stats").textContent = page.held + " held of " + page.recorded + " recorded (ring of " + page.size + ")";
  if (!page.entries.length) return;
  const freshFrom = state.lastId;
  state.journal = state.journal.concat(page.entries).slice(-KEEP);
  state.lastId = page.entries[page.entries.length - 1].id;
  renderJournal(freshFrom);
}

for (const id of ["#f-account", "#f-provider", "#f-operation", "#f-status"]) {
  $(id).addEventListener("input", () => renderJournal(Infinity));
}
$("#clear-journal").addEventListener("click", () => guarded(async () => {
  await api("DELETE", "/_sim/journal");
  state.journal = []; renderJournal(Infinity);
}));

// ---------------------------------------------------------------- fault and stub rules

function removeButton(path) {
  return el("button", { onclick: () => guarded(async () => { await api("DELETE", path); await loadRules(); }) }, "Delete");
}

async function loadRules() {
  const [faults, stubs] = await Promise.all([api("GET", "/_sim/faults"), api("GET", "/_sim/stubs")]);
  fill($("#faults tbody"), faults.faults.map((r) => el("tr", { "data-rule": r.id },
    el("td", {}, r.id), el("td", {}, r.operation || r.provider || "any"), el("td", {}, short(r.account)),
    el("td", {}, json(r.action)), el("td", {}, json(r.trigger)), el("td", {}, r.matched + " / " + r.injected),
    el("td", {}, removeButton("/_sim/faults/" + r.id)))));
  fill($("#stubs tbody"), stubs.stubs.map((r) => el("tr", { "data-rule": r.id },
    el("td", {}, r.id), el("td", {}, r.operation), el("td", {}, short(r.account)),
    el("td", {}, el("pre", {}, json(r.answer))),
    el("td", {}, (Object.keys(r.match).length ? "match " + json(r.match) + " " : "") + json(r.trigger)),
    el("td", {}, r.matched + " / " + r.applied),
    el("td", {}, removeButton("/_sim/stubs/" + r.id)))));
}

function parsed(text, what) {
  if (!text.trim()) return undefined;
  try { return JSON.parse(text); } catch (error) { throw new Error(what + " is not valid JSON: " + error.message); }
}

$("#fault-form").addEventListener("submit", (event) => guarded(async () => {
  event.preventDefault();
  const f = event.target.elements;
  const rule = { action: { status: Number(f.status.value) }, trigger: {} };
  if (f.operation.value.trim()) rule.operation = f.operation.value.trim();
  if (f.firstN.value) rule.trigger.firstN = Number(f.firstN.value);
  await api("POST", "/_sim/faults", rule);
  await loadRules();
}));

$("#stub-form").addEventListener("submit", (event) => guarded(async () => {
  event.preventDefault();
  const f = event.target.elements;
  const answer = { merge: f.merge.checked };
  if (f.status.value) answer.status = Number(f.status.value);
  const body = parsed(f.body.value, "the answer body");
  if (body !== undefined) answer.body = body;
  const rule = { operation: f.operation.value.trim(), answer, trigger: {}, match: {} };
  const match = parsed(f.match.value, "the match");
  if (match !== undefined) rule.match.body = match;
  if (f.account.value) rule.account = f.account.value;
  if (f.firstN.value) rule.trigger.firstN = Number(f.firstN.value);
  await api("POST", "/_sim/stubs", rule);
  await loadRules();
}));

// ---------------------------------------------------------------- webhooks and payment pages

async function loadDeliveries() {
  const { deliveries } = await api("GET", "/_sim/webhooks/deliveries");
  fill($("#deliveries tbody"), deliveries.slice(-100).reverse().map((d) => el("tr", {},
    el("td", {}, d.createdAt.slice(0, 19).replace("T", " ")), el("td", {}, d.event), el("td", {}, d.url || "-"),
    el("td", {}, d.status),
    el("td", {}, ...d.attempts.map((a) => el("div", {}, "#" + a.attempt + " " + (a.at || "") + " → "
      + (a.statusCode === null || a.statusCode === undefined ? (a.error || "no answer") : a.statusCode)))))));
}

async function loadPayments() {
  const { paymentLinks } = await api("GET", "/_sim/payment-links");
  fill($("#payments tbody"), paymentLinks.slice(-50).reverse().map((p) => el("tr", {},
    el("td", {}, p.createdAt.slice(0, 19).replace("T", " ")), el("td", {}, short(p.accountId)), el("td", {}, p.purpose),
    el("td", {}, p.amount), el("td", {}, p.status), el("td", {}, el("a", { href: p.page, target: "_blank" }, "open")))));
}

// ---------------------------------------------------------------- start

async function loadStatic() {
  const [{ providers }, routes] = await Promise.all([api("GET", "/_sim/providers"), api("GET", "/_sim/routes")]);
  $("#provider-docs").replaceChildren(...providers.map((p) => el("a", { href: "/_sim/openapi/" + p.name + ".json" },
    p.name + " OpenAPI")));
  $("#f-provider").append(...providers.map((p) => el("option", { value: p.name }, p.name)));
  $("#operations").replaceChildren(...[...new Set(routes.map((r) => r.operation))].sort().map((op) => el("option", { value: op })));
}

let slowTick = 0;
async function tick() {
  await guarded(async () => {
    await Promise.all([loadClock(), loadJournal()]);
    if (slowTick++ % 3 === 0) await Promise.all([loadAccounts(), loadRules(), loadDeliveries(), loadPayments()]);
  });
  setTimeout(tick, 1000);
}

guarded(loadStatic).then(tick);

// The page of dlfs/common/serve, in plain JavaScript: the drawing pad, the
// answer (probability bars, every layer's output), the backward pass, the
// training controls and charts, and the self-test run by ?selftest=1.
// Every number comes from the server's JSON API (see server.go).
"use strict";

const $ = (id) => document.getElementById(id);

// What the page knows: the network (from /api/info), the current input and
// the last answers.
const page = {
  info: null,
  source: "draw",    // "draw" or "test": what is sent to the network
  test: null,        // the picked test image: {index, label, image}
  answer: null,      // the last /api/predict answer
  grad: null,        // the last /api/backward answer
  params: {},        // cached parameters for the hover templates, by name
  paramsAge: 0,      // training iteration when params were fetched
  iter: 0,           // the training iteration the page last heard of
  steps: [],         // loss points {iter, loss}
  evals: [],         // accuracy points {iter, train, test}
  trainState: "idle",
};

// ---- JSON API ---------------------------------------------------------

async function api(path, body) {
  const opts = body === undefined ? {} : {
    method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body),
  };
  const res = await fetch(path, opts);
  const data = await res.json();
  if (!res.ok) throw new Error(data.error || res.statusText);
  return data;
}

// ---- Drawing pad --------------------------------------------------------

const pad = $("pad");
const padCtx = pad.getContext("2d", {willReadFrequently: true});
let drawing = false, last = null;

// padPoint returns the pad coordinates of a pointer event.
function padPoint(e) {
  const r = pad.getBoundingClientRect();
  return {x: (e.clientX - r.left) * pad.width / r.width, y: (e.clientY - r.top) * pad.height / r.height};
}

// strokeTo draws a line from the last point to p, with the pen MNIST's
// writers roughly had: about a tenth of the digit's height.
function strokeTo(p) {
  padCtx.lineWidth = 20;
  padCtx.lineCap = "round";
  padCtx.lineJoin = "round";
  padCtx.strokeStyle = "#000";
  padCtx.beginPath();
  padCtx.moveTo(last.x, last.y);
  padCtx.lineTo(p.x, p.y);
  padCtx.stroke();
  last = p;
}

pad.addEventListener("pointerdown", (e) => {
  e.preventDefault();
  try { pad.setPointerCapture(e.pointerId); } catch (_) { /* a synthetic pointer in the self-test */ }
  if (page.source !== "draw") clearPad();
  drawing = true;
  last = padPoint(e);
  strokeTo({x: last.x + 0.01, y: last.y}); // a dot for a click
  requestAnswer();
});
pad.addEventListener("pointermove", (e) => {
  if (!drawing) return;
  const events = e.getCoalescedEvents ? e.getCoalescedEvents() : [];
  for (const c of events.length ? events : [e]) strokeTo(padPoint(c));
  requestAnswer();
});
for (const type of ["pointerup", "pointercancel"]) {
  pad.addEventListener(type, () => { drawing = false; requestAnswer(); });
}

function clearPad() {
  padCtx.clearRect(0, 0, pad.width, pad.height);
  page.source = "draw";
  page.test = null;
  $("picked").textContent = "";
}

// padPixels returns the pad's ink, its alpha channel averaged over 2x2
// blocks: 140x140 values 0..255, row by row. Half the resolution is still
// seven times what the 20x20 box needs, and a quarter of the numbers to send.
const sendSide = 140;
function padPixels() {
  const rgba = padCtx.getImageData(0, 0, pad.width, pad.height).data;
  const f = pad.width / sendSide;
  const ink = new Array(sendSide * sendSide).fill(0);
  for (let y = 0; y < pad.height; y++) {
    for (let x = 0; x < pad.width; x++) {
      ink[Math.floor(y / f) * sendSide + Math.floor(x / f)] += rgba[4 * (y * pad.width + x) + 3];
    }
  }
  return ink.map((v) => Math.round(v / (f * f)));
}

$("clear").onclick = () => { clearPad(); requestAnswer(); };
$("pick").onclick = () => pickTest(Math.floor(Math.random() * page.info.testImages));

// pickTest loads test image index, shows it on the pad, and sends it.
async function pickTest(index) {
  const t = await api("/api/test-image?index=" + index);
  page.test = t;
  page.source = "test";
  const img = padCtx.createImageData(pad.width, pad.height);
  const scale = pad.width / 28;
  for (let y = 0; y < pad.height; y++) {
    for (let x = 0; x < pad.width; x++) {
      const v = t.image[Math.floor(y / scale) * 28 + Math.floor(x / scale)];
      img.data[4 * (y * pad.width + x) + 3] = Math.round(255 * v);
    }
  }
  padCtx.putImageData(img, 0, 0);
  $("picked").textContent = `test image ${t.index}, label ${t.label}`;
  return requestAnswer();
}

$("noise").oninput = () => { $("noise-value").textContent = $("noise").value + "%"; requestAnswer(); };
$("noise-seed").oninput = () => requestAnswer();
$("target").onchange = () => requestAnswer();
$("numerical").onchange = () => requestAnswer();

// ---- Answering ---------------------------------------------------------

// One request at a time: changes that arrive meanwhile are answered by one
// more request when it returns. requestAnswer's promise resolves when the
// page shows an answer to the input as it was when it was called.
let busy = false, again = false, waiters = [];

function requestAnswer() {
  const p = new Promise((resolve) => waiters.push(resolve));
  if (busy) { again = true; return p; }
  busy = true;
  answerLoop();
  return p;
}

async function answerLoop() {
  while (true) {
    again = false;
    const done = waiters;
    waiters = [];
    const body = inputRequest();
    try {
      const t0 = performance.now();
      page.answer = await api("/api/predict", body);
      showAnswer(page.answer);
      page.latency = performance.now() - t0;
      $("latency").textContent = `answered in ${page.latency.toFixed(0)} ms (request, network, drawing)`;
      const target = Number($("target").value);
      const back = Object.assign({}, body, {numerical: $("numerical").checked});
      if (target >= 0) back.target = target;
      page.grad = await api("/api/backward", back);
      showGrad(page.grad);
      $("answer-note").textContent = "";
    } catch (err) {
      $("answer-note").textContent = "error: " + err.message;
    }
    done.forEach((resolve) => resolve());
    if (!again) break;
  }
  busy = false;
}

// inputRequest returns the body of /api/predict for the current input.
function inputRequest() {
  const body = {noise: Number($("noise").value), seed: Math.max(0, Math.floor(Number($("noise-seed").value) || 0))};
  if (page.source === "test") body.image = page.test.image;
  else body.drawing = {width: sendSide, height: sendSide, pixels: padPixels()};
  return body;
}

function showAnswer(a) {
  drawPixels($("input"), a.input, 28, 28, "gray");
  $("input").dataset.rendered = "1";
  showBars(a.probabilities, a.class);
  showLayers(a.layers);
}

function showBars(probs, top) {
  const bars = $("bars");
  if (bars.children.length !== probs.length) {
    bars.innerHTML = "";
    probs.forEach((_, d) => {
      const row = document.createElement("div");
      row.className = "bar";
      row.innerHTML = `<span class="digit">${d}</span><span class="track"><div class="fill"></div></span><span class="value"></span>`;
      bars.appendChild(row);
    });
  }
  probs.forEach((p, d) => {
    const row = bars.children[d];
    row.classList.toggle("top", d === top);
    row.querySelector(".fill").style.width = (100 * p).toFixed(1) + "%";
    row.querySelector(".value").textContent = p > 0 && p < 0.001 ? "<0.1%" : (100 * p).toFixed(1) + "%";
  });
  bars.dataset.rendered = "1";
}

// ---- Layer views -----------------------------------------------------------

// showLayers draws every layer's output: a grid of feature maps for a
// (C, H, W) output, a grid of units for a vector.
function showLayers(layers) {
  const box = $("layers");
  if (box.children.length !== layers.length) {
    box.innerHTML = "";
    layers.forEach((l, i) => {
      const div = document.createElement("div");
      div.className = "layer";
      div.innerHTML = `<span class="name"></span><span class="shape"></span><canvas></canvas>`;
      div.querySelector("canvas").dataset.layer = i;
      box.appendChild(div);
    });
  }
  layers.forEach((l, i) => {
    const div = box.children[i];
    div.querySelector(".name").textContent = l.name;
    div.querySelector(".shape").textContent = "(" + l.shape.join(", ") + ")";
    const canvas = div.querySelector("canvas");
    drawLayer(canvas, l, i === layers.length - 1);
    div.dataset.rendered = "1";
  });
}

// layerGrid returns how a layer output is laid out: maps of h x w pixels,
// drawn `zoom` times larger, in a grid of `cols` columns.
function layerGrid(shape, isLast) {
  if (shape.length === 3) {
    const [c, h, w] = shape;
    const zoom = Math.max(1, Math.round(48 / Math.max(h, w)));
    return {maps: c, h, w, zoom, cols: Math.min(c, 10), gap: 3};
  }
  const n = shape.reduce((a, b) => a * b, 1);
  const cols = isLast || n <= 10 ? n : Math.min(n, Math.ceil(Math.sqrt(n * 2)));
  return {maps: n, h: 1, w: 1, zoom: 16, cols, gap: 2};
}

function drawLayer(canvas, layer, isLast) {
  const g = layerGrid(layer.shape, isLast);
  const rows = Math.ceil(g.maps / g.cols);
  const cw = g.cols * (g.w * g.zoom + g.gap) - g.gap;
  const ch = rows * (g.h * g.zoom + g.gap) - g.gap + (isLast ? 14 : 0);
  if (canvas.width !== cw || canvas.height !== ch) { canvas.width = cw; canvas.height = ch; }
  const ctx = canvas.getContext("2d");
  ctx.clearRect(0, 0, cw, ch);
  let peak = 1e-12;
  for (const v of layer.values) peak = Math.max(peak, Math.abs(v));
  const size = g.h * g.w;
  const img = ctx.createImageData(cw, ch);
  for (let m = 0; m < g.maps; m++) {
    const x0 = (m % g.cols) * (g.w * g.zoom + g.gap), y0 = Math.floor(m / g.cols) * (g.h * g.zoom + g.gap);
    for (let y = 0; y < g.h * g.zoom; y++) {
      for (let x = 0; x < g.w * g.zoom; x++) {
        const v = layer.values[m * size + Math.floor(y / g.zoom) * g.w + Math.floor(x / g.zoom)] / peak;
        const [r, gr, b] = diverging(v);
        const o = 4 * ((y0 + y) * cw + x0 + x);
        img.data[o] = r; img.data[o + 1] = gr; img.data[o + 2] = b; img.data[o + 3] = 255;
      }
    }
  }
  ctx.putImageData(img, 0, 0);
  if (isLast) {
    ctx.fillStyle = "#333";
    ctx.font = "11px sans-serif";
    ctx.textAlign = "center";
    for (let m = 0; m < g.maps; m++) ctx.fillText(String(m), (m % g.cols) * (g.zoom + g.gap) + g.zoom / 2, ch - 2);
  }
  canvas.dataset.rendered = "1";
  canvas.grid = g;
}

// diverging maps -1..1 to blue, white, red.
function diverging(v) {
  v = Math.max(-1, Math.min(1, v));
  if (v >= 0) return [255 - 37 * v, 255 - 231 * v, 255 - 212 * v];   // to #da1a2b
  return [255 + 222 * v, 255 + 152 * v, 255 + 75 * v];                 // to #2167b4
}

// drawPixels draws an h x w image: "gray" for 0..1 as MNIST shows it (white
// ink on black), "diverging" for signed values scaled to their peak.
function drawPixels(canvas, values, w, h, mode) {
  canvas.width = w; canvas.height = h;
  const ctx = canvas.getContext("2d");
  const img = ctx.createImageData(w, h);
  let peak = 1e-12;
  for (const v of values) peak = Math.max(peak, Math.abs(v));
  for (let i = 0; i < w * h; i++) {
    let rgb;
    if (mode === "gray") { const g = Math.round(255 * Math.max(0, Math.min(1, values[i]))); rgb = [g, g, g]; }
    else rgb = diverging(values[i] / peak);
    img.data[4 * i] = rgb[0]; img.data[4 * i + 1] = rgb[1]; img.data[4 * i + 2] = rgb[2]; img.data[4 * i + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

// ---- Hover templates ------------------------------------------------------

// A unit of the first Affine layer (and of the activation after it) has a
// template: its column of W1, an image of 784 weights. A feature map of the
// first convolution (and after its ReLU and pooling) has its filter.
// param returns a parameter's values, fetched again at most once a second
// while the network learns.
async function param(name) {
  const stale = page.paramsAge !== page.iter && performance.now() - (page.paramsTime || 0) > 1000;
  if (!page.params[name] || stale) {
    if (stale) page.params = {};
    page.paramsAge = page.iter;
    page.paramsTime = performance.now();
    page.params[name] = await api("/api/param?name=" + name);
  }
  return page.params[name];
}

// templateOf returns what the hover shows for unit (or map) k of layer i,
// or null.
async function templateOf(i, k) {
  const info = page.info;
  const second = info.layers.findIndex((l, j) => j > 0 && /^(Affine|Convolution)/.test(l.name));
  if (second >= 0 && i >= second) return null;
  const first = info.layers[0].name;
  if (first.startsWith("Affine") && info.input.length === 1 && info.input[0] === 784) {
    const w = await param("W1");
    const col = [];
    for (let r = 0; r < w.rows; r++) col.push(w.values[r * w.cols + k]);
    return {values: col, w: 28, h: 28, text: `unit ${k}: its column of W1 (784 weights)`};
  }
  if (first.startsWith("Convolution")) {
    const w = await param("W1");
    const side = Math.round(Math.sqrt(w.cols));
    if (side * side !== w.cols) return null;
    return {values: w.values.slice(k * w.cols, (k + 1) * w.cols), w: side, h: side, text: `filter ${k} of W1 (${side}x${side})`};
  }
  return null;
}

$("layers").addEventListener("mousemove", (e) => hover(e));

// hover shows the template of the unit or feature map under the mouse.
async function hover(e) {
  const canvas = e.target;
  const tip = $("tooltip");
  if (canvas.tagName !== "CANVAS" || !canvas.grid) { tip.hidden = true; return; }
  const g = canvas.grid, r = canvas.getBoundingClientRect();
  const x = (e.clientX - r.left) * canvas.width / r.width, y = (e.clientY - r.top) * canvas.height / r.height;
  const col = Math.floor(x / (g.w * g.zoom + g.gap)), row = Math.floor(y / (g.h * g.zoom + g.gap));
  const k = row * g.cols + col;
  if (col >= g.cols || k >= g.maps) { tip.hidden = true; return; }
  const t = await templateOf(Number(canvas.dataset.layer), k);
  if (!t) { tip.hidden = true; return; }
  drawPixels($("tooltip-canvas"), t.values, t.w, t.h, "diverging");
  $("tooltip-text").textContent = t.text;
  tip.style.left = (e.clientX + 16) + "px";
  tip.style.top = (e.clientY + 16) + "px";
  tip.hidden = false;
  tip.dataset.rendered = "1";
}
$("layers").addEventListener("mouseleave", () => { $("tooltip").hidden = true; });

// ---- Backward ----------------------------------------------------------------

function showGrad(b) {
  drawPixels($("input-grad"), b.inputGrad, 28, 28, "diverging");
  $("input-grad").dataset.rendered = "1";
  $("grad-caption").textContent = `dL/dx for class ${b.target} (loss ${num(b.loss)}): ` +
    "blue pixels, inked more, would make the network surer of it; red ones less sure.";
  const box = $("grad-norms");
  box.innerHTML = "";
  const logs = b.layers.map((l) => Math.log10(Math.max(l.norm, 1e-12)));
  const lo = Math.min(...logs) - 0.5, hi = Math.max(...logs);
  b.layers.forEach((l, i) => {
    const row = document.createElement("div");
    row.className = "norm";
    const ps = l.params.map((p) => `|dL/d${p.name}| ${p.norm.toExponential(2)}`).join("  ");
    const width = hi > lo ? 100 * (logs[i] - lo) / (hi - lo) : 100;
    row.innerHTML = `<span class="label">${l.name}</span><span class="track"><div class="fill" style="width:${width.toFixed(1)}%"></div></span>` +
      `<span class="value">${l.norm.toExponential(2)}</span><span class="params">${ps}</span>`;
    box.appendChild(row);
  });
  box.dataset.rendered = "1";
  const table = $("numerical-table");
  table.hidden = $("numerical-note").hidden = !b.numerical;
  if (b.numerical) {
    table.tBodies[0].innerHTML = b.numerical.map((n) => {
      const rel = Math.abs(n.backprop - n.numerical) / Math.max(Math.abs(n.backprop) + Math.abs(n.numerical), 1e-12);
      return `<tr><td>(${Math.floor(n.pixel / 28)}, ${n.pixel % 28})</td><td>${n.backprop.toExponential(6)}</td>` +
        `<td>${n.numerical.toExponential(6)}</td><td>${rel.toExponential(1)}</td></tr>`;
    }).join("");
  }
}

// num formats a loss: fixed for ordinary sizes, exponent for tiny ones.
function num(v) {
  return Math.abs(v) >= 1e-3 || v === 0 ? v.toFixed(4) : v.toExponential(2);
}

// ---- Training -----------------------------------------------------------------

const defaultLR = {SGD: 0.1, Momentum: 0.01, Nesterov: 0.01, AdaGrad: 0.01, RMSprop: 0.001, Adam: 0.001};
$("optimizer").onchange = () => { $("lr").value = defaultLR[$("optimizer").value] || 0.01; };

async function train(action) {
  const body = {action};
  if (action === "start") {
    body.optimizer = $("optimizer").value;
    body.lr = Number($("lr").value);
  }
  try {
    showState(await api("/api/train", body));
  } catch (err) {
    $("train-state").textContent = "error: " + err.message;
  }
}
for (const action of ["start", "pause", "resume", "reset"]) $(action).onclick = () => train(action);

function showState(s) {
  page.trainState = s.state;
  page.iter = s.iter;
  const can = page.info && page.info.canTrain;
  $("start").disabled = !can || s.state !== "idle";
  $("pause").disabled = s.state !== "running";
  $("resume").disabled = s.state !== "paused";
  $("optimizer").disabled = $("lr").disabled = s.state !== "idle";
  if (s.state === "idle") { page.steps = []; page.evals = []; drawCharts(); }
  if (s.optimizer) { $("optimizer").value = s.optimizer; $("lr").value = s.lr; }
  showWeights(s);
  let text = can ? `${s.state}, iteration ${s.iter}` : "no training set given to this server";
  if (s.message) text += ": " + s.message;
  $("train-state").textContent = text;
}

// listen follows the training events; with once it reads the run so far
// and stops (a headless screenshot waits for open connections to end).
// showWeights says in the header where the weights come from, and how far
// the page's training has taken them.
function showWeights(s) {
  const info = page.info;
  if (!info) return;
  let text = info.trained ? "weights: " + info.weights
    : "untrained: the weights are the initial random ones; press Train below to teach it";
  if (s.iter > 0) {
    text = (info.trained ? "started from " + info.weights : "started untrained") +
      `; trained here for ${s.iter} iterations (${s.optimizer}, learning rate ${s.lr})`;
  }
  $("weights").textContent = text;
}

function listen(once) {
  const es = new EventSource("/api/events");
  es.addEventListener("history", (e) => {
    if (once) es.close();
    const h = JSON.parse(e.data);
    page.steps = h.steps; page.evals = h.evals;
    showState(h.state);
    drawCharts();
  });
  es.addEventListener("state", (e) => { showState(JSON.parse(e.data)); requestAnswer(); });
  es.addEventListener("step", (e) => {
    const s = JSON.parse(e.data);
    if (page.steps.length && s.iter <= page.steps[page.steps.length - 1].iter) return;
    page.steps = appendCapped(page.steps, s);
    page.iter = s.iter;
    $("train-state").textContent = `${page.trainState}, iteration ${s.iter} (epoch ${s.epoch.toFixed(2)}), loss ${s.loss.toFixed(4)}`;
    scheduleRefresh();
  });
  es.addEventListener("eval", (e) => {
    const v = JSON.parse(e.data);
    if (page.evals.length && v.iter <= page.evals[page.evals.length - 1].iter) return;
    page.evals = appendCapped(page.evals, v);
    drawCharts();
  });
}

// appendCapped appends v to points, first dropping every other point (those
// at odd indices) once there are info.maxHistory of them: the server's rule
// (appendCapped in train.go), so that a long run keeps few points and a page
// that connects late draws the same charts.
function appendCapped(points, v) {
  const cap = page.info ? page.info.maxHistory : 4000;
  if (points.length >= cap) points = points.filter((_, i) => i % 2 === 0);
  points.push(v);
  return points;
}

// While the network learns, the current input is answered again, at most
// a few times a second, and the charts redrawn.
let refreshTimer = null;
function scheduleRefresh() {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => { refreshTimer = null; drawCharts(); requestAnswer(); }, 250);
}

// ---- Charts ---------------------------------------------------------------------

function drawCharts() {
  const n = page.info ? page.info.evalSize : 1000;
  drawChart($("loss-chart"), "training loss (mean over the steps between points)",
    [{color: "#d84315", label: "loss", points: page.steps.map((s) => [s.iter, s.loss])}], false);
  drawChart($("acc-chart"), `accuracy on the first ${n} images of each set`,
    [{color: "#1e88e5", label: "train", points: page.evals.map((v) => [v.iter, v.train])},
     {color: "#ef6c00", label: "test", points: page.evals.map((v) => [v.iter, v.test])}], true);
}

// drawChart draws line series on canvas with axes; unit makes the y axis 0..1.
function drawChart(canvas, title, series, unit) {
  const ctx = canvas.getContext("2d");
  const W = canvas.width, H = canvas.height, L = 50, R = 12, T = 24, B = 30;
  ctx.clearRect(0, 0, W, H);
  ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = "#333"; ctx.font = "12px sans-serif"; ctx.textAlign = "left";
  ctx.fillText(title, L, 15);
  const all = series.flatMap((s) => s.points);
  // Before any training the axes show the range a run will start in: 100
  // iterations, and a loss up to ln 10 = 2.30, that of a uniform guess.
  let xmax = all.length ? Math.max(1, ...all.map((p) => p[0])) : 100;
  let ymin = 0, ymax = unit ? 1 : (all.length ? Math.max(1e-9, ...all.map((p) => p[1])) : 2.5);
  if (unit && all.length) ymin = Math.max(0, Math.floor(10 * Math.min(...all.map((p) => p[1]))) / 10);
  const X = (x) => L + (W - L - R) * x / xmax, Y = (y) => H - B - (H - T - B) * (y - ymin) / (ymax - ymin);
  ctx.strokeStyle = "#ccc"; ctx.lineWidth = 1; ctx.fillStyle = "#555"; ctx.textAlign = "right";
  for (let i = 0; i <= 4; i++) {
    const y = ymin + (ymax - ymin) * i / 4;
    ctx.beginPath(); ctx.moveTo(L, Y(y)); ctx.lineTo(W - R, Y(y)); ctx.stroke();
    ctx.fillText(y.toPrecision(3), L - 4, Y(y) + 4);
  }
  ctx.textAlign = "center";
  for (let i = 0; i <= 4; i++) ctx.fillText(String(Math.round(xmax * i / 4)), X(xmax * i / 4), H - B + 14);
  ctx.fillText("iteration", L + (W - L - R) / 2, H - 3);
  series.forEach((s, k) => {
    ctx.strokeStyle = s.color; ctx.lineWidth = 1.5;
    ctx.beginPath();
    s.points.forEach((p, i) => (i ? ctx.lineTo(X(p[0]), Y(p[1])) : ctx.moveTo(X(p[0]), Y(p[1]))));
    ctx.stroke();
    ctx.fillStyle = s.color; ctx.textAlign = "left";
    const lastPoint = s.points[s.points.length - 1];
    const ly = unit ? H - B - 10 - 14 * (series.length - 1 - k) : T + 14 + 14 * k; // away from the lines
    ctx.fillText(s.label + (lastPoint ? " " + lastPoint[1].toFixed(unit ? 3 : 4) : ""), W - R - 110, ly);
  });
  canvas.dataset.rendered = "1";
}

// ---- Start ------------------------------------------------------------------------

async function start() {
  const info = await api("/api/info");
  page.info = info;
  $("title").textContent = info.title || "dlfs";
  document.title = "dlfs: " + (info.title || "see it think");
  showWeights({state: "idle", iter: 0});
  for (let d = 0; d < 10; d++) $("target").add(new Option(String(d), String(d)));
  for (const name of info.optimizers) $("optimizer").add(new Option(name, name));
  $("optimizer").value = "SGD";
  $("pick").disabled = !info.testImages;
  $("hover-hint").textContent = info.layers[0].name.startsWith("Affine")
    ? "Hover over a unit of the first hidden layer to see its template, its column of W1."
    : "Hover over a feature map of the first convolution to see its filter.";
  showState({state: "idle", iter: 0});
  drawCharts();
  if (new URLSearchParams(location.search).has("selftest")) return selftest();
  listen();
  await requestAnswer();
}

// ---- Self-test -----------------------------------------------------------------------

// selftest loads test image 0, then draws a 7 through the pad's own pointer
// handlers, with the numerical gradient on, and writes what the page showed
// into #selftest as JSON for the Go test (which reads it with chromium
// --dump-dom). With &history=1 it then draws the training run so far, for
// screenshots.
async function selftest() {
  const out = {};
  try {
    await pickTest(0);
    out.test = summary();
    out.test.label = page.test.label;
    $("numerical").checked = true;
    clearPad();
    const r = pad.getBoundingClientRect();
    const at = (x, y) => ({clientX: r.left + x * r.width / pad.width, clientY: r.top + y * r.height / pad.height,
      pointerId: 7, pointerType: "pen", isPrimary: true, buttons: 1, bubbles: true});
    const stroke = (points) => {
      pad.dispatchEvent(new PointerEvent("pointerdown", at(...points[0])));
      for (const p of points.slice(1)) pad.dispatchEvent(new PointerEvent("pointermove", at(...p)));
      pad.dispatchEvent(new PointerEvent("pointerup", at(...points[points.length - 1])));
    };
    const line = (x0, y0, x1, y1, n) => Array.from({length: n + 1}, (_, i) => [x0 + (x1 - x0) * i / n, y0 + (y1 - y0) * i / n]);
    stroke(line(80, 60, 200, 60, 12).concat(line(200, 60, 125, 240, 18).slice(1)));
    await requestAnswer();
    out.drawn = summary();
    out.drawn.inkPixels = padPixels().filter((v) => v > 0).length;
    out.numerical = page.grad.numerical;
    out.layers = [...$("layers").children].map((d) => ({
      name: d.querySelector(".name").textContent,
      rendered: d.dataset.rendered === "1" && d.querySelector("canvas").dataset.rendered === "1",
      width: d.querySelector("canvas").width,
    }));
    out.expectedLayers = page.info.layers.map((l) => l.name);
    // Hover over unit (or map) 3 of the first layer: its template appears.
    const c = $("layers").children[0].querySelector("canvas"), g = c.grid, cr = c.getBoundingClientRect();
    const k = 3, hx = (k % g.cols) * (g.w * g.zoom + g.gap) + g.w * g.zoom / 2, hy = Math.floor(k / g.cols) * (g.h * g.zoom + g.gap) + g.h * g.zoom / 2;
    c.dispatchEvent(new MouseEvent("mousemove", {clientX: cr.left + hx * cr.width / c.width, clientY: cr.top + hy * cr.height / c.height, bubbles: true}));
    for (let i = 0; i < 100 && $("tooltip").hidden; i++) await new Promise((ok) => setTimeout(ok, 20));
    out.hover = {shown: !$("tooltip").hidden, text: $("tooltip-text").textContent};
    out.views = {};
    for (const id of ["input", "bars", "input-grad", "grad-norms"]) out.views[id] = $(id).dataset.rendered === "1";
    out.ok = true;
  } catch (err) {
    out.ok = false;
    out.error = String(err && err.stack || err);
  }
  const pre = $("selftest");
  pre.textContent = JSON.stringify(out);
  pre.dataset.done = "1";
  if (new URLSearchParams(location.search).has("history")) listen(true);
}

// summary returns what the page shows for the current input.
function summary() {
  return {class: page.answer.class, probabilities: page.answer.probabilities, latencyMs: page.latency,
    inputSum: page.answer.input.reduce((a, b) => a + b, 0), target: page.grad.target};
}

start().catch((err) => {
  $("answer-note").textContent = "error: " + err.message;
  const pre = $("selftest");
  pre.textContent = JSON.stringify({ok: false, error: String(err)});
  pre.dataset.done = "1";
});

// The app works without this script; with it, the preview updates by itself, contact rows
// are added and removed at once, a list shows its progress, and materials reload on edits.
"use strict";
(function () {
  var DELAY = 600;

  function swapLive(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    fresh.querySelectorAll("[data-live][id]").forEach(function (el) {
      var here = document.getElementById(el.id);
      if (here) { here.innerHTML = el.innerHTML; }
    });
    fresh.querySelectorAll("#card-form [id]").forEach(function (el) {
      var here = document.getElementById(el.id);
      if (!here || !/^(INPUT|TEXTAREA|SELECT|FIELDSET)$/.test(el.tagName)) { return; }
      ["aria-invalid", "aria-describedby"].forEach(function (name) {
        if (el.hasAttribute(name)) { here.setAttribute(name, el.getAttribute(name)); }
        else { here.removeAttribute(name); }
      });
    });
  }

  function cardForm(form) {
    var timer = null, running = null, preview = document.getElementById("preview");
    function update() {
      var data = new FormData(form);
      data.set("action", "preview");
      if (running) { running.abort(); }
      running = new AbortController();
      preview.classList.add("busy");
      fetch(form.getAttribute("action"), { method: "POST", body: new URLSearchParams(data), signal: running.signal,
        headers: { "Accept": "text/html" } })
        .then(function (r) { return r.text(); })
        .then(function (html) { swapLive(html); preview.classList.remove("busy"); })
        .catch(function () { preview.classList.remove("busy"); });
    }
    function later() { clearTimeout(timer); timer = setTimeout(update, DELAY); }
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    form.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) { return; }
      if (button.hasAttribute("data-add-contact")) { event.preventDefault(); addContact(form); later(); }
      else if (/^remove-contact-/.test(button.value || "") || button.hasAttribute("data-remove-contact")) {
        event.preventDefault(); removeContact(form, button.closest("[data-contact]")); later();
      } else if (button.value === "preview") {
        event.preventDefault(); clearTimeout(timer); update();
        if (window.innerWidth < 1024) { preview.scrollIntoView(); }
      }
    });
  }

  function renumber(form) {
    var rows = form.querySelectorAll("[data-contact]"), template = document.getElementById("contact-template");
    var word = template.content.querySelector("legend").firstChild.textContent.trim();
    var removeWord = template.content.querySelector("[data-remove-contact]").textContent.trim();
    rows.forEach(function (row, i) {
      row.querySelector("legend").textContent = word + " " + (i + 1);
      ["role", "name", "phone"].forEach(function (part, j) {
        var input = row.querySelectorAll("input[type=text]")[j], label = row.querySelectorAll("label")[j];
        input.id = "f-contact-" + i + "-" + part; input.name = "contact-" + i + "-" + part;
        label.setAttribute("for", input.id);
      });
      var remove = row.querySelector("button");
      remove.textContent = removeWord + " " + (i + 1);
      remove.value = "remove-contact-" + i;
    });
    form.querySelector("input[name=contacts]").value = rows.length;
    var add = form.querySelector("[data-add-contact]");
    if (add) { add.hidden = rows.length >= 5; }
  }

  function addContact(form) {
    var template = document.getElementById("contact-template"), rows = form.querySelector(".contact-rows");
    var row = template.content.firstElementChild.cloneNode(true);
    rows.appendChild(row);
    renumber(form);
    row.querySelector("input").focus();
  }

  function removeContact(form, row) {
    var next = row.nextElementSibling || row.previousElementSibling;
    row.remove();
    renumber(form);
    var target = next ? next.querySelector("input") : form.querySelector("[data-add-contact]");
    if (target) { target.focus(); }
  }

  function batchForm(form) {
    var box = document.getElementById("progress"), bar = document.getElementById("progress-bar");
    var text = document.getElementById("progress-text"), result = document.getElementById("result");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      box.hidden = false; bar.value = 0; text.textContent = ""; result.innerHTML = "";
      fetch(form.getAttribute("action"), { method: "POST", body: new FormData(form), headers: { "Accept": "application/x-ndjson" } })
        .then(function (response) {
          var type = response.headers.get("content-type") || "";
          if (type.indexOf("ndjson") < 0) {
            return response.text().then(function (html) { box.hidden = true; swapBatch(html); });
          }
          var reader = response.body.getReader(), decoder = new TextDecoder(), buffer = "";
          function pump() {
            return reader.read().then(function (part) {
              buffer += decoder.decode(part.value || new Uint8Array(), { stream: !part.done });
              var lines = buffer.split("\n"); buffer = lines.pop();
              lines.forEach(function (line) { if (line) { handle(JSON.parse(line)); } });
              if (!part.done) { return pump(); }
            });
          }
          return pump();
        })
        .catch(function () { box.hidden = true; form.submit(); });
    });
    function handle(message) {
      if (message.total !== undefined) {
        bar.max = message.total; bar.value = message.done;
        text.textContent = message.done + " / " + message.total;
      }
      if (message.html !== undefined) {
        box.hidden = true;
        if (message.error) {
          document.getElementById("f-list-slot").innerHTML = message.html;
          var input = document.getElementById("f-list");
          input.setAttribute("aria-invalid", "true");
          input.setAttribute("aria-describedby", "f-list-hint f-list-error");
          input.focus();
          return;
        }
        result.innerHTML = message.html;
        var link = document.getElementById("zip-link");
        if (link && message.zip) {
          var bytes = Uint8Array.from(atob(message.zip), function (c) { return c.charCodeAt(0); });
          link.href = URL.createObjectURL(new Blob([bytes], { type: "application/zip" }));
        }
        var title = document.getElementById("result-title");
        if (title) { title.focus(); }
      }
    }
    function swapBatch(html) {
      var fresh = new DOMParser().parseFromString(html, "text/html");
      ["f-list-slot", "result"].forEach(function (id) {
        var el = fresh.getElementById(id);
        if (el) { document.getElementById(id).innerHTML = el.innerHTML; }
      });
      var input = document.getElementById("f-list"), old = fresh.getElementById("f-list");
      if (old && old.getAttribute("aria-invalid")) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", old.getAttribute("aria-describedby"));
        input.focus();
      }
    }
  }

  function material(box) {
    var address = box.getAttribute("data-watch");
    if (!address || !window.EventSource) { return; }
    var seen = box.getAttribute("data-generation"), source = new EventSource(address);
    source.addEventListener("build", function (event) {
      if (event.data !== seen) { source.close(); window.location.reload(); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var card = document.getElementById("card-form");
    if (card) { cardForm(card); }
    var batch = document.getElementById("batch-form");
    if (batch) { batchForm(batch); }
    var box = document.getElementById("material");
    if (box) { material(box); }
  });
})();

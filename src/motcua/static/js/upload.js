/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Drag and drop + progress bar for the wizard's paper uploads (progressive enhancement).
   Without this file each paper has a plain file input and an "Upload" button; the server
   checks every file (size, type, content) whatever the browser says. CSP: loaded from 'self'. */
(function () {
  "use strict";

  function setStatus(form, text, isError) {
    var status = form.querySelector("[data-upload-status]");
    if (!status) { return; }
    status.textContent = text;
    status.classList.toggle("is-error", !!isError);
  }

  function send(form, file) {
    var progress = form.querySelector("progress");
    var max = parseInt(form.getAttribute("data-max-bytes") || "0", 10);
    if (max && file.size > max) {
      setStatus(form, form.getAttribute("data-too-large") || "Too large", true);
      return;
    }
    var data = new FormData(form);
    data.set("file", file, file.name);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    if (progress) { progress.hidden = false; progress.value = 0; }
    xhr.upload.addEventListener("progress", function (event) {
      if (progress && event.lengthComputable) {
        progress.value = Math.round((event.loaded / event.total) * 100);
      }
    });
    xhr.addEventListener("load", function () {
      var body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
      if (xhr.status === 200 && body && body.ok) {
        if (progress) { progress.value = 100; }
        setStatus(form, (form.getAttribute("data-done") || "") + " " + body.name, false);
        window.location.reload();
      } else {
        if (progress) { progress.hidden = true; }
        var errors = body && body.errors ? body.errors.join(" ") : (form.getAttribute("data-failed") || "Error");
        setStatus(form, errors, true);
      }
    });
    xhr.addEventListener("error", function () {
      if (progress) { progress.hidden = true; }
      setStatus(form, form.getAttribute("data-failed") || "Error", true);
    });
    xhr.send(data);
  }

  function enhance(form) {
    var input = form.querySelector("input[type=file]");
    var zone = form.querySelector(".dropzone") || form;
    if (!input) { return; }
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("is-dragover");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("is-dragover"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) {
        send(form, event.dataTransfer.files[0]);
      }
    });
    form.addEventListener("submit", function (event) {
      if (input.files && input.files.length && window.FormData && window.XMLHttpRequest) {
        event.preventDefault();
        send(form, input.files[0]);
      }
    });
  }

  function init() {
    var forms = document.querySelectorAll("form[data-upload]");
    for (var i = 0; i < forms.length; i += 1) { enhance(forms[i]); }
    // A submit button marked data-once is disabled after the first click (the server is
    // idempotent anyway: the draft's key makes a second submission return the same dossier).
    document.addEventListener("submit", function (event) {
      var button = event.target.querySelector("button[data-once]");
      if (button) {
        window.setTimeout(function () { button.disabled = true; }, 0);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

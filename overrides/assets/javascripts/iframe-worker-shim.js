/*!
 * iframe-worker-shim.js - a Web Worker stand-in for pages opened from file://
 *
 * Derived from iframe-worker 1.0.4 (npm, https://github.com/squidfunk/iframe-worker)
 * Copyright (c) 2020-2022 Martin Donath - MIT licence, full text in
 * LICENSE-iframe-worker.txt next to this file.
 *
 * Why not the npm file as is: its shim document.write()s an inline <script>
 * into the iframe, and an about:blank iframe inherits the page's
 * Content-Security-Policy, so the worker never starts under
 * script-src 'self'. This version builds the worker scope from the parent
 * (no inline script, no eval, no document.write), loads the worker with an
 * ordinary <script src>, and does not take over window.onmessage/onerror.
 *
 * Loaded by iframe-worker-loader.js (listed in extra.polyfills), and only
 * for pages opened from file://; over http(s) this file is never fetched.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:") return; // real Workers work over http(s)

  function loadScript(doc, url) {
    return new Promise(function (resolve, reject) {
      var script = doc.createElement("script");
      script.src = url;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("Failed to load " + url)); };
      (doc.body || doc.documentElement).appendChild(script);
    });
  }

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      var worker = this;
      var src = new URL(String(url), document.baseURI).href;
      this.url = src;
      this.onmessage = null;
      this.onerror = null;

      /* A hidden, same-origin about:blank iframe hosts the worker script */
      var iframe = document.createElement("iframe");
      iframe.hidden = true;
      iframe.tabIndex = -1;
      iframe.setAttribute("aria-hidden", "true");
      iframe.title = "Search";
      document.body.appendChild(iframe);
      this.iframe = iframe;
      var scope = iframe.contentWindow;
      var doc = scope.document;

      /* Worker-global API, installed from here instead of an inline script */
      scope.postMessage = function (data) {
        var copy = structuredClone(data);
        setTimeout(function () {
          worker._dispatch(new MessageEvent("message", { data: copy }));
        }, 0);
      };
      scope.importScripts = function () {
        var urls = Array.prototype.slice.call(arguments);
        return urls.reduce(function (chain, u) {
          return chain.then(function () { return loadScript(doc, new URL(u, src).href); });
        }, Promise.resolve());
      };
      scope.addEventListener("error", function (ev) {
        worker._dispatch(new ErrorEvent("error", {
          message: ev.message, filename: ev.filename,
          lineno: ev.lineno, colno: ev.colno, error: ev.error
        }));
      });

      this._ready = loadScript(doc, src);
      this._ready.catch(function (err) {
        worker._dispatch(new ErrorEvent("error", { message: err.message, filename: src, error: err }));
      });
    }

    _dispatch(ev) {
      this.dispatchEvent(ev);
      var handler = ev.type === "message" ? this.onmessage : this.onerror;
      if (typeof handler === "function") handler.call(this, ev);
    }

    postMessage(data) {
      var iframe = this.iframe;
      var copy = structuredClone(data);
      this._ready.then(function () {
        var scope = iframe.contentWindow;
        if (scope) scope.dispatchEvent(new scope.MessageEvent("message", { data: copy }));
      }, function () {});
    }

    terminate() {
      this.iframe.remove();
    }
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();

/*
 * digest: a stand-in for Web Workers when a page is opened straight from disk (file://).
 *
 * Browsers refuse `new Worker(url)` for a file:// script, and Material's search runs in a
 * worker, so without this the search box disappears offline. Here the worker script runs in
 * a hidden same-origin iframe instead: the page's messages are dispatched in the iframe as
 * "message" events, the script's postMessage() calls come back as events on this object,
 * and importScripts() becomes script tags. Over HTTP the native Worker is left alone.
 * (Material's offline plugin looks for "iframe-worker" in this file's name.)
 */
(function () {
  "use strict";
  if (typeof window === "undefined" || window.location.protocol !== "file:") {
    return;
  }

  function loadScript(doc, src) {
    return new Promise(function (resolve, reject) {
      var script = doc.createElement("script");
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("cannot load " + src)); };
      doc.head.appendChild(script);
    });
  }

  class IframeWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this._queue = [];
      this._ready = false;

      var frame = document.createElement("iframe");
      frame.hidden = true;
      frame.setAttribute("aria-hidden", "true");
      frame.tabIndex = -1;
      (document.body || document.documentElement).appendChild(frame);
      this._frame = frame;

      var scope = frame.contentWindow;
      var doc = frame.contentDocument;
      var worker = this;
      var base = new URL(url, window.location.href).href;

      // The worker's global postMessage() answers the page.
      scope.postMessage = function (data) {
        setTimeout(function () { worker._emit("message", data); }, 0);
      };
      scope.importScripts = function () {
        var urls = Array.prototype.slice.call(arguments);
        return urls.reduce(function (done, src) {
          return done.then(function () {
            return loadScript(doc, new URL(src, base).href);
          });
        }, Promise.resolve());
      };
      scope.close = function () { worker.terminate(); };

      loadScript(doc, base).then(function () {
        worker._ready = true;
        var queued = worker._queue;
        worker._queue = [];
        queued.forEach(function (data) { worker.postMessage(data); });
      }, function (error) {
        worker._emit("error", error);
      });
    }

    postMessage(data) {
      if (!this._ready) {
        this._queue.push(data);
        return;
      }
      var scope = this._frame.contentWindow;
      scope.dispatchEvent(new scope.MessageEvent("message", { data: data }));
    }

    terminate() {
      if (this._frame && this._frame.parentNode) {
        this._frame.parentNode.removeChild(this._frame);
      }
    }

    _emit(type, data) {
      var event = type === "message"
        ? new MessageEvent("message", { data: data })
        : new ErrorEvent("error", { error: data, message: String(data) });
      var handler = type === "message" ? this.onmessage : this.onerror;
      if (typeof handler === "function") {
        handler.call(this, event);
      }
      this.dispatchEvent(event);
    }
  }

  window.Worker = IframeWorker;
})();

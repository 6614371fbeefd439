// Computes uncertainty bands off the page's thread, so sliders stay responsive.
"use strict";
importScripts("site.js", "model.js", "bands.js");
self.onmessage = (e) => {
  const r = self.dlabBands.compute(self.DLAB_SITE, self.dlabModel, e.data.levers, e.data.slots);
  r.seq = e.data.seq;
  self.postMessage(r);
};

// Computes uncertainty bands off the page's thread, so sliders stay responsive. A message is
// {id, levers, slots}; the answer carries the same id (publish/inpage-api.js matches them up).
"use strict";
importScripts("site.js", "model.js", "bands.js");
self.onmessage = (e) => {
  const r = self.dlabBands.compute(self.DLAB_SITE, self.dlabModel, e.data.levers, e.data.slots);
  r.id = e.data.id;
  self.postMessage(r);
};

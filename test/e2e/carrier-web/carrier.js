// Nothing to do: this extension only carries the web e2e suite (see package.json).
exports.activate = () => {};

// The built addon (node-gyp puts it in build/Release).
module.exports = require('./build/Release/malloc_trim.node');

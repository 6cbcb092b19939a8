// Stands in for the XML helper the open311 package fetches from a git address: the tests
// use that client with JSON only, so reaching XML here is a test error.
module.exports = {
  parseXml: function () {
    throw new Error("sparkxml: XML is read by the georeport client in these tests");
  },
};

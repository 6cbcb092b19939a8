// Stands in for the XML helper the open311 package fetches from a git address: the tests
// use that client with JSON only, so reaching XML here is a test error.
module.exports = {
  toJson: function () {
    throw new Error("xml2json: XML is read by the georeport client in these tests");
  },
};

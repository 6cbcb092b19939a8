// An app as Open311 apps are written, with Code for America's client (npm: open311):
// reads the services and a service's definition, submits a concern with its API key and
// reads the request back. Prints one JSON document of what it saw, for the Rust test.
//
//   node app.js ENDPOINT API_KEY SERVICE_CODE DESCRIPTION [ATTRIBUTE=VALUE ...]
"use strict";

const Open311 = require("open311");

const [endpoint, apiKey, serviceCode, description, ...attributes] = process.argv.slice(2);
const client = new Open311({ endpoint, apiKey, format: "json" });

function call(method, ...args) {
  return new Promise((resolve, reject) => {
    client[method](...args, (error, data) => (error ? reject(new Error(String(data))) : resolve(data)));
  });
}

async function main() {
  const services = await call("serviceList");
  const definition = await call("serviceDefinition", serviceCode);
  const submitted = await call("submitRequest", {
    service_code: serviceCode,
    description,
    lat: 50.7753,
    long: 6.0839,
    address_string: "Adalbertsteinweg 100",
    attributes: Object.fromEntries(attributes.map((a) => a.split("="))),
  });
  const id = submitted[0].service_request_id;
  const read = await call("serviceRequest", id, { api_key: apiKey });
  process.stdout.write(JSON.stringify({ services, definition, submitted, read }));
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});

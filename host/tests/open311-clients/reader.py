"""A reader of an Open311 endpoint with the georeport client (PyPI: georeport): the service
list, a service's definition, the request list and one request, each in JSON and in XML.
Prints one JSON document of what it read, for the Rust test.

    python3 reader.py ENDPOINT SERVICE_CODE SERVICE_REQUEST_ID
"""

import json
import sys

from georeport import GeoReport

endpoint, service_code, request_id = sys.argv[1:4]
seen = {}
for output_format in ("json", "xml"):
    client = GeoReport(endpoint, output_format=output_format)
    seen[output_format] = {
        "services": client.get_service_list(),
        "definition": client.get_service_definition(service_code),
        "requests": client.get_service_requests(service_code=service_code),
        "request": client.get_service_request(request_id),
    }
json.dump(seen, sys.stdout)

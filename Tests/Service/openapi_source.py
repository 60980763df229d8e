"""Writes Sources/GiftwiseServer/OpenAPIDocument.swift (the document served at /openapi.json).
Edit the dictionary here and run: python3 Tests/Service/openapi_source.py"""
import json
P = lambda ref: {"$ref": "#/components/responses/" + ref}
def problem(desc): return {"description": desc, "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
def ok(schema, desc): return {"description": desc, "content": {"application/json": {"schema": schema}}}
etag_headers = {"ETag": {"schema": {"type": "string"}, "description": "A strong entity tag of the body."},
                "Cache-Control": {"schema": {"type": "string"}, "description": "no-cache: keep it, but ask again (If-None-Match) before reuse."}}
def cacheable(response): return {**response, "headers": etag_headers}
ref = lambda n: {"$ref": "#/components/schemas/" + n}
std = {"400": P("BadRequest"), "404": P("NotFound"), "405": P("MethodNotAllowed")}
body_errors = {"413": P("TooLarge"), "415": P("UnsupportedMediaType")}
purpose = {"type": "string", "enum": ["educational", "crafty", "sporty", "fun"]}
strlist = lambda desc: {"type": "array", "items": {"type": "string", "maxLength": 100}, "maxItems": 20, "description": desc}
doc = {
  "openapi": "3.0.3",
  "info": {"title": "Giftwise", "version": "1.0.0",
           "description": "Gift recommendations for a recipient's reasons, the question flow, and catalog updates. "
                          "Every error is an RFC 9457 problem document (application/problem+json). "
                          "Unknown query parameters are refused (400) and named. Bodies are limited to 64 kB, catalog uploads to 100 MB. "
                          "Every response carries X-Request-Id (a caller's own X-Request-Id is kept when it is 1-64 characters of A-Z a-z 0-9 - _ .). "
                          "Every GET also answers HEAD. Recommendations, flow steps, stats and this document carry a strong ETag and "
                          "Cache-Control: no-cache; a GET with a matching If-None-Match gets 304. A client that sends its headers or body too "
                          "slowly gets 408 and the connection is closed."},
  "servers": [{"url": "/"}],
  "paths": {
    "/health": {"get": {"operationId": "health", "summary": "Liveness and readiness: the catalog is open.",
        "responses": {"200": ok(ref("Health"), "The catalog is open."), **std}}},
    "/v1/recommendations": {
      "get": {"operationId": "recommendGet", "summary": "Recommend gifts for a profile given as query parameters.",
        "description": "The body is byte for byte what `giftwise recommend --format json` prints for the same profile and catalog.",
        "parameters": [
          {"name": "age", "in": "query", "required": True, "schema": {"type": "number", "minimum": 0, "maximum": 120}, "description": "Age in years (1.5 = 18 months)."},
          {"name": "interest", "in": "query", "style": "form", "explode": True, "schema": strlist("Something they enjoy (repeat the parameter for several).")},
          {"name": "purpose", "in": "query", "style": "form", "explode": True, "schema": {"type": "array", "items": purpose, "maxItems": 4}},
          {"name": "budget", "in": "query", "schema": {"type": "number", "minimum": 0, "maximum": 1000000000}, "description": "The most to spend."},
          {"name": "budgetMin", "in": "query", "schema": {"type": "number", "minimum": 0, "maximum": 1000000000}, "description": "The least to spend (not above budget)."},
          {"name": "exclude", "in": "query", "style": "form", "explode": True, "schema": strlist("A word to avoid, or a product id they own.")},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 5}},
          {"name": "currency", "in": "query", "schema": {"type": "string", "pattern": "^[A-Za-z]{3}$"}, "description": "The budget's currency (ISO 4217, e.g. GBP); default: the catalog's main currency."},
          {"name": "If-None-Match", "in": "header", "schema": {"type": "string"}, "description": "The ETag of a copy already held: 304 when it is still the answer."},
        ],
        "responses": {"200": cacheable(ok(ref("Recommendations"), "The recommendations document.")),
                      "304": {"description": "The copy held (If-None-Match) is still the answer.", "headers": etag_headers}, **std}},
      "post": {"operationId": "recommendPost", "summary": "Recommend gifts for a profile given as a JSON body.",
        "requestBody": {"required": True, "content": {"application/json": {"schema": ref("Profile")}}},
        "responses": {"200": ok(ref("Recommendations"), "The recommendations document."), **std, **body_errors}}},
    "/v1/flow": {"post": {"operationId": "flowStep", "summary": "The question flow, rebuilt from the answers so far.",
        "description": "Answers are replayed as the terminal reads lines: `skip`, `back`, `done` and `?` work as typed; a rejected answer "
                       "leaves the flow where it was. When the last answer was rejected, the same question comes back with `error` set.",
        "requestBody": {"required": True, "content": {"application/json": {"schema": ref("FlowRequest")}}},
        "responses": {"200": cacheable(ok(ref("FlowStep"), "The next question, or the profile and its recommendations when the flow is done.")), **std, **body_errors}}},
    "/v1/catalog/stats": {"get": {"operationId": "catalogStats", "summary": "What the catalog holds (the `catalog stats --format json` document).",
        "responses": {"200": cacheable(ok(ref("CatalogStats"), "Catalog statistics.")), **std}}},
    "/v1/catalog": {"put": {"operationId": "catalogImport", "summary": "Import a catalog file (upsert by id, all or nothing).",
        "description": "Needs `Authorization: Bearer TOKEN` with the server's GIFTWISE_ADMIN_TOKEN; a server without one refuses writes (403). "
                       "The body is streamed to disk, never held in memory. Readers keep seeing the previous catalog until the import commits. "
                       "An invalid file changes nothing (422, with every error). Another import running: 409.",
        "security": [{"bearerAuth": []}],
        "parameters": [
          {"name": "replace", "in": "query", "schema": {"type": "boolean", "default": False}, "description": "Also remove products the file does not list."},
          {"name": "dryRun", "in": "query", "schema": {"type": "boolean", "default": False}, "description": "Validate and report without writing."},
        ],
        "requestBody": {"required": True, "content": {
            "text/csv": {"schema": {"type": "string"}},
            "application/json": {"schema": {"type": "array", "items": ref("CatalogProduct")}},
            "application/x-ndjson": {"schema": {"type": "string"}}}},
        "responses": {"200": ok(ref("ImportReport"), "What the import did (or would do, for a dry run)."), **std,
                      "401": problem("No or wrong bearer token."), "403": problem("Catalog writes are disabled (no GIFTWISE_ADMIN_TOKEN)."),
                      "409": problem("Another import is running."), **body_errors,
                      "422": problem("The file is invalid; nothing was written. The problem carries the report's fields (errors, errorCount, counts)."),
                      "503": problem("The catalog cannot be written right now; nothing was changed."),
                      "507": problem("The server's disk is full; nothing was changed.")}}},
    "/openapi.json": {"get": {"operationId": "openapi", "summary": "This document.",
        "responses": {"200": ok({"type": "object"}, "The OpenAPI document."), **std}}},
    "/openapi.yaml": {"get": {"operationId": "openapiYAML", "summary": "This document as YAML (its JSON text, which is valid YAML 1.2).",
        "responses": {"200": {"description": "The OpenAPI document.", "content": {"application/yaml": {"schema": {"type": "object"}}}}, **std}}},
  },
  "components": {
    "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
    "responses": {
      "BadRequest": problem("A bad parameter or body, or an unknown query parameter (named in `parameter`)."),
      "NotFound": problem("Nothing is served at this path."),
      "MethodNotAllowed": {**problem("The path does not accept this method; `Allow` lists those it does."),
                           "headers": {"Allow": {"schema": {"type": "string"}}}},
      "TooLarge": problem("The body is over the limit (64 kB; 100 MB for catalogs)."),
      "UnsupportedMediaType": problem("The Content-Type is not accepted here."),
    },
    "schemas": {
      "Problem": {"type": "object", "required": ["type", "title", "status", "detail"], "properties": {
          "type": {"type": "string", "description": "urn:giftwise:problem:KIND"}, "title": {"type": "string"},
          "status": {"type": "integer"}, "detail": {"type": "string"}, "requestId": {"type": "string"},
          "parameter": {"type": "string", "description": "The query parameter at fault."},
          "member": {"type": "string", "description": "The body member at fault."},
          "limit": {"type": "integer"}, "accepted": {"type": "array", "items": {"type": "string"}},
          "added": {"type": "integer"}, "updated": {"type": "integer"}, "unchanged": {"type": "integer"}, "removed": {"type": "integer"},
          "errorCount": {"type": "integer"}, "errors": {"type": "array", "items": ref("ImportIssue")},
          "warnings": {"type": "array", "items": {"type": "string"}}, "dryRun": {"type": "boolean"}}},
      "Health": {"type": "object", "required": ["status", "products"], "properties": {
          "status": {"type": "string", "enum": ["ok"]}, "products": {"type": "integer", "minimum": 0}}},
      "Profile": {"type": "object", "required": ["age"], "additionalProperties": False, "properties": {
          "age": {"type": "number", "minimum": 0, "maximum": 120, "description": "Age in years (1.5 = 18 months)."},
          "interests": {**strlist("Things they enjoy, in their words."), "nullable": True},
          "purposes": {"type": "array", "items": purpose, "maxItems": 4, "nullable": True},
          "budget": {"type": "number", "minimum": 0, "maximum": 1000000000, "nullable": True},
          "budgetMin": {"type": "number", "minimum": 0, "maximum": 1000000000, "nullable": True, "description": "Not above budget."},
          "exclude": {**strlist("Words to avoid, or product ids they own."), "nullable": True},
          "limit": {"type": "integer", "minimum": 1, "maximum": 100, "default": 5, "nullable": True},
          "currency": {"type": "string", "pattern": "^[A-Za-z]{3}$", "nullable": True, "description": "The budget's currency (ISO 4217); default: the catalog's main currency."}}},
      "Recommendation": {"type": "object", "required": ["id", "name", "price", "currency", "ageMin", "ageMax", "interests", "purposes", "score", "reasons", "mismatches"],
        "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "price": {"type": "number"}, "currency": {"type": "string"},
          "ageMin": {"type": "number", "nullable": True, "description": "null when unknown"},
          "ageMax": {"type": "number", "nullable": True, "description": "null when unbounded"},
          "interests": {"type": "array", "items": {"type": "string"}}, "purposes": {"type": "array", "items": {"type": "string"}},
          "score": {"type": "number"}, "reasons": {"type": "array", "items": {"type": "string"}},
          "mismatches": {"type": "array", "items": {"type": "string"}},
          "description": {"type": "string"}, "url": {"type": "string", "nullable": True}}},
      "Relaxation": {"type": "object", "required": ["suggestion", "matches", "changes"], "properties": {
          "suggestion": {"type": "string"}, "matches": {"type": "integer"},
          "changes": {"type": "object", "description": "The profile fields that differ, with their whole new values; budgetMin null drops the minimum; currency reads the same budget in the shop's currency.",
            "properties": {"budget": {"type": "number"}, "purposes": {"type": "array", "items": {"type": "string"}},
              "interests": {"type": "array", "items": {"type": "string"}}, "exclude": {"type": "array", "items": {"type": "string"}},
              "budgetMin": {"type": "number", "nullable": True}, "currency": {"type": "string"}}}}},
      "Recommendations": {"type": "object", "required": ["fit", "recommendations", "relaxations"], "properties": {
          "fit": {"type": "string", "enum": ["good", "partial", "none"]}, "goodMatches": {"type": "integer"},
          "recommendations": {"type": "array", "items": ref("Recommendation")},
          "relaxations": {"type": "array", "items": ref("Relaxation")},
          "elsewhere": {"type": "array", "items": {"type": "string"}, "description": "Gift ideas to look for outside this catalog (when fit is not good)."},
          "elsewhereFor": {"type": "array", "description": "The same ideas grouped by the interest they answer.", "items": {"type": "object", "properties": {
              "said": {"type": "string"}, "interestID": {"type": "string"}, "interestLabel": {"type": "string"},
              "isApproximate": {"type": "boolean"}, "ideas": {"type": "array", "items": {"type": "string"}}}}},
          "notes": {"type": "array", "items": {"type": "string"}, "description": "Things to know about this answer (interests not understood, products left out)."}}},
      "FlowRequest": {"type": "object", "required": ["answers"], "additionalProperties": False, "properties": {
          "answers": {"type": "array", "maxItems": 200, "items": {"type": "string", "maxLength": 1000},
                      "description": "The answers so far, in order; each may be `skip`, `back` or `done`, as typed in the terminal; after the gifts, refinements such as `cheaper`, `more like 2`, `not 3`."}}},
      "Question": {"type": "object", "required": ["id", "text", "choices", "help"], "properties": {
          "id": {"type": "string", "enum": ["recipient", "age", "interests", "purpose", "budget", "avoid", "focus", "setting", "making", "theme"]},
          "options": {"type": "array", "description": "The choices with the value each stands for.",
                      "items": {"type": "object", "required": ["label", "value"], "properties": {"label": {"type": "string"}, "value": {"type": "string"}}}},
          "text": {"type": "string"}, "kind": {"type": "string", "enum": ["number", "singleChoice", "multipleChoice", "freeText"]},
          "choices": {"type": "array", "items": {"type": "string"}, "nullable": True, "description": "null for free-text questions"},
          "canSkip": {"type": "boolean"}, "help": {"type": "string"},
          "error": {"type": "string", "description": "Why the last answer was rejected (the question is asked again)."}}},
      "FlowStep": {"type": "object", "required": ["done"], "properties": {
          "done": {"type": "boolean"}, "question": ref("Question"),
          "remaining": {"type": "integer", "description": "The live count of gifts that fit so far."},
          "notes": {"type": "array", "items": {"type": "string"}},
          "answers": {"type": "array", "items": {"type": "string"}, "description": "The answers as accepted (rejected and undone ones left out): send them back with the next answer."},
          "error": {"type": "string", "description": "Once done, why the last answer (a refinement such as `cheaper`) could not be applied."},
          "profile": {"type": "object", "description": "When done: the profile, with the keys of the POST /v1/recommendations body.",
                      "properties": {"age": {"type": "number"}, "interests": {"type": "array", "items": {"type": "string"}},
                                     "purposes": {"type": "array", "items": {"type": "string"}}, "budget": {"type": "number", "nullable": True},
                                     "budgetMin": {"type": "number", "nullable": True}, "exclude": {"type": "array", "items": {"type": "string"}},
                                     "limit": {"type": "integer", "nullable": True}, "currency": {"type": "string"}}},
          "result": ref("Recommendations")}},
      "InterestCount": {"type": "object", "required": ["interest", "products"], "properties": {"interest": {"type": "string"}, "products": {"type": "integer"}}},
      "CatalogStats": {"type": "object", "required": ["products"], "properties": {
          "products": {"type": "integer"}, "inStock": {"type": "integer"}, "autoTagged": {"type": "integer"},
          "priceMin": {"type": "number"}, "priceMedian": {"type": "number"}, "priceMax": {"type": "number"},
          "currency": {"type": "string", "description": "The currency most products are priced in: the one of priceMin, priceMedian and priceMax."},
          "prices": {"type": "array", "description": "Prices per currency, the most common first.", "items": {"type": "object",
              "required": ["currency", "products", "min", "median", "max"], "properties": {
                  "currency": {"type": "string"}, "products": {"type": "integer"}, "min": {"type": "number"},
                  "median": {"type": "number"}, "max": {"type": "number"}}}},
          "purposes": {"type": "object", "additionalProperties": {"type": "integer"}},
          "ageBands": {"type": "object", "additionalProperties": {"type": "integer"}},
          "topInterests": {"type": "array", "items": ref("InterestCount")},
          "taxonomyInterests": {"type": "integer"}, "freeTags": {"type": "integer"}}},
      "ImportIssue": {"type": "object", "required": ["line", "message"], "properties": {
          "line": {"type": "integer"}, "field": {"type": "string", "nullable": True}, "message": {"type": "string"}}},
      "ImportReport": {"type": "object", "required": ["added", "updated", "unchanged", "removed", "errors"], "properties": {
          "added": {"type": "integer"}, "updated": {"type": "integer"}, "unchanged": {"type": "integer"}, "removed": {"type": "integer"},
          "skipped": {"type": "integer"}, "autoTagged": {"type": "integer"}, "errors": {"type": "array", "items": ref("ImportIssue")},
          "errorCount": {"type": "integer"}, "warnings": {"type": "array", "items": {"type": "string"}}, "dryRun": {"type": "boolean"},
          "skippedRows": {"type": "array", "items": ref("ImportIssue")},
          "currencies": {"type": "object", "additionalProperties": {"type": "integer"}, "description": "Products per currency."}}},
      "CatalogProduct": {"type": "object", "description": "One product in the catalog file format (DESIGN §3).", "required": ["id", "name", "price"], "properties": {
          "id": {"type": "string"}, "name": {"type": "string"}, "description": {"type": "string"}, "price": {"type": "number"},
          "currency": {"type": "string"}, "age_min": {"type": "number", "nullable": True}, "age_max": {"type": "number", "nullable": True},
          "interests": {"type": "array", "items": {"type": "string"}}, "purposes": {"type": "array", "items": {"type": "string"}},
          "url": {"type": "string"}, "in_stock": {"type": "boolean"}}},
    },
  },
}
html = lambda desc: {"description": desc, "content": {"text/html": {"schema": {"type": "string"}}}}
form_fields = {"name": "fields", "in": "query", "style": "form", "explode": True,
               "schema": {"type": "object", "additionalProperties": {"type": "string"}},
               "description": "The page's form fields: `a` (an answer so far, repeated), `answer`, `action` (skip, back, done), and on /gifts the profile (`age`, `interest`, …) and `refine`."}
web_errors = {"400": html("A link or form that cannot be read (the page says what to do)."),
              "404": html("No such page."), "405": html("Pages are read with GET (and forms sent with POST).")}
redirect = {"description": "The questions are done: the results page.", "headers": {"Location": {"schema": {"type": "string"}}},
            "content": {"text/plain": {"schema": {"type": "string"}}}}
web = {
  "get": {"operationId": "webFinder", "summary": "The web gift finder: the current question (HTML; works without JavaScript).",
          "parameters": [form_fields],
          "responses": {"200": html("The question page, with the live count."), "303": redirect, **web_errors}},
  "post": {"operationId": "webFinderAnswer", "summary": "The web gift finder: the next page for the answers in the form.",
           "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {"type": "object", "additionalProperties": {"type": "string"}}}}},
           "responses": {"200": html("The next question page."), "303": redirect, **web_errors, "413": P("TooLarge")}},
}
doc["paths"]["/gifts"] = {"get": {"operationId": "webResults", "summary": "The web gift finder's results for the profile in the query (bookmarkable).",
    "parameters": [form_fields], "responses": {"200": html("The gifts with their reasons, relaxation links and refine forms."), **web_errors}}}
doc["paths"]["/count"] = {"get": {"operationId": "webCount", "summary": "The live count for the answer being typed (used by the page's script).",
    "parameters": [form_fields], "responses": {"200": ok({"type": "object", "properties": {"remaining": {"type": "integer"}, "label": {"type": "string"}}}, "The count."), **web_errors}}}
doc["paths"]["/assets/{name}"] = {"get": {"operationId": "webAsset", "summary": "The web finder's stylesheet, script and icon.",
    "parameters": [{"name": "name", "in": "path", "required": True, "schema": {"type": "string", "enum": ["finder.css", "finder.js", "icon.svg"]}}],
    "responses": {"200": {"description": "The asset.", "content": {"text/css": {"schema": {"type": "string"}}, "text/javascript": {"schema": {"type": "string"}},
                                                                     "image/svg+xml": {"schema": {"type": "string"}}}}, **web_errors}}}
doc["paths"]["/"] = web
text = "\n".join("        " + line for line in json.dumps(doc, indent=1, sort_keys=False).split("\n"))
swift = 'import Foundation\n\n/// The OpenAPI 3.0 document served at `/openapi.json` (and `/openapi.yaml`): every endpoint,\n/// parameter, body and error.\n/// CI validates it (openapi-spec-validator) and checks a live server against it (schemathesis).\nenum OpenAPIDocument {\n    static let data = Data(text.utf8)\n\n    static let text = #"""\n' + text + '\n        """#\n}\n'
open(__import__('os').path.join(__import__('os').path.dirname(__file__), '../../Sources/GiftwiseServer/OpenAPIDocument.swift'),'w').write(swift)

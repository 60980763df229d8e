import Foundation

/// The OpenAPI 3.0 document served at `/openapi.json` (and `/openapi.yaml`): every endpoint,
/// parameter, body and error.
/// CI validates it (openapi-spec-validator) and checks a live server against it (schemathesis).
enum OpenAPIDocument {
    static let data = Data(text.utf8)

    static let text = #"""
        {
         "openapi": "3.0.3",
         "info": {
          "title": "Giftwise",
          "version": "1.0.0",
          "description": "Gift recommendations for a recipient's reasons, the question flow, and catalog updates. Every error is an RFC 9457 problem document (application/problem+json). Unknown query parameters are refused (400) and named. Bodies are limited to 64 kB, catalog uploads to 100 MB. Every response carries X-Request-Id (a caller's own X-Request-Id is kept when it is 1-64 characters of A-Z a-z 0-9 - _ .). Every GET also answers HEAD. Recommendations, flow steps, stats and this document carry a strong ETag and Cache-Control: no-cache; a GET with a matching If-None-Match gets 304. A client that sends its headers or body too slowly gets 408 and the connection is closed."
         },
         "servers": [
          {
           "url": "/"
          }
         ],
         "paths": {
          "/health": {
           "get": {
            "operationId": "health",
            "summary": "Liveness and readiness: the catalog is open.",
            "responses": {
             "200": {
              "description": "The catalog is open.",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Health"
                }
               }
              }
             },
             "400": {
              "$ref": "#/components/responses/BadRequest"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "405": {
              "$ref": "#/components/responses/MethodNotAllowed"
             }
            }
           }
          },
          "/v1/recommendations": {
           "get": {
            "operationId": "recommendGet",
            "summary": "Recommend gifts for a profile given as query parameters.",
            "description": "The body is byte for byte what `giftwise recommend --format json` prints for the same profile and catalog.",
            "parameters": [
             {
              "name": "age",
              "in": "query",
              "required": true,
              "schema": {
               "type": "number",
               "minimum": 0,
               "maximum": 120
              },
              "description": "Age in years (1.5 = 18 months)."
             },
             {
              "name": "interest",
              "in": "query",
              "style": "form",
              "explode": true,
              "schema": {
               "type": "array",
               "items": {
                "type": "string",
                "maxLength": 100
               },
               "maxItems": 20,
               "description": "Something they enjoy (repeat the parameter for several)."
              }
             },
             {
              "name": "purpose",
              "in": "query",
              "style": "form",
              "explode": true,
              "schema": {
               "type": "array",
               "items": {
                "type": "string",
                "enum": [
                 "educational",
                 "crafty",
                 "sporty",
                 "fun"
                ]
               },
               "maxItems": 4
              }
             },
             {
              "name": "budget",
              "in": "query",
              "schema": {
               "type": "number",
               "minimum": 0,
               "maximum": 1000000000
              },
              "description": "The most to spend."
             },
             {
              "name": "budgetMin",
              "in": "query",
              "schema": {
               "type": "number",
               "minimum": 0,
               "maximum": 1000000000
              },
              "description": "The least to spend (not above budget)."
             },
             {
              "name": "exclude",
              "in": "query",
              "style": "form",
              "explode": true,
              "schema": {
               "type": "array",
               "items": {
                "type": "string",
                "maxLength": 100
               },
               "maxItems": 20,
               "description": "A word to avoid, or a product id they own."
              }
             },
             {
              "name": "limit",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1,
               "maximum": 100,
               "default": 5
              }
             },
             {
              "name": "currency",
              "in": "query",
              "schema": {
               "type": "string",
               "pattern": "^[A-Za-z]{3}$"
              },
              "description": "The budget's currency (ISO 4217, e.g. GBP); default: the catalog's main currency."
             },
             {
              "name": "If-None-Match",
              "in": "header",
              "schema": {
               "type": "string"
              },
              "description": "The ETag of a copy already held: 304 when it is still the answer."
             }
            ],
            "responses": {
             "200": {
              "description": "The recommendations document.",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Recommendations"
                }
               }
              },
              "headers": {
               "ETag": {
                "schema": {
                 "type": "string"
                },
                "description": "A strong entity tag of the body."
               },
               "Cache-Control": {
                "schema": {
                 "type": "string"
                },
                "description": "no-cache: keep it, but ask again (If-None-Match) before reuse."
               }
              }
             },
             "304": {
              "description": "The copy held (If-None-Match) is still the answer.",
              "headers": {
               "ETag": {
                "schema": {
                 "type": "string"
                },
                "description": "A strong entity tag of the body."
               },
               "Cache-Control": {
                "schema": {
                 "type": "string"
                },
                "description": "no-cache: keep it, but ask again (If-None-Match) before reuse."
               }
              }
             },
             "400": {
              "$ref": "#/components/responses/BadRequest"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "405": {
              "$ref": "#/components/responses/MethodNotAllowed"
             }
            }
           },
           "post": {
            "operationId": "recommendPost",
            "summary": "Recommend gifts for a profile given as a JSON body.",
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "$ref": "#/components/schemas/Profile"
               }
              }
             }
            },
            "responses": {
             "200": {
              "description": "The recommendations document.",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Recommendations"
                }
               }
              }
             },
             "400": {
              "$ref": "#/components/responses/BadRequest"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "405": {
              "$ref": "#/components/responses/MethodNotAllowed"
             },
             "413": {
              "$ref": "#/components/responses/TooLarge"
             },
             "415": {
              "$ref": "#/components/responses/UnsupportedMediaType"
             }
            }
           }
          },
          "/v1/flow": {
           "post": {
            "operationId": "flowStep",
            "summary": "The question flow, rebuilt from the answers so far.",
            "description": "Answers are replayed as the terminal reads lines: `skip`, `back`, `done` and `?` work as typed; a rejected answer leaves the flow where it was. When the last answer was rejected, the same question comes back with `error` set.",
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "$ref": "#/components/schemas/FlowRequest"
               }
              }
             }
            },
            "responses": {
             "200": {
              "description": "The next question, or the profile and its recommendations when the flow is done.",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/FlowStep"
                }
               }
              },
              "headers": {
               "ETag": {
                "schema": {
                 "type": "string"
                },
                "description": "A strong entity tag of the body."
               },
               "Cache-Control": {
                "schema": {
                 "type": "string"
                },
                "description": "no-cache: keep it, but ask again (If-None-Match) before reuse."
               }
              }
             },
             "400": {
              "$ref": "#/components/responses/BadRequest"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "405": {
              "$ref": "#/components/responses/MethodNotAllowed"
             },
             "413": {
              "$ref": "#/components/responses/TooLarge"
             },
             "415": {
              "$ref": "#/components/responses/UnsupportedMediaType"
             }
            }
           }
          },
          "/v1/catalog/stats": {
           "get": {
            "operationId": "catalogStats",
            "summary": "What the catalog holds (the `catalog stats --format json` document).",
            "responses": {
             "200": {
              "description": "Catalog statistics.",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/CatalogStats"
                }
               }
              },
              "headers": {
               "ETag": {
                "schema": {
                 "type": "string"
                },
                "description": "A strong entity tag of the body."
               },
               "Cache-Control": {
                "schema": {
                 "type": "string"
                },
                "description": "no-cache: keep it, but ask again (If-None-Match) before reuse."
               }
              }
             },
             "400": {
              "$ref": "#/components/responses/BadRequest"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "405": {
              "$ref": "#/components/responses/MethodNotAllowed"
             }
            }
           }
          },
          "/v1/catalog": {
           "put": {
            "operationId": "catalogImport",
            "summary": "Import a catalog file (upsert by id, all or nothing).",
            "description": "Needs `Authorization: Bearer TOKEN` with the server's GIFTWISE_ADMIN_TOKEN; a server without one refuses writes (403). The body is streamed to disk, never held in memory. Readers keep seeing the previous catalog until the import commits. An invalid file changes nothing (422, with every error). Another import running: 409.",
            "security": [
             {
              "bearerAuth": []
             }
            ],
            "parameters": [
             {
              "name": "replace",
              "in": "query",
              "schema": {
               "type": "boolean",
               "default": false
              },
              "description": "Also remove products the file does not list."
             },
             {
              "name": "dryRun",
              "in": "query",
              "schema": {
               "type": "boolean",
               "default": false
              },
              "description": "Validate and report without writing."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "text/csv": {
               "schema": {
                "type": "string"
               }
              },
              "application/json": {
               "schema": {
                "type": "array",
                "items": {
                 "$ref": "#/components/schemas/CatalogProduct"
                }
               }
              },
              "application/x-ndjson": {
               "schema": {
                "type": "string"
               }
              }
             }
            },
            "responses": {
             "200": {
              "description": "What the import did (or would do, for a dry run).",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/ImportReport"
                }
               }
              }
             },
             "400": {
              "$ref": "#/components/responses/BadRequest"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "405": {
              "$ref": "#/components/responses/MethodNotAllowed"
             },
             "401": {
              "description": "No or wrong bearer token.",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Catalog writes are disabled (no GIFTWISE_ADMIN_TOKEN).",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Another import is running.",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "413": {
              "$ref": "#/components/responses/TooLarge"
             },
             "415": {
              "$ref": "#/components/responses/UnsupportedMediaType"
             },
             "422": {
              "description": "The file is invalid; nothing was written. The problem carries the report's fields (errors, errorCount, counts).",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "503": {
              "description": "The catalog cannot be written right now; nothing was changed.",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "507": {
              "description": "The server's disk is full; nothing was changed.",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            }
           }
          },
          "/openapi.json": {
           "get": {
            "operationId": "openapi",
            "summary": "This document.",
            "responses": {
             "200": {
              "description": "The OpenAPI document.",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object"
                }
               }
              }
             },
             "400": {
              "$ref": "#/components/responses/BadRequest"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "405": {
              "$ref": "#/components/responses/MethodNotAllowed"
             }
            }
           }
          },
          "/openapi.yaml": {
           "get": {
            "operationId": "openapiYAML",
            "summary": "This document as YAML (its JSON text, which is valid YAML 1.2).",
            "responses": {
             "200": {
              "description": "The OpenAPI document.",
              "content": {
               "application/yaml": {
                "schema": {
                 "type": "object"
                }
               }
              }
             },
             "400": {
              "$ref": "#/components/responses/BadRequest"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "405": {
              "$ref": "#/components/responses/MethodNotAllowed"
             }
            }
           }
          },
          "/gifts": {
           "get": {
            "operationId": "webResults",
            "summary": "The web gift finder's results for the profile in the query (bookmarkable).",
            "parameters": [
             {
              "name": "fields",
              "in": "query",
              "style": "form",
              "explode": true,
              "schema": {
               "type": "object",
               "additionalProperties": {
                "type": "string"
               }
              },
              "description": "The page's form fields: `a` (an answer so far, repeated), `answer`, `action` (skip, back, done), and on /gifts the profile (`age`, `interest`, \u2026) and `refine`."
             }
            ],
            "responses": {
             "200": {
              "description": "The gifts with their reasons, relaxation links and refine forms.",
              "content": {
               "text/html": {
                "schema": {
                 "type": "string"
                }
               }
              }
             },
             "400": {
              "description": "A link or form that cannot be read (the page says what to do).",
              "content": {
               "text/html": {
                "schema": {
                 "type": "string"
                }
               }
              }
             },
             "404": {
              "description": "No such page.",
              "content": {
               "text/html": {
                "schema": {
                 "type": "string"
                }
               }
              }
             },
             "405": {
              "description": "Pages are read with GET (and forms sent with POST).",
              "content": {
               "text/html": {
                "schema": {
                 "type": "string"
                }
               }
              }
             }
            }
           }
          },
          "/count": {
           "get": {
            "operationId": "webCount",
            "summary": "The live count for the answer being typed (used by the page's script).",
            "parameters": [
             {
              "name": "fields",
              "in": "query",
              "style": "form",
              "explode": true,
              "schema": {
               "type": "object",
               "additionalProperties": {
                "type": "string"
               }
              },
              "description": "The page's form fields: `a` (an answer so far, repeated), `answer`, `action` (skip, back, done), and on /gifts the profile (`age`, `interest`, \u2026) and `refine`."
             }
            ],
            "responses": {
             "200": {
              "description": "The count.",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "properties": {
                  "remaining": {
                   "type": "integer"
                  },
                  "label": {
                   "type": "string"
                  }
                 }
                }
               }
              }
             },
             "400": {
              "description": "A link or form that cannot be read (the page says what to do).",
              "content": {
               "text/html": {
                "schema": {
                 "type": "string"
                }
               }
              }
             },
             "404": {
              "description": "No such page.",
              "content": {
               "text/html": {
                "schema": {
                 "type": "string"
                }
               }
              }
             },
             "405": {
              "description": "Pages are read with GET (and forms sent with POST).",
              "content": {
               "text/html": {
                "schema": {
                 "type": "string"
                }
               }
              }
             }
            }
           }
          },
          "/assets/{name}": {
           "get": {
            "operationId": "webAsset",
            "summary": "The web finder's stylesheet, script and icon.",
            "parameters": [
             {
              "name": "name",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "enum": [
                "finder.css",
                "finder.js",
                "icon.svg"
               ]
              }
             }
            ],
            "responses": {
             "200": {
              "description": "The asset.",
              "content": {
               "text/css": {
                "schema": {
                 "type": "string"
                }
               },
               "text/javascript": {
                "schema": {
                 "type": "string"
                }
               },
               "image/svg+xml": {
                "schema": {
                 "type": "string"
                }
               }
              }
             },
             "400": {
              "description": "A link or form that cannot be read (the page says what to do).",
              "content": {
               "text/html": {
                "schema": {
                 "type": "string"
                }
               }
              }
             },
             "404": {
              "description": "No such page.",
              "content": {
               "text/html": {
                "schema": {
                 "type": "string"
                }
               }
              }
             },
             "405": {
              "description": "Pages are read with GET (and forms sent with POST).",
              "content": {
               "text/html": {
                "schema": {
                 "type": "string"
                }
               }
              }
             }
            }
           }
          },
          "/": {
           "get": {
            "operationId": "webFinder",
            "summary": "The web gift finder: the current question (HTML; works without JavaScript).",
            "parameters": [
             {
              "name": "fields",
              "in": "query",
              "style": "form",
              "explode": true,
              "schema": {
               "type": "object",
               "additionalProperties": {
                "type": "string"
               }
              },
              "description": "The page's form fields: `a` (an answer so far, repeated), `answer`, `action` (skip, back, done), and on /gifts the profile (`age`, `interest`, \u2026) and `refine`."
             }
            ],
            "responses": {
             "200": {
              "description": "The question page, with the live count.",
              "content": {
               "text/html": {
                "schema": {
                 "type": "string"
                }
               }
              }
             },
             "303": {
              "description": "The questions are done: the results page.",
              "headers": {
               "Location": {
                "schema": {
                 "type": "string"
                }
               }
              },
              "content": {
               "text/plain": {
                "schema": {
                 "type": "string"
                }
               }
              }
             },
             "400": {
              "description": "A link or form that cannot be read (the page says what to do).",
              "content": {
               "text/html": {
                "schema": {
                 "type": "string"
                }
               }
              }
             },
             "404": {
              "description": "No such page.",
              "content": {
               "text/html": {
                "schema": {
                 "type": "string"
                }
               }
              }
             },
             "405": {
              "description": "Pages are read with GET (and forms sent with POST).",
              "content": {
               "text/html": {
                "schema": {
                 "type": "string"
                }
               }
              }
             }
            }
           },
           "post": {
            "operationId": "webFinderAnswer",
            "summary": "The web gift finder: the next page for the answers in the form.",
            "requestBody": {
             "content": {
              "application/x-www-form-urlencoded": {
               "schema": {
                "type": "object",
                "additionalProperties": {
                 "type": "string"
                }
               }
              }
             }
            },
            "responses": {
             "200": {
              "description": "The next question page.",
              "content": {
               "text/html": {
                "schema": {
                 "type": "string"
                }
               }
              }
             },
             "303": {
              "description": "The questions are done: the results page.",
              "headers": {
               "Location": {
                "schema": {
                 "type": "string"
                }
               }
              },
              "content": {
               "text/plain": {
                "schema": {
                 "type": "string"
                }
               }
              }
             },
             "400": {
              "description": "A link or form that cannot be read (the page says what to do).",
              "content": {
               "text/html": {
                "schema": {
                 "type": "string"
                }
               }
              }
             },
             "404": {
              "description": "No such page.",
              "content": {
               "text/html": {
                "schema": {
                 "type": "string"
                }
               }
              }
             },
             "405": {
              "description": "Pages are read with GET (and forms sent with POST).",
              "content": {
               "text/html": {
                "schema": {
                 "type": "string"
                }
               }
              }
             },
             "413": {
              "$ref": "#/components/responses/TooLarge"
             }
            }
           }
          }
         },
         "components": {
          "securitySchemes": {
           "bearerAuth": {
            "type": "http",
            "scheme": "bearer"
           }
          },
          "responses": {
           "BadRequest": {
            "description": "A bad parameter or body, or an unknown query parameter (named in `parameter`).",
            "content": {
             "application/problem+json": {
              "schema": {
               "$ref": "#/components/schemas/Problem"
              }
             }
            }
           },
           "NotFound": {
            "description": "Nothing is served at this path.",
            "content": {
             "application/problem+json": {
              "schema": {
               "$ref": "#/components/schemas/Problem"
              }
             }
            }
           },
           "MethodNotAllowed": {
            "description": "The path does not accept this method; `Allow` lists those it does.",
            "content": {
             "application/problem+json": {
              "schema": {
               "$ref": "#/components/schemas/Problem"
              }
             }
            },
            "headers": {
             "Allow": {
              "schema": {
               "type": "string"
              }
             }
            }
           },
           "TooLarge": {
            "description": "The body is over the limit (64 kB; 100 MB for catalogs).",
            "content": {
             "application/problem+json": {
              "schema": {
               "$ref": "#/components/schemas/Problem"
              }
             }
            }
           },
           "UnsupportedMediaType": {
            "description": "The Content-Type is not accepted here.",
            "content": {
             "application/problem+json": {
              "schema": {
               "$ref": "#/components/schemas/Problem"
              }
             }
            }
           }
          },
          "schemas": {
           "Problem": {
            "type": "object",
            "required": [
             "type",
             "title",
             "status",
             "detail"
            ],
            "properties": {
             "type": {
              "type": "string",
              "description": "urn:giftwise:problem:KIND"
             },
             "title": {
              "type": "string"
             },
             "status": {
              "type": "integer"
             },
             "detail": {
              "type": "string"
             },
             "requestId": {
              "type": "string"
             },
             "parameter": {
              "type": "string",
              "description": "The query parameter at fault."
             },
             "member": {
              "type": "string",
              "description": "The body member at fault."
             },
             "limit": {
              "type": "integer"
             },
             "accepted": {
              "type": "array",
              "items": {
               "type": "string"
              }
             },
             "added": {
              "type": "integer"
             },
             "updated": {
              "type": "integer"
             },
             "unchanged": {
              "type": "integer"
             },
             "removed": {
              "type": "integer"
             },
             "errorCount": {
              "type": "integer"
             },
             "errors": {
              "type": "array",
              "items": {
               "$ref": "#/components/schemas/ImportIssue"
              }
             },
             "warnings": {
              "type": "array",
              "items": {
               "type": "string"
              }
             },
             "dryRun": {
              "type": "boolean"
             }
            }
           },
           "Health": {
            "type": "object",
            "required": [
             "status",
             "products"
            ],
            "properties": {
             "status": {
              "type": "string",
              "enum": [
               "ok"
              ]
             },
             "products": {
              "type": "integer",
              "minimum": 0
             }
            }
           },
           "Profile": {
            "type": "object",
            "required": [
             "age"
            ],
            "additionalProperties": false,
            "properties": {
             "age": {
              "type": "number",
              "minimum": 0,
              "maximum": 120,
              "description": "Age in years (1.5 = 18 months)."
             },
             "interests": {
              "type": "array",
              "items": {
               "type": "string",
               "maxLength": 100
              },
              "maxItems": 20,
              "description": "Things they enjoy, in their words.",
              "nullable": true
             },
             "purposes": {
              "type": "array",
              "items": {
               "type": "string",
               "enum": [
                "educational",
                "crafty",
                "sporty",
                "fun"
               ]
              },
              "maxItems": 4,
              "nullable": true
             },
             "budget": {
              "type": "number",
              "minimum": 0,
              "maximum": 1000000000,
              "nullable": true
             },
             "budgetMin": {
              "type": "number",
              "minimum": 0,
              "maximum": 1000000000,
              "nullable": true,
              "description": "Not above budget."
             },
             "exclude": {
              "type": "array",
              "items": {
               "type": "string",
               "maxLength": 100
              },
              "maxItems": 20,
              "description": "Words to avoid, or product ids they own.",
              "nullable": true
             },
             "limit": {
              "type": "integer",
              "minimum": 1,
              "maximum": 100,
              "default": 5,
              "nullable": true
             },
             "currency": {
              "type": "string",
              "pattern": "^[A-Za-z]{3}$",
              "nullable": true,
              "description": "The budget's currency (ISO 4217); default: the catalog's main currency."
             }
            }
           },
           "Recommendation": {
            "type": "object",
            "required": [
             "id",
             "name",
             "price",
             "currency",
             "ageMin",
             "ageMax",
             "interests",
             "purposes",
             "score",
             "reasons",
             "mismatches"
            ],
            "properties": {
             "id": {
              "type": "string"
             },
             "name": {
              "type": "string"
             },
             "price": {
              "type": "number"
             },
             "currency": {
              "type": "string"
             },
             "ageMin": {
              "type": "number",
              "nullable": true,
              "description": "null when unknown"
             },
             "ageMax": {
              "type": "number",
              "nullable": true,
              "description": "null when unbounded"
             },
             "interests": {
              "type": "array",
              "items": {
               "type": "string"
              }
             },
             "purposes": {
              "type": "array",
              "items": {
               "type": "string"
              }
             },
             "score": {
              "type": "number"
             },
             "reasons": {
              "type": "array",
              "items": {
               "type": "string"
              }
             },
             "mismatches": {
              "type": "array",
              "items": {
               "type": "string"
              }
             },
             "description": {
              "type": "string"
             },
             "url": {
              "type": "string",
              "nullable": true
             }
            }
           },
           "Relaxation": {
            "type": "object",
            "required": [
             "suggestion",
             "matches",
             "changes"
            ],
            "properties": {
             "suggestion": {
              "type": "string"
             },
             "matches": {
              "type": "integer"
             },
             "changes": {
              "type": "object",
              "description": "The profile fields that differ, with their whole new values; budgetMin null drops the minimum; currency reads the same budget in the shop's currency.",
              "properties": {
               "budget": {
                "type": "number"
               },
               "purposes": {
                "type": "array",
                "items": {
                 "type": "string"
                }
               },
               "interests": {
                "type": "array",
                "items": {
                 "type": "string"
                }
               },
               "exclude": {
                "type": "array",
                "items": {
                 "type": "string"
                }
               },
               "budgetMin": {
                "type": "number",
                "nullable": true
               },
               "currency": {
                "type": "string"
               }
              }
             }
            }
           },
           "Recommendations": {
            "type": "object",
            "required": [
             "fit",
             "recommendations",
             "relaxations"
            ],
            "properties": {
             "fit": {
              "type": "string",
              "enum": [
               "good",
               "partial",
               "none"
              ]
             },
             "goodMatches": {
              "type": "integer"
             },
             "recommendations": {
              "type": "array",
              "items": {
               "$ref": "#/components/schemas/Recommendation"
              }
             },
             "relaxations": {
              "type": "array",
              "items": {
               "$ref": "#/components/schemas/Relaxation"
              }
             },
             "elsewhere": {
              "type": "array",
              "items": {
               "type": "string"
              },
              "description": "Gift ideas to look for outside this catalog (when fit is not good)."
             },
             "elsewhereFor": {
              "type": "array",
              "description": "The same ideas grouped by the interest they answer.",
              "items": {
               "type": "object",
               "properties": {
                "said": {
                 "type": "string"
                },
                "interestID": {
                 "type": "string"
                },
                "interestLabel": {
                 "type": "string"
                },
                "isApproximate": {
                 "type": "boolean"
                },
                "ideas": {
                 "type": "array",
                 "items": {
                  "type": "string"
                 }
                }
               }
              }
             },
             "notes": {
              "type": "array",
              "items": {
               "type": "string"
              },
              "description": "Things to know about this answer (interests not understood, products left out)."
             }
            }
           },
           "FlowRequest": {
            "type": "object",
            "required": [
             "answers"
            ],
            "additionalProperties": false,
            "properties": {
             "answers": {
              "type": "array",
              "maxItems": 200,
              "items": {
               "type": "string",
               "maxLength": 1000
              },
              "description": "The answers so far, in order; each may be `skip`, `back` or `done`, as typed in the terminal; after the gifts, refinements such as `cheaper`, `more like 2`, `not 3`."
             }
            }
           },
           "Question": {
            "type": "object",
            "required": [
             "id",
             "text",
             "choices",
             "help"
            ],
            "properties": {
             "id": {
              "type": "string",
              "enum": [
               "recipient",
               "age",
               "interests",
               "purpose",
               "budget",
               "avoid",
               "focus",
               "setting",
               "making",
               "theme"
              ]
             },
             "options": {
              "type": "array",
              "description": "The choices with the value each stands for.",
              "items": {
               "type": "object",
               "required": [
                "label",
                "value"
               ],
               "properties": {
                "label": {
                 "type": "string"
                },
                "value": {
                 "type": "string"
                }
               }
              }
             },
             "text": {
              "type": "string"
             },
             "kind": {
              "type": "string",
              "enum": [
               "number",
               "singleChoice",
               "multipleChoice",
               "freeText"
              ]
             },
             "choices": {
              "type": "array",
              "items": {
               "type": "string"
              },
              "nullable": true,
              "description": "null for free-text questions"
             },
             "canSkip": {
              "type": "boolean"
             },
             "help": {
              "type": "string"
             },
             "error": {
              "type": "string",
              "description": "Why the last answer was rejected (the question is asked again)."
             }
            }
           },
           "FlowStep": {
            "type": "object",
            "required": [
             "done"
            ],
            "properties": {
             "done": {
              "type": "boolean"
             },
             "question": {
              "$ref": "#/components/schemas/Question"
             },
             "remaining": {
              "type": "integer",
              "description": "The live count of gifts that fit so far."
             },
             "notes": {
              "type": "array",
              "items": {
               "type": "string"
              }
             },
             "answers": {
              "type": "array",
              "items": {
               "type": "string"
              },
              "description": "The answers as accepted (rejected and undone ones left out): send them back with the next answer."
             },
             "error": {
              "type": "string",
              "description": "Once done, why the last answer (a refinement such as `cheaper`) could not be applied."
             },
             "profile": {
              "type": "object",
              "description": "When done: the profile, with the keys of the POST /v1/recommendations body.",
              "properties": {
               "age": {
                "type": "number"
               },
               "interests": {
                "type": "array",
                "items": {
                 "type": "string"
                }
               },
               "purposes": {
                "type": "array",
                "items": {
                 "type": "string"
                }
               },
               "budget": {
                "type": "number",
                "nullable": true
               },
               "budgetMin": {
                "type": "number",
                "nullable": true
               },
               "exclude": {
                "type": "array",
                "items": {
                 "type": "string"
                }
               },
               "limit": {
                "type": "integer",
                "nullable": true
               },
               "currency": {
                "type": "string"
               }
              }
             },
             "result": {
              "$ref": "#/components/schemas/Recommendations"
             }
            }
           },
           "InterestCount": {
            "type": "object",
            "required": [
             "interest",
             "products"
            ],
            "properties": {
             "interest": {
              "type": "string"
             },
             "products": {
              "type": "integer"
             }
            }
           },
           "CatalogStats": {
            "type": "object",
            "required": [
             "products"
            ],
            "properties": {
             "products": {
              "type": "integer"
             },
             "inStock": {
              "type": "integer"
             },
             "autoTagged": {
              "type": "integer"
             },
             "priceMin": {
              "type": "number"
             },
             "priceMedian": {
              "type": "number"
             },
             "priceMax": {
              "type": "number"
             },
             "currency": {
              "type": "string",
              "description": "The currency most products are priced in: the one of priceMin, priceMedian and priceMax."
             },
             "prices": {
              "type": "array",
              "description": "Prices per currency, the most common first.",
              "items": {
               "type": "object",
               "required": [
                "currency",
                "products",
                "min",
                "median",
                "max"
               ],
               "properties": {
                "currency": {
                 "type": "string"
                },
                "products": {
                 "type": "integer"
                },
                "min": {
                 "type": "number"
                },
                "median": {
                 "type": "number"
                },
                "max": {
                 "type": "number"
                }
               }
              }
             },
             "purposes": {
              "type": "object",
              "additionalProperties": {
               "type": "integer"
              }
             },
             "ageBands": {
              "type": "object",
              "additionalProperties": {
               "type": "integer"
              }
             },
             "topInterests": {
              "type": "array",
              "items": {
               "$ref": "#/components/schemas/InterestCount"
              }
             },
             "taxonomyInterests": {
              "type": "integer"
             },
             "freeTags": {
              "type": "integer"
             }
            }
           },
           "ImportIssue": {
            "type": "object",
            "required": [
             "line",
             "message"
            ],
            "properties": {
             "line": {
              "type": "integer"
             },
             "field": {
              "type": "string",
              "nullable": true
             },
             "message": {
              "type": "string"
             }
            }
           },
           "ImportReport": {
            "type": "object",
            "required": [
             "added",
             "updated",
             "unchanged",
             "removed",
             "errors"
            ],
            "properties": {
             "added": {
              "type": "integer"
             },
             "updated": {
              "type": "integer"
             },
             "unchanged": {
              "type": "integer"
             },
             "removed": {
              "type": "integer"
             },
             "skipped": {
              "type": "integer"
             },
             "autoTagged": {
              "type": "integer"
             },
             "errors": {
              "type": "array",
              "items": {
               "$ref": "#/components/schemas/ImportIssue"
              }
             },
             "errorCount": {
              "type": "integer"
             },
             "warnings": {
              "type": "array",
              "items": {
               "type": "string"
              }
             },
             "dryRun": {
              "type": "boolean"
             },
             "skippedRows": {
              "type": "array",
              "items": {
               "$ref": "#/components/schemas/ImportIssue"
              }
             },
             "currencies": {
              "type": "object",
              "additionalProperties": {
               "type": "integer"
              },
              "description": "Products per currency."
             }
            }
           },
           "CatalogProduct": {
            "type": "object",
            "description": "One product in the catalog file format (DESIGN \u00a73).",
            "required": [
             "id",
             "name",
             "price"
            ],
            "properties": {
             "id": {
              "type": "string"
             },
             "name": {
              "type": "string"
             },
             "description": {
              "type": "string"
             },
             "price": {
              "type": "number"
             },
             "currency": {
              "type": "string"
             },
             "age_min": {
              "type": "number",
              "nullable": true
             },
             "age_max": {
              "type": "number",
              "nullable": true
             },
             "interests": {
              "type": "array",
              "items": {
               "type": "string"
              }
             },
             "purposes": {
              "type": "array",
              "items": {
               "type": "string"
              }
             },
             "url": {
              "type": "string"
             },
             "in_stock": {
              "type": "boolean"
             }
            }
           }
          }
         }
        }
        """#
}

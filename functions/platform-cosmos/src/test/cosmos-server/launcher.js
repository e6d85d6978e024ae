#!/usr/bin/env node
/*
 * A local Cosmos DB (NoSQL API) endpoint for the adapter's integration tests.
 *
 * @vercel/cosmosdb-server 1.0.1 serves the account, databases, collections and partition key ranges over HTTPS.
 * Its documents fall short of what the Java SDK (gateway mode) needs: queries (the SDK asks for a query plan first),
 * transactional batches (partition key header, all or nothing), the incremental change feed, and a missing document
 * (500 instead of 404). So every request under /dbs/{db}/colls/{coll}/docs is answered here, from a small document
 * store with Cosmos DB's semantics, and everything else is passed to the server as shipped.
 * Time to live is served as in a container created with DefaultTimeToLive -1 (how the adapter creates them): a
 * document with a positive ttl is gone from reads, queries and the change feed ttl seconds after its _ts.
 *
 * Usage: node launcher.js [port]   (0 or nothing: a free port). Prints "cosmos-server listening on <port>" when ready.
 * Test use only: the server ignores the authorization header and serves a self-signed certificate.
 */
"use strict";

const crypto = require("crypto");
const path = require("path");
const serverModule = require.resolve("@vercel/cosmosdb-server");
const { createHttpsServer } = require(serverModule);
const query = require(require.resolve("@zeit/cosmosdb-query", { paths: [path.dirname(serverModule)] })).default;

const port = parseInt(process.argv[2] || "0", 10);

/* ---------- the document store: per collection, documents by partition key and id, plus a change log ---------- */

const collections = new Map(); // "db/coll" -> { docs: Map(key -> doc), lsn: number }

function collectionOf(dbId, collId) {
  const name = `${dbId}/${collId}`;
  let coll = collections.get(name);
  if (!coll) {
    coll = { docs: new Map(), lsn: 0, rid: crypto.randomBytes(6).toString("base64") };
    collections.set(name, coll);
  }
  return coll;
}

function keyOf(partitionKey, id) {
  return `${JSON.stringify(partitionKey)}\u0000${id}`;
}

/** The partition key value from the x-ms-documentdb-partitionkey header (a JSON array of one value). */
function partitionKeyOf(header) {
  if (header === undefined) {
    return undefined;
  }
  const raw = Array.isArray(header) ? header[0] : header;
  const parsed = JSON.parse(raw);
  return Array.isArray(parsed) ? parsed[0] : parsed;
}

function stamp(coll, body, dbId, collId) {
  coll.lsn += 1;
  const rid = crypto.randomBytes(8).toString("base64").replace(/\//g, "-");
  return {
    ...body,
    _rid: rid,
    _self: `dbs/${dbId}/colls/${collId}/docs/${rid}/`,
    _etag: `"${crypto.randomUUID()}"`,
    _attachments: "attachments/",
    _ts: Math.floor(Date.now() / 1000),
    _lsn: coll.lsn
  };
}

function visible(doc) {
  const copy = { ...doc };
  delete copy._lsn;
  return copy;
}

/**
 * Checks one operation against the documents as the operations before it in the batch left them (staged), and
 * stages its result. Returns { statusCode, body } like the service does per operation.
 */
function apply(coll, staged, partitionKey, op, dbId, collId) {
  const body = op.resourceBody;
  const id = body ? body.id : op.id;
  if (typeof id !== "string" || id === "") {
    return { statusCode: 400, body: { code: "BadRequest", message: "missing id" } };
  }
  const key = keyOf(partitionKey, id);
  const existing = staged.has(key) ? staged.get(key) : coll.docs.get(key);
  switch (op.operationType) {
    case "Create":
      if (existing) {
        return { statusCode: 409, body: { code: "Conflict", message: "Entity with the specified id already exists in the system." } };
      }
      break;
    case "Replace":
      if (!existing) {
        return { statusCode: 404, body: { code: "NotFound", message: "Entity with the specified id does not exist in the system." } };
      }
      if (op.ifMatch && op.ifMatch !== existing._etag) {
        return { statusCode: 412, body: { code: "PreconditionFailed", message: "Operation cannot be performed because one of the specified precondition is not met." } };
      }
      break;
    case "Upsert":
      if (op.ifMatch && existing && op.ifMatch !== existing._etag) {
        return { statusCode: 412, body: { code: "PreconditionFailed", message: "Operation cannot be performed because one of the specified precondition is not met." } };
      }
      break;
    case "Read":
      if (!existing) {
        return { statusCode: 404, body: { code: "NotFound", message: "Entity with the specified id does not exist in the system." } };
      }
      return { statusCode: 200, body: visible(existing) };
    case "Delete":
      if (!existing) {
        return { statusCode: 404, body: { code: "NotFound", message: "Entity with the specified id does not exist in the system." } };
      }
      staged.set(key, null);
      return { statusCode: 204, body: null };
    default:
      return { statusCode: 400, body: { code: "BadRequest", message: `Operation type '${op.operationType}' is not supported` } };
  }
  const stored = stamp(coll, body, dbId, collId);
  staged.set(key, stored);
  return { statusCode: op.operationType === "Create" || (op.operationType === "Upsert" && !existing) ? 201 : 200, body: visible(stored) };
}

/** Writes what a batch (or a single operation) staged, in order; a null deletes. */
function commit(coll, staged) {
  for (const [key, doc] of staged) {
    if (doc === null) {
      coll.docs.delete(key);
    } else {
      coll.docs.delete(key); // re-insert, so map order stays write order
      coll.docs.set(key, doc);
    }
  }
}

/** One document operation outside a batch. */
function single(coll, partitionKey, op, dbId, collId) {
  const staged = new Map();
  const result = apply(coll, staged, partitionKey, op, dbId, collId);
  if (result.statusCode < 400) {
    commit(coll, staged);
  }
  return result;
}

/* ---------- HTTP ---------- */

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", c => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function isTrue(req, header) {
  const value = req.headers[header];
  return typeof value === "string" && value.toLowerCase() === "true";
}

function send(req, res, statusCode, body, headers = {}) {
  res.statusCode = statusCode;
  res.setHeader("content-type", "application/json");
  res.setHeader("x-ms-activity-id", crypto.randomUUID());
  res.setHeader("x-ms-request-charge", headers["x-ms-request-charge"] || "1");
  res.setHeader("x-ms-session-token", "0:1#1");
  for (const [name, value] of Object.entries(headers)) {
    res.setHeader(name, value);
  }
  if (body && body._etag && !headers.etag) {
    res.setHeader("etag", body._etag);
  }
  res.end(body === null || body === undefined ? "" : JSON.stringify(body));
}

/** The query plan the SDK asks for: a plain query over the whole range, so the SDK passes the query through. */
function queryPlan(sql) {
  return {
    partitionedQueryExecutionInfoVersion: 2,
    queryInfo: {
      distinctType: "None",
      top: null,
      offset: null,
      limit: null,
      orderBy: [],
      orderByExpressions: [],
      groupByExpressions: [],
      groupByAliases: [],
      aggregates: [],
      groupByAliasToAggregateType: {},
      rewrittenQuery: "",
      hasSelectValue: false,
      dCountInfo: null
    },
    queryRanges: [{ min: "", max: "FF", isMinInclusive: true, isMaxInclusive: false }]
  };
}

/** Runs a query over one partition (or all); OFFSET/LIMIT, which @zeit/cosmosdb-query lacks, is applied here. */
function runQuery(coll, partitionKey, spec, partitionKeyPath) {
  let sql = spec.query;
  let offset = 0;
  let limit = Infinity;
  const paging = /\s+OFFSET\s+(\d+)\s+LIMIT\s+(\d+)\s*$/i.exec(sql);
  if (paging) {
    sql = sql.slice(0, paging.index);
    offset = parseInt(paging[1], 10);
    limit = parseInt(paging[2], 10);
  }
  let docs = [...coll.docs.entries()]
    .filter(([key]) => partitionKey === undefined || key.startsWith(`${JSON.stringify(partitionKey)}\u0000`))
    .map(([, doc]) => visible(doc));
  const { result } = query(sql).exec(docs, { parameters: spec.parameters || [] });
  return result.slice(offset, offset + limit);
}

/** The latest-version change feed: each changed document once, at the place of its last change, from an LSN on. */
function changeFeed(coll, since, maxItems) {
  const changed = [...coll.docs.values()].filter(d => d._lsn > since).sort((a, b) => a._lsn - b._lsn);
  const page = changed.slice(0, maxItems > 0 ? maxItems : changed.length);
  const next = page.length ? page[page.length - 1]._lsn : Math.max(since, coll.lsn);
  return { page, next };
}

/** Expired documents disappear at once here; the service deletes them in the background but never shows them. */
function removeExpired(coll) {
  const now = Math.floor(Date.now() / 1000);
  for (const [key, doc] of coll.docs) {
    if (Number.isInteger(doc.ttl) && doc.ttl > 0 && doc._ts + doc.ttl <= now) {
      coll.docs.delete(key);
    }
  }
}

async function handleDocuments(req, res, dbId, collId, docId) {
  const coll = collectionOf(dbId, collId);
  removeExpired(coll);
  const partitionKey = partitionKeyOf(req.headers["x-ms-documentdb-partitionkey"]);
  const method = req.method;
  const text = await readBody(req);
  const body = text ? JSON.parse(text) : null;

  if (docId === undefined && method === "POST" && isTrue(req, "x-ms-cosmos-is-query-plan-request")) {
    return send(req, res, 200, queryPlan(body.query));
  }
  if (docId === undefined && method === "POST"
      && (isTrue(req, "x-ms-documentdb-isquery") || (req.headers["content-type"] || "").startsWith("application/query+json"))) {
    let result;
    try {
      result = runQuery(coll, partitionKey, body);
    } catch (err) {
      return send(req, res, 400, { code: "BadRequest", message: String(err.message) });
    }
    return send(req, res, 200, { _rid: coll.rid, Documents: result, _count: result.length },
        { "x-ms-item-count": String(result.length) });
  }
  if (docId === undefined && method === "POST" && isTrue(req, "x-ms-cosmos-is-batch-request")) {
    if (partitionKey === undefined) {
      return send(req, res, 400, { code: "BadRequest", message: "a batch needs x-ms-documentdb-partitionkey" });
    }
    const staged = new Map();
    const results = [];
    let failed = null;
    for (const op of body) {
      if (failed) {
        results.push({ statusCode: 424, requestCharge: 0 });
        continue;
      }
      const result = apply(coll, staged, partitionKey, op, dbId, collId);
      if (result.statusCode >= 400) {
        failed = result;
        // the operations before the failing one are reported as failed dependencies too: nothing was applied
        for (const earlier of results) {
          earlier.statusCode = 424;
          delete earlier.resourceBody;
          delete earlier.eTag;
        }
        results.push({ statusCode: result.statusCode, requestCharge: 0 });
      } else {
        results.push({ statusCode: result.statusCode, requestCharge: 1, eTag: result.body && result.body._etag, resourceBody: result.body });
      }
    }
    if (failed) {
      // as the service answers a failed atomic batch: 207 Multi-Status, the failing operation's own status in the
      // body and 424 Failed Dependency for every other operation
      return send(req, res, 207, results, { "x-ms-request-charge": "0" });
    }
    commit(coll, staged);
    return send(req, res, 200, results, { "x-ms-request-charge": String(results.length) });
  }
  if (docId === undefined && method === "GET") {
    // read feed; with A-IM: Incremental feed it is the change feed, its ETag the LSN to go on from
    const maxItems = parseInt(req.headers["x-ms-max-item-count"] || "-1", 10);
    if (req.headers["a-im"]) {
      const ifNoneMatch = req.headers["if-none-match"];
      const since = ifNoneMatch && ifNoneMatch !== "*" ? parseInt(String(ifNoneMatch).replace(/"/g, ""), 10) || 0
          : ifNoneMatch === "*" ? coll.lsn : 0;
      const { page, next } = changeFeed(coll, since, maxItems);
      const headers = { etag: `"${next}"`, "x-ms-item-count": String(page.length), lsn: String(coll.lsn) };
      if (page.length === 0) {
        return send(req, res, 304, null, headers);
      }
      return send(req, res, 200, { _rid: coll.rid, Documents: page.map(visible), _count: page.length }, headers);
    }
    const all = [...coll.docs.values()].map(visible);
    return send(req, res, 200, { _rid: coll.rid, Documents: all, _count: all.length }, { "x-ms-item-count": String(all.length) });
  }
  if (docId === undefined && method === "POST") {
    const upsert = isTrue(req, "x-ms-documentdb-is-upsert");
    const pk = partitionKey;
    const result = single(coll, pk, { operationType: upsert ? "Upsert" : "Create", resourceBody: body, ifMatch: req.headers["if-match"] }, dbId, collId);
    return send(req, res, result.statusCode, result.body);
  }
  if (docId !== undefined && method === "GET") {
    const result = single(coll, partitionKey, { operationType: "Read", id: docId }, dbId, collId);
    return send(req, res, result.statusCode, result.body);
  }
  if (docId !== undefined && method === "PUT") {
    if (!body || body.id !== docId) {
      return send(req, res, 400, { code: "BadRequest", message: "the id in the body must match the URL" });
    }
    const result = single(coll, partitionKey, { operationType: "Replace", resourceBody: body, ifMatch: req.headers["if-match"] }, dbId, collId);
    return send(req, res, result.statusCode, result.body);
  }
  if (docId !== undefined && method === "DELETE") {
    const result = single(coll, partitionKey, { operationType: "Delete", id: docId, ifMatch: req.headers["if-match"] }, dbId, collId);
    return send(req, res, result.statusCode, result.body);
  }
  return send(req, res, 405, { code: "MethodNotAllowed", message: `${method} is not served here` });
}

const server = createHttpsServer();
const [shipped] = server.listeners("request");
server.removeAllListeners("request");
server.on("request", (req, res) => {
  const pathname = new URL(req.url, "https://localhost").pathname.replace(/^\/+/, "/").replace(/\/+$/, "");
  const docs = /^\/dbs\/([^/]+)\/colls\/([^/]+)\/docs(?:\/([^/]+))?$/.exec(pathname);
  if (process.env.COSMOS_SERVER_TRACE) {
    console.error(`${req.method} ${req.url} ${JSON.stringify(req.headers)}`);
  }
  if (!docs) {
    // the SDK builds a container's link from the path of its parent, which the shipped server does not send
    const coll = /^\/dbs\/([^/]+)\/colls(?:\/[^/]+)?$/.exec(pathname);
    if (coll) {
      res.setHeader("x-ms-alt-content-path", `dbs/${coll[1]}`);
    }
    shipped(req, res);
    return;
  }
  const [, dbId, collId, docId] = docs.map(p => (p === undefined ? p : decodeURIComponent(p)));
  handleDocuments(req, res, dbId, collId, docId).catch(err => {
    console.error(err);
    if (!res.headersSent) {
      send(req, res, 500, { code: "InternalServerError", message: String(err.message) });
    }
  });
});
server.listen(port, "127.0.0.1", () => {
  console.log(`cosmos-server listening on ${server.address().port}`);
});

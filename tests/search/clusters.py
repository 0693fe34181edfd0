"""Two clusters on real sockets for the resilience tests, since no Elasticsearch runs here.

- `HangingCluster`: accepts connections and never answers (a cluster that hangs).
- `StandInCluster`: answers the few requests the portal makes (index exists/create, bulk
  index and delete, search) from a dictionary, enough to see what the portal sent and
  what a stale copy would show. It is no Elasticsearch: the query itself is not run (every
  stored story is a hit); the contract suite in test_elasticsearch.py checks a live one.
"""

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class HangingCluster:
    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(64)
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}"
        self.connections: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        self.server.settimeout(0.05)
        while not self._stop.is_set():
            try:
                conn, _ = self.server.accept()
            except OSError:
                continue
            self.connections.append(conn)  # held open, never answered

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        for conn in self.connections:
            conn.close()
        self.server.close()


class StandInCluster:
    def __init__(self) -> None:
        self.documents: dict[str, dict] = {}
        self.index_exists = False
        self.requests: list[tuple[str, str]] = []
        cluster = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def _answer(self, status: int, body: dict | None = None) -> None:
                data = json.dumps(body or {}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            def _body(self) -> bytes:
                return self.rfile.read(int(self.headers.get("Content-Length") or 0))

            def do_HEAD(self) -> None:
                cluster.requests.append(("HEAD", self.path))
                self._answer(200 if cluster.index_exists else 404)

            def do_DELETE(self) -> None:  # the index: recreated by update_index
                cluster.requests.append(("DELETE", self.path))
                cluster.documents.clear()
                cluster.index_exists = False
                self._answer(200, {"acknowledged": True})

            def do_PUT(self) -> None:
                if self.path.split("?")[0].endswith("/_bulk"):  # the client PUTs its bulk
                    return self.do_POST()
                self._body()
                cluster.requests.append(("PUT", self.path))
                cluster.index_exists = True
                self._answer(200, {"acknowledged": True})

            def do_POST(self) -> None:
                body = self._body()
                path = self.path.split("?")[0]
                cluster.requests.append(("POST", path))
                if path.endswith("/_bulk"):
                    self._answer(200, cluster.bulk(body))
                elif path.endswith("/_search"):
                    self._answer(200, cluster.search(json.loads(body or b"{}")))
                else:
                    self._answer(404, {"error": "not here"})

            do_GET = do_POST

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def bulk(self, body: bytes) -> dict:
        lines = [json.loads(line) for line in body.splitlines() if line.strip()]
        items = []
        while lines:
            action = lines.pop(0)
            ((op, meta),) = action.items()
            if op == "index":
                self.documents[str(meta["_id"])] = lines.pop(0)
            elif op == "delete":
                self.documents.pop(str(meta["_id"]), None)
            items.append({op: {"_id": meta["_id"], "status": 200}})
        return {"took": 1, "errors": False, "items": items}

    def search(self, body: dict) -> dict:
        hits = [
            {"_id": story_id, "_score": 1.0, "_source": source}
            for story_id, source in self.documents.items()
        ]
        aggregations = {name: {"values": {"buckets": []}} for name in body.get("aggs", {})}
        return {
            "took": 1,
            "timed_out": False,
            "hits": {"total": {"value": len(hits), "relation": "eq"}, "hits": hits},
            "aggregations": aggregations,
        }

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

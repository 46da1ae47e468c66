"""A service to deploy in tests: python3 fixture_service.py PORT VERSION MODE.

GET / answers "VERSION"; in mode bad every second request answers 500. GET /health answers
200 (500 in mode unhealthy). GET /metrics is a Prometheus counter http_requests_total by code
(404 in mode nometrics). Mode crash exits 1 after 0.3 s.
"""
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, version, mode = int(sys.argv[1]), sys.argv[2], sys.argv[3]
counts = {"200": 0, "500": 0}
lock = threading.Lock()

if mode == "crash":
    threading.Timer(0.3, lambda: __import__("os")._exit(1)).start()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/health":
            self.answer(500 if mode == "unhealthy" else 200, "ok")
        elif self.path == "/metrics":
            if mode == "nometrics":
                self.answer(404, "no metrics here")
                return
            with lock:
                body = "# TYPE http_requests_total counter\n" + "".join(
                    'http_requests_total{code="%s"} %d\n' % (code, n) for code, n in counts.items())
            self.answer(200, body)
        else:
            with lock:
                total = counts["200"] + counts["500"]
                code = "500" if mode == "bad" and total % 2 == 1 else "200"
                counts[code] += 1
            self.answer(int(code), version)

    def answer(self, code, body):
        data = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


ThreadingHTTPServer.allow_reuse_address = True
ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
